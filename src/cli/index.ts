/**
 * `npm run -s bot -- <command>`: the command line used by staff and automated checks.
 * Only the command's own output goes to stdout; logs go to stderr.
 */
import { broadcastCommand } from './broadcast.js';
import { chatCommand } from './chat.js';
import { classifyCommand } from './classify.js';
import { closureCommand } from './closure.js';
import { complaintsCommand } from './complaints.js';
import { fail, withApp } from './run.js';
import { whatsappCommand } from './whatsapp.js';

const USAGE = `usage: npm run -s bot -- <command>
  chat [--user ID] [--json]   chat on stdin/stdout (the console channel)
  classify                    one utterance a line in, one JSON line out
  complaints <sub>            list [--open|--overdue] | show ID | update ID --status S --note N [--by NAME]
                              | export --format csv|jsonl [--out FILE] | purge | forget ID
  broadcast <sub>             send --text T [--channel telegram|whatsapp|all] [--at TIME] [--yes]
                              | status [--id ID] | cancel [--id ID]
  closure <sub>               show | set --services a,b|all [--until DATE|--until-note T] [--reason T]
                              | reopen [--services a,b|all]
  whatsapp login              pair the office's WhatsApp number (QR in the terminal + PNG)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'chat':
      return withApp((app) => chatCommand(app, rest));
    case 'classify':
      return withApp((app) => classifyCommand(app));
    case 'complaints':
      return withApp((app) => complaintsCommand(app, rest));
    case 'whatsapp':
      return whatsappCommand(rest);
    case 'broadcast':
      return withApp((app) => broadcastCommand(app, rest));
    case 'closure':
      return withApp((app) => closureCommand(app, rest));
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = fail(err);
  },
);
