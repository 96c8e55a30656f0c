/**
 * Staff operations of the complaint desk, each declared once; chat commands, the CLI (`complaints …`) and the
 * web console are derived from these. Replies are in Indonesian for staff, whatever language the command
 * came in (the office's working language).
 *   /aduan [terbuka|terlambat]                   complaints list [--open|--overdue]
 *   /aduan_lihat ADU-XXXXXX                      complaints show ID
 *   /aduan_status ADU-XXXXXX <status> [catatan]  complaints update ID --status S [--note N] [--by NAME]
 *   /aduan_kategori ADU-XXXXXX <kategori>        complaints category ID --category C
 *   /aduan_catatan ADU-XXXXXX <catatan>          complaints note ID --note N
 *   /aduan_hapus_data ADU-XXXXXX                 complaints forget ID
 *                                                complaints export --format csv|jsonl [--out FILE]
 *                                                complaints purge
 */
import { z } from 'zod';
import { defineOperation, exportOperation, listCli, purgeOperation, ListFilter, listResult, parseListFilter, splitArgs, type Operation, type OperationResult } from '../../kernel/operation.js';
import { replyText } from '../../kernel/message.js';
import { toCsv, toJsonl } from './export.js';
import * as render from './render.js';
import { Category, MAX_NOTE, Status, Ticket } from './schema.js';
import { ComplaintNotFound, StatusChangeRefused, type ComplaintService } from './service.js';
import { findTicket } from './tickets.js';

const Note = z.string().trim().max(MAX_NOTE, `at most ${MAX_NOTE} characters`);

/** Longest list sent in one chat message (the rest is counted; the CLI lists everything). */
const MAX_LIST = 40;

/** The first word as a ticket (`adu-7k3m9q` accepted), or the raw word so the schema names the problem. */
function ticketArg(word: string | undefined): string {
  return (word && findTicket(word)) ?? word ?? '';
}

/** A ticket given on the CLI, read like one typed in chat. */
const cliTicket = (p: Readonly<Record<string, string | undefined>>): string => ticketArg(p.ticket);

/** Turn the service's refusals into the staff member's reply; anything else is a real failure. */
async function guarded(service: ComplaintService, body: () => Promise<OperationResult>): Promise<OperationResult> {
  const { t } = service.renderer('id');
  try {
    return await body();
  } catch (err) {
    if (err instanceof ComplaintNotFound) {
      return { replies: [t.reply('complaint.staff.missing', { ticket: err.ticket })], exitCode: 1 };
    }
    if (err instanceof StatusChangeRefused) {
      return { replies: [t.reply('complaint.staff.status.refused', { from: err.from, to: err.to })], exitCode: 1 };
    }
    throw err;
  }
}

