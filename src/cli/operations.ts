/**
 * The CLI front-end of the staff operations catalogue: `npm run -s bot -- <group> <command> [args] [--opts]`.
 * Subcommands, their options and `--help` are generated from each operation's `cli` declaration; input is
 * validated by the operation's own schema, exactly as in chat. A mistake (unknown option, missing value,
 * an impossible or past date, an unknown subcommand) prints one plain line and the usage on stderr and
 * exits 2, never a stack trace.
 */
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Translator, type Locales } from '../kernel/locale.js';
import { replyText } from '../kernel/message.js';
import type { Operation } from '../kernel/operation.js';
import { helpLine, runOperation, type Catalogue } from '../runtime/catalogue.js';

/** Where a CLI run writes. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** The process's own streams. */
export const PROCESS_IO: CliIo = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
};

/** Options every operation takes on the command line. */
const COMMON = {
  by: { type: 'string', value: 'NAME', help: 'who does it, kept in histories (default: the OS user)' },
  json: { type: 'boolean', help: 'print the result as JSON' },
  help: { type: 'boolean', help: 'show this help' },
} as const;

/** `complaints update TICKET [--status S] …` */
function usageLine(op: Operation): string {
  const cli = op.cli;
  if (!cli) return '';
  const positionals = (cli.positionals ?? []).map((p) => (p.endsWith('?') ? `[${p.slice(0, -1).toUpperCase()}]` : p.toUpperCase()));
  const options = Object.entries(cli.options ?? {}).map(([name, o]) => (o.type === 'boolean' ? `[--${name}]` : `[--${name} ${o.value ?? 'X'}]`));
  return [cli.group, cli.command, ...positionals, ...options].join(' ');
}

/** The usage of a group (every subcommand, one line each, with what it does). */
export function groupUsage(group: string, ops: readonly Operation[], t: Translator): string {
  const lines = ops.map((op) => `  ${usageLine(op)}\n      ${helpLine(t, op.name).replace(/^.*?— /, '') || op.name}`);
  return `usage: npm run -s bot -- ${group} <command>\n${lines.join('\n')}\n`;
}

/** The full help of one subcommand, generated from its declaration. */
export function commandHelp(op: Operation, t: Translator): string {
  const options = { ...(op.cli?.options ?? {}), ...COMMON };
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = o.type === 'boolean' ? `--${name}` : `--${name} ${'value' in o && o.value ? o.value : 'X'}`;
    return `  ${flag.padEnd(26)} ${o.help}`;
  });
  const what = helpLine(t, op.name).replace(/^.*?— /, '');
  return `usage: npm run -s bot -- ${usageLine(op)}\n${what ? `${what}\n` : ''}\noptions:\n${rows.join('\n')}\n`;
}

/** node:util's parse errors as one plain line (`unknown option --foo`). */
function parseProblem(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as Error & { code?: string }).code;
  const message = err.message.split('\n')[0] ?? err.message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return message.replace(/^Unknown option '(-[\w-]+)[^']*'.*/, 'unknown option $1');
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return message.replace(/^Option '(?:-\w, )?(--[\w-]+)[^']*'.*/, 'option $1 needs a value');
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return message.replace(/^Unexpected argument '([^']+)'.*/, 'unexpected argument $1');
  return message;
}

/** What a group run needs. */
export interface GroupRun {
  catalogue: Catalogue;
  locales: Locales;
  now?: () => Date;
  io?: CliIo;
}

/**
 * Run `group argv…` against the catalogue. Resolves with the exit code: 0 done, 1 the operation could not
 * do it (an unknown ticket, nothing to cancel), 2 the call itself was wrong (printed with the usage).
 */
export async function runGroup(group: string, argv: readonly string[], run: GroupRun): Promise<number> {
  const io = run.io ?? PROCESS_IO;
  const t = new Translator(run.locales, 'id');
  const ops = run.catalogue.cliGroups().get(group) ?? [];
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? io.err : io.out)(groupUsage(group, ops, t));
    return command === undefined ? 2 : 0;
  }
  const op = run.catalogue.cli(group, command);
  if (!op?.cli) {
    io.err(`unknown command "${group} ${command}"\n${groupUsage(group, ops, t)}`);
    return 2;
  }
  const positionalNames = (op.cli.positionals ?? []).map((p) => p.replace(/\?$/, ''));
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, o] of Object.entries({ ...op.cli.options, ...COMMON })) options[name] = { type: o.type };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...rest], options, allowPositionals: positionalNames.length > 0, strict: true }) as typeof parsed;
  } catch (err) {
    io.err(`${parseProblem(err)}\n${commandHelp(op, t)}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(commandHelp(op, t));
    return 0;
  }
  if (parsed.positionals.length > positionalNames.length) {
    io.err(`unexpected argument ${parsed.positionals[positionalNames.length]}\n${commandHelp(op, t)}`);
    return 2;
  }
  const positionals = Object.fromEntries(positionalNames.map((name, i) => [name, parsed.positionals[i]]));
  const raw = op.cli.toInput ? op.cli.toInput(positionals, parsed.values) : { ...positionals, ...parsed.values };
  const by = typeof parsed.values.by === 'string' && parsed.values.by.trim() ? parsed.values.by.trim() : userInfo().username;
  const now = (run.now ?? (() => new Date()))();
  const out = await runOperation(op, raw, { staffKey: `cli:${by}`, t, now, front: 'cli' });
  if (!out.ok) {
    io.err(`${out.problem}\n${commandHelp(op, t)}`);
    return 2;
  }
  const { result } = out;
  if (op.mutates) {
    await run.catalogue.audit?.record({ at: now.toISOString(), by: `cli:${by}`, action: op.name, detail: 'cli', ok: (result.exitCode ?? 0) === 0 });
  }
  // A refusal (unknown ticket, nothing to cancel) is for the person at the terminal, not for a pipe.
  const write = (result.exitCode ?? 0) === 0 ? io.out : io.err;
  if (result.writeTo !== undefined && result.text !== undefined) writeFileSync(result.writeTo, result.text, 'utf8');
  else if (parsed.values.json && result.json !== undefined) write(`${JSON.stringify(result.json)}\n`);
  else if (result.text !== undefined) write(result.text);
  else if (result.replies.length > 0) write(`${result.replies.map(replyText).join('\n')}\n`);
  if (result.notice) io.err(`${result.notice}\n`);
  return result.exitCode ?? 0;
}
