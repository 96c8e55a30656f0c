/**
 * `npm run -s bot -- complaints …`: the complaint desk for staff at a terminal.
 *   list [--open|--overdue]                            one line a complaint
 *   show ID                                            one complaint in full
 *   update ID --status S [--note N] [--by NAME]        change the status (the citizen is told when reachable)
 *   export --format csv|jsonl [--out FILE]             all complaints (personal data included)
 *   purge                                              remove complaints past the retention period
 *   forget ID                                          delete one citizen's personal data, keep an anonymous record
 */
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { App } from '../app.js';
import { toCsv, toJsonl } from '../features/complaints/export.js';
import * as render from '../features/complaints/render.js';
import { Status, Ticket } from '../features/complaints/schema.js';
import { ComplaintNotFound, StatusChangeRefused } from '../features/complaints/service.js';
import { findTicket } from '../features/complaints/tickets.js';
import { replyText } from '../kernel/message.js';

const USAGE = `usage: npm run -s bot -- complaints <list [--open|--overdue] | show ID | update ID --status S [--note N] [--by NAME] | export --format csv|jsonl [--out FILE] | purge | forget ID>
`;

function out(s: string): void {
  process.stdout.write(s);
}

function err(s: string): number {
  process.stderr.write(`${s}\n`);
  return 1;
}

function ticketOf(raw: string | undefined): string | undefined {
  const t = raw ? findTicket(raw) : undefined;
  return t && Ticket.safeParse(t).success ? t : undefined;
}

/** Run one `complaints` subcommand; returns the exit code. */
export async function complaintsCommand(app: App, argv: string[], now: () => Date = () => new Date()): Promise<number> {
  const [sub, ...rest] = argv;
  const service = app.bot.complaints;
  const r = service.renderer('id');
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      open: { type: 'boolean', default: false },
      overdue: { type: 'boolean', default: false },
      status: { type: 'string' },
      note: { type: 'string' },
      by: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
    },
  });
  try {
    switch (sub) {
      case 'list': {
        const at = now();
        const all = values.open || values.overdue ? await service.listOpen(at, values.overdue) : await service.repo.list();
        for (const c of all) out(`${render.staffLine(r, c, service.overdue(c, at))}\n`);
        process.stderr.write(`${all.length} complaint(s)\n`);
        return 0;
      }
      case 'show': {
        const ticket = ticketOf(positionals[0]);
        if (!ticket) return usage('show needs a ticket like ADU-7K3M9Q');
        const c = await service.require(ticket);
        out(`${render.staffDetail(r, c, service.overdue(c, now())).map(replyText).join('\n')}\n`);
        return 0;
      }
      case 'update': {
        const ticket = ticketOf(positionals[0]);
        const status = Status.safeParse(values.status);
        if (!ticket || !status.success) return usage(`update needs a ticket and --status ${Status.options.join('|')}`);
        const by = `cli:${values.by ?? userInfo().username}`;
        const { complaint, notified } = await service.updateStatus(ticket, status.data, values.note, by, now());
        out(`${complaint.ticket} ${complaint.status}${notified ? ' (citizen told)' : ' (citizen not told yet: the running service retries)'}\n`);
        return 0;
      }
      case 'export': {
        if (values.format !== 'csv' && values.format !== 'jsonl') return usage('--format is csv or jsonl');
        const all = await service.repo.list();
        const at = now();
        const text = values.format === 'csv' ? toCsv(all, (c) => service.overdue(c, at)) : toJsonl(all);
        if (values.out) {
          writeFileSync(values.out, text, 'utf8');
          process.stderr.write(`${all.length} complaint(s) written to ${values.out}\n`);
        } else {
          out(text);
        }
        return 0;
      }
      case 'purge': {
        const removed = await service.purge(now());
        out(`${removed} complaint(s) removed (closed more than ${app.config.COMPLAINT_RETENTION_DAYS} days ago)\n`);
        return 0;
      }
      case 'forget': {
        const ticket = ticketOf(positionals[0]);
        if (!ticket) return usage('forget needs a ticket like ADU-7K3M9Q');
        const c = await service.forget(ticket, `cli:${values.by ?? userInfo().username}`, now());
        out(`${c.ticket}: personal data deleted; anonymous record kept\n`);
        return 0;
      }
      default:
        out(USAGE);
        return sub === undefined || sub === 'help' ? 0 : 2;
    }
  } catch (e) {
    if (e instanceof ComplaintNotFound) return err(`no complaint ${e.ticket}`);
    if (e instanceof StatusChangeRefused) return err(`${e.message} (selesai/ditolak are final; ditolak needs --note)`);
    throw e;
  }
}

function usage(problem: string): number {
  process.stderr.write(`${problem}\n${USAGE}`);
  return 2;
}
