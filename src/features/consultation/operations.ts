/**
 * Staff operations of the consultation desk, each declared once; chat commands, the CLI (`consultations …`)
 * and the web console are derived from these. Replies are in Indonesian for staff.
 *   /konsultasi_daftar [terbuka|terlambat|semua]   consultations list [--open|--overdue]
 *   /konsultasi_lihat KON-XXXXXX                   consultations show ID
 *   /jawab KON-XXXXXX <teks>                       consultations answer ID --text T
 *   /selesai KON-XXXXXX                            consultations close ID
 *   /konsultasi_alih KON-XXXXXX <staf>             consultations handover ID --to STAFF
 *   /konsultasi_hapus_data KON-XXXXXX              consultations forget ID
 *                                                  consultations export --format csv|jsonl [--out FILE]
 *                                                  consultations purge
 */
import { z } from 'zod';
import { replyText } from '../../kernel/message.js';
import { defineOperation, exportOperation, listCli, purgeOperation, ListFilter, listResult, parseListFilter, splitArgs, type Operation, type OperationResult } from '../../kernel/operation.js';
import { answeredReply, commandDeliveryKey } from './effects.js';
import { toCsv, toJsonl } from './export.js';
import { findNumber } from './numbers.js';
import * as render from './render.js';
import { ConsultationNumber, MAX_TEXT } from './schema.js';
import { ConsultationClosed, ConsultationNotFound, type ConsultationService } from './service.js';

const MAX_LIST = 40;

const numberArg = (word: string | undefined): string => (word && findNumber(word)) ?? word ?? '';
const cliNumber = (p: Readonly<Record<string, string | undefined>>): string => numberArg(p.number);

async function guarded(service: ConsultationService, body: () => Promise<OperationResult>): Promise<OperationResult> {
  const { t } = service.renderer('id');
  try {
    return await body();
  } catch (err) {
    if (err instanceof ConsultationNotFound) return { replies: [t.reply('consultation.staff.missing', { number: err.number })], exitCode: 1 };
    if (err instanceof ConsultationClosed) return { replies: [t.reply('consultation.staff.closed', { number: err.number })], exitCode: 1 };
    throw err;
  }
}

