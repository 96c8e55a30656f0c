/**
 * `npm run -s bot -- staff …`: console accounts on the server's command line (there is no sign-up page).
 *   staff add NAME --role admin|operator|viewer [--password-stdin]   a one-time password is printed unless one is piped in
 *   staff list [--json]
 *   staff disable NAME
 *   staff reset NAME                                                 a new one-time password, sessions ended
 *   staff totp NAME [--off]                                          turn the second factor on (prints the otpauth URL) or off
 * Every change is written to the console's audit log as `cli:<OS user>`. Mistakes: one line and the usage, exit 2.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { App } from '../app.js';
import { ZodError } from 'zod';
import type { CliIo } from '../cli/operations.js';
import { newTotpSecret } from './crypto.js';
import { AccountProblem, ConsoleRecords, RoleSchema } from './records.js';

const USAGE = `usage: npm run -s bot -- staff <command>
  staff add NAME --role admin|operator|viewer [--password-stdin]
      create a console account; without --password-stdin a one-time password is printed (changed at first login)
  staff list [--json]
      every account with its role and state
  staff disable NAME
      block an account and end its sessions
  staff reset NAME
      a new one-time password (to be changed at next login); ends its sessions
  staff totp NAME [--off]
      turn the authenticator second factor on (prints the secret and otpauth:// URL) or off
`;

/** Read stdin to its end (the piped password), without the trailing newline. */
async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Run `staff argv…`; resolves with the exit code. */
export async function staffCommand(app: App, argv: readonly string[], io: CliIo, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === 'help' || command === '-h') {
    (command === undefined ? io.err : io.out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean' }, json: { type: 'boolean' }, off: { type: 'boolean' } },
    });
  } catch (err) {
    io.err(`${err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)}\n${USAGE}`);
    return 2;
  }
  const records = new ConsoleRecords(app.store);
  const now = new Date();
  const by = `cli:${userInfo().username}`;
  const name = parsed.positionals[0];
  const audit = (action: string, detail: string) => records.record({ at: now.toISOString(), by, action, detail, ok: true });
  const needName = (): string => {
    if (!name) throw new AccountProblem('name the account');
    return name;
  };
  try {
    switch (command) {
      case 'add': {
        const role = RoleSchema.safeParse(parsed.values.role);
        if (!role.success) throw new AccountProblem('--role must be admin, operator or viewer');
        const password = parsed.values['password-stdin'] ? await readStdin(stdin) : undefined;
        const { account, oneTime } = await records.addAccount(needName(), role.data, password, now);
        await audit('staff_add', `${account.username} (${account.role})`);
        io.out(oneTime ? `${account.username} (${account.role}) created. One-time password: ${oneTime}\nIt must be changed at first login.\n` : `${account.username} (${account.role}) created.\n`);
        return 0;
      }
      case 'list': {
        const list = await records.listAccounts();
        if (parsed.values.json) io.out(`${JSON.stringify(list.map(({ passwordHash: _h, totpSecret, ...a }) => ({ ...a, totp: totpSecret !== null })))}\n`);
        else for (const a of list) io.out(`${a.username}\t${a.role}\t${a.disabled ? 'disabled' : 'active'}${a.mustChange ? '\tmust change password' : ''}${a.totpSecret ? '\ttotp' : ''}\n`);
        io.err(`${list.length} account(s)\n`);
        return 0;
      }
      case 'disable': {
        const a = await records.disable(needName(), now);
        await audit('staff_disable', a.username);
        io.out(`${a.username} disabled; its sessions ended.\n`);
        return 0;
      }
      case 'reset': {
        const { account, oneTime } = await records.reset(needName(), now);
        await audit('staff_reset', account.username);
        io.out(`${account.username}: one-time password ${oneTime}\nIt must be changed at next login; its sessions ended.\n`);
        return 0;
      }
      case 'totp': {
        const secret = parsed.values.off ? null : newTotpSecret();
        const a = await records.updateAccount(needName(), (x) => ({ ...x, totpSecret: secret }), now);
        await audit('staff_totp', `${a.username} ${secret ? 'on' : 'off'}`);
        if (secret) {
          const label = encodeURIComponent(`${app.office.shortName}:${a.username}`);
          io.out(`${a.username}: second factor on.\nsecret: ${secret}\notpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(app.office.shortName)}\n`);
        } else io.out(`${a.username}: second factor off.\n`);
        return 0;
      }
      default:
        io.err(`unknown command "staff ${command}"\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof AccountProblem) {
      io.err(`${err.message.split(' — ')[0]}\n${USAGE}`);
      return 2;
    }
    if (err instanceof ZodError) {
      io.err(`${err.issues[0]?.message ?? 'invalid'}\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}
