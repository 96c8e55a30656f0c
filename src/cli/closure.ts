/**
 * `bot closure show|set|reopen`: the closure status citizens are told, changed from the command line
 * (staff do the same with /tutup and /buka). The change is in the store at once; a running service answers
 * from it within a second.
 */
import { parseArgs } from 'node:util';
import type { App } from '../app.js';
import { closureAnnouncement } from '../features/announcements/closure-announce.js';
import { closeServices, reopenServices, type ChangeResult } from '../features/announcements/closure-change.js';
import { parseServiceList } from '../features/announcements/operations.js';

const USAGE = `usage: npm run -s bot -- closure <sub>
  show [--json]                 the current status (and the announcement it would make)
  set --services a,b|all [--until YYYY-MM-DD | --until-note TEXT] [--reason TEXT] [--by NAME]
  reopen [--services a,b|all] [--by NAME]
`;

/** Run a `closure` subcommand; returns the exit code. */
export async function closureCommand(app: App, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      services: { type: 'string' },
      until: { type: 'string' },
      'until-note': { type: 'string' },
      reason: { type: 'string' },
      by: { type: 'string', default: 'cli' },
      json: { type: 'boolean', default: false },
    },
  });
  const now = new Date();
  const current = await app.bot.closure.current(0);
  const apply = async (result: ChangeResult): Promise<number> => {
    if (!result.ok) {
      process.stderr.write(`unknown service: ${result.unknown.join(', ') || '(none given)'}; known: ${result.known.join(', ')}, or all\n`);
      return 2;
    }
    await app.bot.closure.set(result.status);
    process.stdout.write(`${JSON.stringify(result.status, null, 2)}\n`);
    return 0;
  };
  switch (sub) {
    case 'show':
      if (values.json) process.stdout.write(`${JSON.stringify(current)}\n`);
      else process.stdout.write(`${JSON.stringify(current, null, 2)}\n\n${closureAnnouncement(app.locales, current, app.office)}\n`);
      return 0;
    case 'set': {
      if (!values.services) {
        process.stderr.write(`--services is required\n${USAGE}`);
        return 2;
      }
      if (values.until && !/^\d{4}-\d{2}-\d{2}$/.test(values.until)) {
        process.stderr.write('--until must be a date YYYY-MM-DD\n');
        return 2;
      }
      const services = parseServiceList(values.services);
      return apply(
        closeServices(
          current,
          { services, until: values.until ?? null, untilNote: values['until-note'] ?? null, reason: values.reason ?? null },
          app.office,
          now,
          values.by ?? 'cli',
        ),
      );
    }
    case 'reopen':
      return apply(reopenServices(current, values.services ? parseServiceList(values.services) : 'all', app.office, now, values.by ?? 'cli'));
    default:
      process.stderr.write(USAGE);
      return 2;
  }
}