/** The consultation desk's operations over `service`. */
export function consultationOperations(service: ConsultationService, retentionDays: number): Operation[] {
  const r = () => service.renderer('id');
  return [
    defineOperation({
      name: 'konsultasi_daftar',
      role: 'viewer',
      mutates: false,
      input: z.object({ filter: ListFilter }),
      parseChat: parseListFilter,
      cli: listCli('consultations', 'consultations', 'only unanswered past CONSULTATION_ANSWER_WORKHOURS'),
      run: async ({ filter }, ctx) => {
        const list = filter === 'semua' ? await service.repo.list() : await service.listOpen(ctx.now, filter === 'terlambat');
        const { t } = r();
        return listResult(
          list.map((c) => render.staffLine(r(), c, service.overdue(c, ctx.now))),
          list,
          {
            max: MAX_LIST,
            more: (count) => t.text('consultation.staff.list.more', { count }),
            empty: t.reply('consultation.staff.list.none'),
            full: (lines) => t.reply('consultation.staff.list', { count: list.length, lines }),
            noun: 'consultation',
          },
        );
      },
    }),
    defineOperation({
      name: 'konsultasi_lihat',
      role: 'viewer',
      mutates: false,
      input: z.object({ number: ConsultationNumber }),
      parseChat: (args) => ({ number: numberArg(splitArgs(args)[0]) }),
      cli: { group: 'consultations', command: 'show', positionals: ['number'], toInput: (p) => ({ number: cliNumber(p) }) },
      run: ({ number }, ctx) =>
        guarded(service, async () => {
          const c = await service.require(number);
          const replies = render.staffDetail(r(), c, service.overdue(c, ctx.now));
          return { replies, text: `${replies.map(replyText).join('\n')}\n`, json: c };
        }),
    }),
    defineOperation({
      name: 'jawab',
      role: 'operator',
      mutates: true,
      input: z.object({ number: ConsultationNumber, text: z.string().trim().min(1, 'write the answer').max(MAX_TEXT) }),
      parseChat: (args) => {
        const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(args);
        return { number: numberArg(m?.[1]), text: m?.[2] ?? '' };
      },
      cli: {
        group: 'consultations',
        command: 'answer',
        positionals: ['number'],
        options: { text: { type: 'string', value: 'T', help: 'the answer sent to the citizen' } },
        toInput: (p, o) => ({ number: cliNumber(p), text: o.text ?? '' }),
      },
      run: ({ number, text }, ctx) =>
        guarded(service, async () => {
          const out = await service.answer(number, text, ctx.staffKey, commandDeliveryKey(number, ctx.staffKey, text), ctx.now);
          const replies = answeredReply(service, out) ?? [];
          return { replies, json: { number, result: out.kind }, exitCode: out.kind === 'delivered' || out.kind === 'duplicate' ? 0 : 1 };
        }),
    }),
    defineOperation({
      name: 'selesai',
      role: 'operator',
      mutates: true,
      input: z.object({ number: ConsultationNumber }),
      parseChat: (args) => ({ number: numberArg(splitArgs(args)[0]) }),
      cli: { group: 'consultations', command: 'close', positionals: ['number'], toInput: (p) => ({ number: cliNumber(p) }) },
      run: ({ number }, ctx) =>
        guarded(service, async () => {
          const { told } = await service.close(number, ctx.staffKey, ctx.now);
          return { replies: [r().t.reply(told ? 'consultation.staff.closed.done' : 'consultation.staff.closed.untold', { number })], json: { number, told } };
        }),
    }),
    defineOperation({
      name: 'konsultasi_alih',
      role: 'operator',
      mutates: true,
      input: z.object({ number: ConsultationNumber, to: z.string().trim().min(1, 'name the staff member').max(100) }),
      parseChat: (args) => {
        const [number, to] = splitArgs(args);
        return { number: numberArg(number), to: to ?? '' };
      },
      cli: {
        group: 'consultations',
        command: 'handover',
        positionals: ['number'],
        options: { to: { type: 'string', value: 'STAFF', help: 'the staff key who takes it (<channel>:<id>)' } },
        toInput: (p, o) => ({ number: cliNumber(p), to: o.to ?? '' }),
      },
      run: ({ number, to }, ctx) =>
        guarded(service, async () => {
          const c = await service.handover(number, to, ctx.now);
          return { replies: [r().t.reply('consultation.staff.handover', { number: c.number, to })], json: { number, claimedBy: to } };
        }),
    }),
    defineOperation({
      name: 'konsultasi_hapus_data',
      role: 'operator',
      mutates: true,
      input: z.object({ number: ConsultationNumber }),
      parseChat: (args) => ({ number: numberArg(splitArgs(args)[0]) }),
      cli: { group: 'consultations', command: 'forget', positionals: ['number'], toInput: (p) => ({ number: cliNumber(p) }) },
      run: ({ number }, ctx) =>
        guarded(service, async () => {
          const c = await service.forget(number, ctx.now);
          return { replies: [r().t.reply('consultation.staff.forgotten', { number: c.number })], text: `${c.number}: personal data deleted; anonymous record kept\n` };
        }),
    }),
    exportOperation({
      name: 'konsultasi_ekspor',
      group: 'consultations',
      noun: 'consultation',
      list: () => service.repo.list(),
      csv: (all, now) => toCsv(all, (c) => service.overdue(c, now)),
      jsonl: toJsonl,
    }),
    purgeOperation({ name: 'konsultasi_purge', group: 'consultations', noun: 'consultation', retentionDays, purge: (now) => service.purge(now) }),
  ];
}
