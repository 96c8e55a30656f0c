/**
 * `npm run -s bot -- <command>`: the command line used by staff and automated checks. Built-in commands
 * (chat, classify), one group per feature from the catalogue of staff operations (complaints, closure,
 * broadcast …), and each channel module's own commands (`whatsapp login`). Only the command's own output
 * goes to stdout; logs and mistakes go to stderr. A mistake is one line plus the usage, exit status 2.
 */
import type { App } from '../app.js';
import { loadConfig } from '../config.js';
import { Translator } from '../kernel/locale.js';
import { staffCommand } from '../console/staff-cli.js';
import { chatCommand } from './chat.js';
import { classifyCommand } from './classify.js';
import { groupUsage, PROCESS_IO, runGroup } from './operations.js';
import { fail, withApp } from './run.js';

/** The top-level usage, generated from the catalogue and the channel modules. */
function usage(app: App): string {
  const t = new Translator(app.locales, 'id');
  const groups = [...app.catalogue.cliGroups()].map(([group, ops]) => groupUsage(group, ops, t).replace(/^usage: npm run -s bot -- /, ''));
  const channelCommands = app.config.channels.flatMap((c) => Object.entries(c.commands).map(([name, cmd]) => `  ${c.name} ${name}`.padEnd(30) + cmd.help));
  return `usage: npm run -s bot -- <command>
  chat [--user ID] [--json]     chat on stdin/stdout (the console channel)
  classify                      one utterance a line in, one JSON line out
  staff add|list|disable|reset|totp   staff console accounts (staff --help)
${channelCommands.join('\n')}
  <group> --help                the options of a group's commands

${groups.join('\n')}`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'chat') return withApp((app) => chatCommand(app, rest));
  if (command === 'classify') return withApp((app) => classifyCommand(app));
  if (command === 'staff') return withApp((app) => staffCommand(app, rest, PROCESS_IO));
  // A channel's own commands run without building the app (pairing WhatsApp needs no store or model).
  if (command !== undefined) {
    let channel;
    try {
      channel = loadConfig().channels.find((c) => c.name === command);
    } catch (err) {
      return fail(err);
    }
    if (channel) {
      const sub = channel.commands[rest[0] ?? ''];
      if (!sub) {
        const list = Object.entries(channel.commands).map(([name, c]) => `  ${command} ${name}   ${c.help}`);
        process.stderr.write(`${rest[0] ? `unknown command "${command} ${rest[0]}"\n` : ''}usage:\n${list.join('\n')}\n`);
        return 2;
      }
      return sub.run({ dataDir: loadConfig().dataDir, out: process.stdout });
    }
  }
  return withApp(async (app) => {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      (command === undefined ? process.stderr : process.stdout).write(usage(app));
      return command === undefined ? 2 : 0;
    }
    if (app.catalogue.cliGroups().has(command)) return runGroup(command, rest, { catalogue: app.catalogue, locales: app.locales });
    process.stderr.write(`unknown command "${command}"\n${usage(app)}`);
    return 2;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = fail(err);
  },
);