/** The complaint desk's operations over `service`. */
export function complaintOperations(service: ComplaintService, retentionDays: number): Operation[] {
  const r = () => service.renderer('id');
  return [
    defineOperation({
      name: 'aduan',
      role: 'viewer',
      mutates: false,
      input: z.object({ filter: ListFilter }),
      parseChat: parseListFilter,
      cli: listCli('complaints', 'complaints', 'only overdue complaints'),
      run: async ({ filter }, ctx) => {
        const list = filter === 'semua' ? await service.repo.list() : await service.listOpen(ctx.now, filter === 'terlambat');
        const { t } = r();
        return listResult(
          list.map((c) => render.staffLine(r(), c, service.overdue(c, ctx.now))),
          list,
          {
            max: MAX_LIST,
            more: (count) => t.text('complaint.staff.list.more', { count }),
            empty: t.reply(filter === 'terlambat' ? 'complaint.staff.list.none.overdue' : 'complaint.staff.list.none'),
            full: (lines) => t.reply('complaint.staff.list', { count: list.length, lines }),
            noun: 'complaint',
          },
        );
      },
    }),
    defineOperation({
      name: 'aduan_lihat',
      role: 'viewer',
      mutates: false,
      input: z.object({ ticket: Ticket }),
      parseChat: (args) => ({ ticket: ticketArg(splitArgs(args)[0]) }),
      cli: { group: 'complaints', command: 'show', positionals: ['ticket'], toInput: (p) => ({ ticket: cliTicket(p) }) },
      run: ({ ticket }, ctx) =>
        guarded(service, async () => {
          const c = await service.require(ticket);
          const replies = render.staffDetail(r(), c, service.overdue(c, ctx.now));
          return { replies, text: `${replies.map(replyText).join('\n')}\n`, json: c };
        }),
    }),
    defineOperation({
      name: 'aduan_status',
      role: 'operator',
      mutates: true,
      input: z
        .object({ ticket: Ticket, status: Status, note: Note.nullable() })
        .refine((c) => c.status !== 'ditolak' || (c.note ?? '').length > 0, {
          message: 'ditolak needs a reason: /aduan_status ADU-XXXXXX ditolak <alasan>',
          path: ['note'],
        }),
      parseChat: (args) => {
        const [ticket, status, ...rest] = splitArgs(args);
        return { ticket: ticketArg(ticket), status: (status ?? '').toLowerCase(), note: rest.join(' ') || null };
      },
      cli: {
        group: 'complaints',
        command: 'update',
        positionals: ['ticket'],
        options: {
          status: { type: 'string', value: 'S', help: `new status: ${Status.options.join('|')}` },
          note: { type: 'string', value: 'N', help: 'note sent to the citizen (required for ditolak)' },
        },
        toInput: (p, o) => ({ ticket: cliTicket(p), status: o.status, note: o.note ?? null }),
      },
      run: ({ ticket, status, note }, ctx) =>
        guarded(service, async () => {
          const { complaint, notified } = await service.updateStatus(ticket, status, note ?? undefined, ctx.staffKey, ctx.now);
          const { t } = r();
          return {
            replies: [
              t.reply(notified ? 'complaint.staff.status.done' : 'complaint.staff.status.unnotified', {
                ticket: complaint.ticket,
                status: render.statusLabel(t, complaint.status),
              }),
            ],
            text: `${complaint.ticket} ${complaint.status}${notified ? ' (citizen told)' : ' (citizen not told yet: the running service retries)'}\n`,
            json: { ticket: complaint.ticket, status: complaint.status, notified },
          };
        }),
    }),
    defineOperation({
      name: 'aduan_kategori',
      role: 'operator',
      mutates: true,
      input: z.object({ ticket: Ticket, category: Category }),
      parseChat: (args) => {
        const [ticket, category] = splitArgs(args);
        return { ticket: ticketArg(ticket), category: (category ?? '').toLowerCase() };
      },
      cli: {
        group: 'complaints',
        command: 'category',
        positionals: ['ticket'],
        options: { category: { type: 'string', value: 'C', help: `category: ${Category.options.join('|')}` } },
        toInput: (p, o) => ({ ticket: cliTicket(p), category: o.category }),
      },
      run: ({ ticket, category }, ctx) =>
        guarded(service, async () => {
          const c = await service.setCategory(ticket, category, ctx.staffKey, ctx.now);
          const { t } = r();
          return {
            replies: [t.reply('complaint.staff.category.done', { ticket: c.ticket, category: render.categoryLabel(t, c.category) })],
            json: { ticket: c.ticket, category: c.category },
          };
        }),
    }),
    defineOperation({
      name: 'aduan_catatan',
      role: 'operator',
      mutates: true,
      input: z.object({ ticket: Ticket, note: Note.min(1, 'write the note') }),
      parseChat: (args) => {
        const [ticket, ...rest] = splitArgs(args);
        return { ticket: ticketArg(ticket), note: rest.join(' ') };
      },
      cli: {
        group: 'complaints',
        command: 'note',
        positionals: ['ticket'],
        options: { note: { type: 'string', value: 'N', help: 'internal note (staff only, never sent to the citizen)' } },
        toInput: (p, o) => ({ ticket: cliTicket(p), note: o.note ?? '' }),
      },
      run: ({ ticket, note }, ctx) =>
        guarded(service, async () => {
          const c = await service.addNote(ticket, note, ctx.staffKey, ctx.now);
          return { replies: [r().t.reply('complaint.staff.note.done', { ticket: c.ticket })], json: { ticket: c.ticket } };
        }),
    }),
    defineOperation({
      name: 'aduan_hapus_data',
      role: 'operator',
      mutates: true,
      input: z.object({ ticket: Ticket }),
      parseChat: (args) => ({ ticket: ticketArg(splitArgs(args)[0]) }),
      cli: { group: 'complaints', command: 'forget', positionals: ['ticket'], toInput: (p) => ({ ticket: cliTicket(p) }) },
      run: ({ ticket }, ctx) =>
        guarded(service, async () => {
          const c = await service.forget(ticket, ctx.staffKey, ctx.now);
          return {
            replies: [r().t.reply('complaint.staff.forgotten', { ticket: c.ticket })],
            text: `${c.ticket}: personal data deleted; anonymous record kept\n`,
          };
        }),
    }),
    exportOperation({
      name: 'aduan_ekspor',
      group: 'complaints',
      noun: 'complaint',
      list: () => service.repo.list(),
      csv: (all, now) => toCsv(all, (c) => service.overdue(c, now)),
      jsonl: toJsonl,
    }),
    purgeOperation({ name: 'aduan_purge', group: 'complaints', noun: 'complaint', retentionDays, purge: (now) => service.purge(now) }),
  ];
}
