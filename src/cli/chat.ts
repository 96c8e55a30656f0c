import { parseArgs } from 'node:util';
import type { App } from '../app.js';
import { runConsole } from '../channels/console/console.js';

/** `bot chat [--user ID] [--json]`: the console channel. */
export async function chatCommand(app: App, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { user: { type: 'string', default: 'local' }, json: { type: 'boolean', default: false } },
  });
  await runConsole(app.bot, {
    input: process.stdin,
    output: process.stdout,
    user: values.user,
    json: values.json,
    interactive: Boolean(process.stdin.isTTY),
  });
  return 0;
}
