/** Strict argument parsing for the built-in CLI commands: a mistake is one line plus the usage, exit 2. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The outcome of parsing. */
export type CliArgs =
  | { ok: true; values: Record<string, string | boolean | undefined>; positionals: string[] }
  | { ok: false; exitCode: 2 };

/** Parse `argv` with `options`; on a mistake print it and `usage` to stderr. */
export function parseCliArgs(argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>, usage: string): CliArgs {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
    return { ok: true, values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    const line = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
    process.stderr.write(`${line}\nusage: npm run -s bot -- ${usage}\n`);
    return { ok: false, exitCode: 2 };
  }
}
