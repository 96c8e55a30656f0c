import type { App } from '../app.js';
import { runConsole } from '../channels/console/adapter.js';
import { parseCliArgs } from './args.js';

/** `bot chat [--user ID] [--json]`: the console channel. */
export async function chatCommand(app: App, argv: string[]): Promise<number> {
  const parsed = parseCliArgs(argv, { user: { type: 'string', default: 'local' }, json: { type: 'boolean', default: false } }, 'chat [--user ID] [--json]');
  if (!parsed.ok) return parsed.exitCode;
  const { values } = parsed;
  await runConsole(app.host, {
    input: process.stdin,
    output: process.stdout,
    user: String(values.user ?? 'local'),
    json: values.json === true,
    interactive: Boolean(process.stdin.isTTY),
  });
  return 0;
}
