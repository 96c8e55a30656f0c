/**
 * Staff operations of the closure status and announcements, each declared once; chat commands, the CLI
 * (`closure …`, `broadcast …`) and the web console are derived from these. Replies are in Indonesian for staff.
 *   /tutup <layanan,…|semua> [sampai YYYY-MM-DD|catatan] [alasan …]   closure set --services a,b|all [--until D|--until-note T] [--reason T]
 *   /buka [layanan,…|semua]                                            closure reopen [--services a,b|all]
 *                                                                      closure show [--json]
 *   /umumkan [pada YYYY-MM-DDTHH:MM] [ke <kanal>|semua] <teks>         draft an announcement (per staff member)
 *   /umumkan_status [pada …] [ke …]                                    draft it from the current status
 *   /kirim, /batal                                                     confirm or drop the draft
 *                                                                      broadcast send --text T [--channel C|all] [--at TIME] [--yes]
 *   /siaran [id]                                                       broadcast status [--id ID] [--json]
 *   /siaran_batal [id]                                                 broadcast cancel [--id ID]
 * `--json` (every CLI command) prints `json`. Validation is the schema's, the same on every front-end: a service that does not exist, a date that does
 * not exist (2026-02-30), a reopening date or a sending time in the past never reach `run`.
 */
import { z } from 'zod';
import { Translator, type Locales } from '../../kernel/locale.js';
import { plain, replyText, type Reply } from '../../kernel/message.js';
import type { ClosureStatus, OfficeData } from '../../kernel/office.js';
import { closedServicesOf, closureUntil } from '../../kernel/office-text.js';
import { defineOperation, type Operation, type OperationCtx, type OperationResult } from '../../kernel/operation.js';
import { bullets } from '../../lib/format.js';
import type { Logger } from '../../lib/log.js';
import { parseLocalTime } from '../../lib/office-time.js';
import { localDate } from '../../lib/time.js';
import { channelOption, takeChannelPrefix, type PushChannel } from './channels.js';
import { closureAnnouncement } from './closure-announce.js';
import { closeServices, reopenServices, resolveServices, type ChangeResult } from './closure-change.js';
import { recipientsText, statusReply, whenText } from './report.js';
import { MAX_BROADCAST_TEXT, MAX_CLOSURE_NOTE, MAX_CLOSURE_REASON } from './schema.js';
import type { BroadcastService } from './service.js';
import type { ClosureState } from './state.js';

/** What the operations work on. */
export interface AnnouncementOperationDeps {
  closure: ClosureState;
  broadcasts: BroadcastService;
  office: OfficeData;
  locales: Locales;
  log: Logger;
  /** The channels that can push (from the registry). */
  channels: readonly PushChannel[];
}

const ALL_WORDS = new Set(['semua', 'all', '*']);

/** `semua` / `all` → 'all'; `izin, oss` → ['izin', 'oss'] (lower-cased). */
export function parseServiceList(text: string): 'all' | string[] {
  const items = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return items.length === 1 && ALL_WORDS.has(items[0] ?? '') ? 'all' : items;
}

const TUTUP = /^(.+?)(?:\s+(?:sampai|until)\s+(.+?))?(?:\s+(?:alasan|reason)\s+(.+))?$/is;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** `/tutup` arguments → raw input. */
export function parseTutup(args: string): Record<string, unknown> {
  const m = TUTUP.exec(args.trim());
  if (!m) return { services: [] };
  const until = m[2]?.trim();
  return {
    services: parseServiceList(m[1] ?? ''),
    until: until && DATE_SHAPE.test(until) ? until : null,
    untilNote: until && !DATE_SHAPE.test(until) ? until : null,
    reason: m[3]?.trim() || null,
  };
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const AT = /^(?:pada|at)\s+(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?(?:Z|[+-]\d{2}:?\d{2})?)(?:\s+|$)/i;

/** Whether year-month-day exists on the calendar (2026-02-30 does not). */
export function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Whether `text` is a `YYYY-MM-DD[THH:MM[:SS]][offset]` that exists (a real day, hours under 24 …). */
export function isRealTime(text: string): boolean {
  const m = TIME.exec(text.trim());
  if (!m) return false;
  const n = (i: number): number => Number(m[i] ?? 0);
  return isRealDate(n(1), n(2), n(3)) && n(4) < 24 && n(5) < 60 && n(6) < 60;
}

/**
 * `[pada TIME] [ke CHANNEL] rest` in either order. `ke` takes any registered channel name or label, or
 * `semua` / `all`; without it the announcement goes to every channel.
 */
export function parseAnnounce(channels: readonly PushChannel[], args: string): { at: string | null; channels: string[]; text: string } {
  let rest = args.trim();
  let at: string | null = null;
  let picked = channels.map((c) => c.name);
  for (let i = 0; i < 2; i++) {
    const a = AT.exec(rest);
    if (a) {
      at = (a[1] ?? '').replace(' ', 'T');
      rest = rest.slice(a[0].length);
    }
    const c = takeChannelPrefix(channels, rest);
    if (c) {
      picked = c.channels;
      rest = c.rest;
    }
  }
  return { at, channels: picked, text: rest.trim() };
}

const optionalId = (args: string): Record<string, unknown> => (args.trim() ? { id: args.trim().toLowerCase() } : {});

const BroadcastId = z.string().regex(/^[a-z0-9-]{4,40}$/, 'expected a broadcast id like 20261201-a1b2c3');
const Text = z
  .string()
  .trim()
  .min(1, 'write the announcement text')
  .max(MAX_BROADCAST_TEXT, `at most ${MAX_BROADCAST_TEXT} characters`);

/** The schemas of this feature's inputs; problems are told in the staff's language (Indonesian). */
export function announcementSchemas(office: OfficeData, locales: Locales, channels: readonly PushChannel[]) {
  const t = new Translator(locales, 'id');
  const known = office.services.map((s) => s.id).join(', ');

  /** Services staff typed (ids, names, aliases, or 'all') → ids of the office. */
  const services = z.unknown().transform((v, ctx) => {
    const list = v === 'all' ? 'all' : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
    if (list === undefined) {
      ctx.addIssue({ code: 'custom', message: t.text('closure.problem.services', { known }) });
      return z.NEVER;
    }
    const { ids, unknown } = resolveServices(office, list);
    if (unknown.length > 0 || ids.length === 0) {
      ctx.addIssue({ code: 'custom', message: t.text('closure.unknown', { unknown: unknown.join(', ') || '-', known }) });
      return z.NEVER;
    }
    return ids;
  });

  /** A reopening date: YYYY-MM-DD, on the calendar, not before today in the office. */
  const until = (now: Date) =>
    z
      .string()
      .trim()
      .nullable()
      .superRefine((v, ctx) => {
        if (v === null) return;
        const m = DATE_SHAPE.test(v) ? v.split('-').map(Number) : undefined;
        if (!m || !isRealDate(m[0] ?? 0, m[1] ?? 0, m[2] ?? 0)) ctx.addIssue({ code: 'custom', message: t.text('closure.problem.date', { date: v }) });
        else if (v < localDate(now, office.timezone)) ctx.addIssue({ code: 'custom', message: t.text('closure.problem.past', { date: v }) });
      });

  /** A sending time in the office's zone (or with an offset), in the future → ISO, or null for "at once". */
  const at = (now: Date) =>
    z
      .string()
      .trim()
      .nullable()
      .transform((v, ctx) => {
        if (v === null) return null;
        // The schema's own output (an ISO instant) is valid input too: `run` parses its input again.
        const when = ISO_INSTANT.test(v) ? new Date(v) : isRealTime(v) ? parseLocalTime(v, office.timezone) : undefined;
        if (!when) {
          ctx.addIssue({ code: 'custom', message: t.text('broadcast.problem.at', { at: v }) });
          return z.NEVER;
        }
        if (when.getTime() <= now.getTime()) {
          ctx.addIssue({ code: 'custom', message: t.text('broadcast.problem.past', { at: v }) });
          return z.NEVER;
        }
        return when.toISOString();
      });

  /** Channel names of the registry, at least one. */
  const channelList = z.array(z.string()).superRefine((list, ctx) => {
    const names = channels.map((c) => c.name);
    if (names.length === 0) ctx.addIssue({ code: 'custom', message: t.text('broadcast.problem.nochannel') });
    else if (list.length === 0) ctx.addIssue({ code: 'custom', message: t.text('broadcast.problem.channel', { channel: '-', known: names.join(', ') }) });
    for (const name of list) {
      if (!names.includes(name)) {
        ctx.addIssue({ code: 'custom', message: t.text('broadcast.problem.channel', { channel: name, known: names.join(', ') }) });
        return;
      }
    }
  });

  return { services, until, at, channelList };
}

/** The closure and announcement operations. */
export function announcementOperations(deps: AnnouncementOperationDeps): Operation[] {
  const { closure, broadcasts, office, locales, log, channels } = deps;
  const tz = office.timezone;
  const s = announcementSchemas(office, locales, channels);

  /** Store a status change and describe it; a refused change names the problem. */
  const apply = async (result: ChangeResult, ctx: OperationCtx): Promise<OperationResult> => {
    const { t } = ctx;
    if (!result.ok) {
      const reply =
        'beforeSince' in result
          ? t.reply('closure.problem.before_since', result.beforeSince)
          : t.reply('closure.unknown', { unknown: result.unknown.join(', ') || '-', known: result.known.join(', ') });
      return { replies: [reply], exitCode: 1 };
    }
    await closure.set(result.status);
    log.info({ by: ctx.staffKey, closed: result.status.closedServices }, 'closure status changed');
    return { replies: [closureSummary(t, office, result.status)], text: `${JSON.stringify(result.status, null, 2)}\n`, json: result.status };
  };

  /** Keep a draft and show its preview with the recipients per channel. */
  const draft = async (text: string, picked: string[], scheduledAt: string | null, ctx: OperationCtx): Promise<OperationResult> => {
    const { t } = ctx;
    await broadcasts.repo.setDraft(ctx.staffKey, { text, channels: picked, scheduledAt, createdAt: ctx.now.toISOString() });
    const audience = await broadcasts.audience(picked);
    return {
      replies: [t.reply('broadcast.preview', { when: whenText(t, scheduledAt, tz), text, recipients: recipientsText(t, channels, picked, audience) })],
    };
  };

  const announceInput = (now: Date) => z.object({ text: Text, at: s.at(now), channels: s.channelList });
  const statusInput = (now: Date) => z.object({ at: s.at(now), channels: s.channelList });

  return [
    defineOperation({
      name: 'tutup',
      role: 'admin',
      mutates: true,
      input: (now) =>
        z.object({
          services: s.services,
          until: s.until(now),
          untilNote: z.string().trim().min(1).max(MAX_CLOSURE_NOTE, `at most ${MAX_CLOSURE_NOTE} characters`).nullable(),
          reason: z.string().trim().min(1).max(MAX_CLOSURE_REASON, `at most ${MAX_CLOSURE_REASON} characters`).nullable(),
          // Only the console sends these two; chat and CLI keep their one reason and leave the share as it is.
          reasonEn: z.string().trim().min(1).max(MAX_CLOSURE_REASON, `at most ${MAX_CLOSURE_REASON} characters`).nullable().optional(),
          staffOnDutyPercent: z.number().int().min(0, '0–100').max(100, '0–100').nullable().optional(),
        }),
      parseChat: parseTutup,
      cli: {
        group: 'closure',
        command: 'set',
        options: {
          services: { type: 'string', value: 'a,b|all', help: 'services to close face to face (ids, names or aliases), or all' },
          until: { type: 'string', value: 'YYYY-MM-DD', help: 'reopening date (today or later)' },
          'until-note': { type: 'string', value: 'TEXT', help: 'said instead of a date ("dievaluasi setelah Galungan")' },
          reason: { type: 'string', value: 'TEXT', help: 'why (replaces the current reasons)' },
        },
        toInput: (_p, o) => ({
          services: typeof o.services === 'string' ? parseServiceList(o.services) : undefined,
          until: typeof o.until === 'string' ? o.until : null,
          untilNote: typeof o['until-note'] === 'string' ? o['until-note'] : null,
          reason: typeof o.reason === 'string' ? o.reason : null,
        }),
      },
      run: async (input, ctx) => {
        const current = await closure.read();
        return apply(closeServices(current, input, office, ctx.now, ctx.staffKey), ctx);
      },
    }),
    defineOperation({
      name: 'buka',
      role: 'admin',
      mutates: true,
      input: z.object({ services: s.services }),
      parseChat: (args) => ({ services: args.trim() ? parseServiceList(args) : 'all' }),
      cli: {
        group: 'closure',
        command: 'reopen',
        options: { services: { type: 'string', value: 'a,b|all', help: 'services to reopen (default all)' } },
        toInput: (_p, o) => ({ services: typeof o.services === 'string' ? parseServiceList(o.services) : 'all' }),
      },
      run: async ({ services }, ctx) => {
        const current = await closure.read();
        return apply(reopenServices(current, services, office, ctx.now, ctx.staffKey), ctx);
      },
    }),
    defineOperation({
      name: 'status_penutupan',
      role: 'viewer',
      mutates: false,
      chat: false,
      input: z.object({}),
      cli: {
        group: 'closure',
        command: 'show',
        toInput: () => ({}),
      },
      run: async () => {
        const current = await closure.read();
        const announcement = closureAnnouncement(locales, current, office);
        return { replies: [plain(announcement)], text: `${JSON.stringify(current, null, 2)}\n\n${announcement}\n`, json: current };
      },
    }),
    defineOperation({
      name: 'umumkan',
      role: 'operator',
      mutates: true,
      input: announceInput,
      parseChat: (args) => parseAnnounce(channels, args),
      run: ({ text, at, channels: picked }, ctx) => draft(text, picked, at, ctx),
    }),
    defineOperation({
      name: 'umumkan_status',
      role: 'operator',
      mutates: true,
      input: statusInput,
      parseChat: (args) => {
        const { at, channels: picked } = parseAnnounce(channels, args);
        return { at, channels: picked };
      },
      run: async ({ at, channels: picked }, ctx) => {
        const status = await closure.read();
        return draft(closureAnnouncement(locales, status, office), picked, at, ctx);
      },
    }),
    defineOperation({
      name: 'kirim',
      role: 'operator',
      mutates: true,
      input: z.object({}),
      run: async (_input, ctx) => {
        const { t } = ctx;
        const d = await broadcasts.repo.draft(ctx.staffKey);
        if (!d) return { replies: [t.reply('broadcast.draft.none')], exitCode: 1 };
        const audience = await broadcasts.audience(d.channels);
        const b = await broadcasts.queue(
          { text: d.text, channels: d.channels, createdBy: ctx.staffKey, scheduledAt: d.scheduledAt ? new Date(d.scheduledAt) : null },
          ctx.now,
        );
        await broadcasts.repo.deleteDraft(ctx.staffKey);
        log.info({ broadcast: b.id, by: ctx.staffKey }, 'broadcast queued by staff');
        const total = Object.values(audience).reduce((a, n) => a + n, 0);
        return { replies: [t.reply('broadcast.queued', { id: b.id, when: whenText(t, b.scheduledAt, tz), total })], json: b };
      },
    }),
    defineOperation({
      name: 'batal',
      role: 'operator',
      mutates: true,
      input: z.object({}),
      run: async (_input, ctx) => {
        const dropped = await broadcasts.repo.deleteDraft(ctx.staffKey);
        return { replies: [ctx.t.reply(dropped ? 'broadcast.draft.dropped' : 'broadcast.draft.none')], ...(dropped ? {} : { exitCode: 1 }) };
      },
    }),
    defineOperation({
      name: 'siaran_kirim',
      role: 'operator',
      mutates: true,
      chat: false,
      input: (now) => z.object({ text: Text, channels: s.channelList, at: s.at(now), yes: z.boolean() }),
      cli: {
        group: 'broadcast',
        command: 'send',
        options: {
          text: { type: 'string', value: 'TEXT', help: `the announcement (1–${MAX_BROADCAST_TEXT} characters)` },
          channel: { type: 'string', value: 'NAME|all', help: 'the channel to send on, or all (default all)' },
          at: { type: 'string', value: 'TIME', help: 'send at this office time, e.g. 2026-12-01T08:00 (default: at once)' },
          yes: { type: 'boolean', help: 'queue it (without: preview only, nothing is queued)' },
        },
        toInput: (_p, o) => ({
          text: typeof o.text === 'string' ? o.text : '',
          channels: channelOption(channels, typeof o.channel === 'string' ? o.channel : 'all'),
          at: typeof o.at === 'string' ? o.at : null,
          yes: o.yes === true,
        }),
      },
      run: async ({ text, channels: picked, at, yes }, ctx) => {
        const { t } = ctx;
        const audience = await broadcasts.audience(picked);
        const when = whenText(t, at, tz);
        if (!yes) {
          const recipients = `Recipients: ${picked.map((c) => `${c} ${audience[c] ?? 0}`).join(', ')}`;
          const out = `Preview (${when}):\n\n${text}\n\n${recipients}\nNothing was queued. Add --yes to send.\n`;
          return { replies: [plain(out.trimEnd())], text: out, json: { queued: false, text, channels: picked, scheduledAt: at, audience } };
        }
        const b = await broadcasts.queue({ text, channels: picked, createdBy: ctx.staffKey, scheduledAt: at ? new Date(at) : null }, ctx.now);
        log.info({ broadcast: b.id, by: ctx.staffKey }, 'broadcast queued');
        const queued = t.reply('broadcast.queued', { id: b.id, when, total: picked.reduce((n, c) => n + (audience[c] ?? 0), 0) });
        return { replies: [queued], text: `${replyText(queued)}\nid: ${b.id}\n`, json: b };
      },
    }),
    defineOperation({
      name: 'siaran',
      role: 'viewer',
      mutates: false,
      input: z.object({ id: BroadcastId.optional() }),
      parseChat: optionalId,
      cli: {
        group: 'broadcast',
        command: 'status',
        options: { id: { type: 'string', value: 'ID', help: 'the broadcast (default: the newest)' } },
        toInput: (_p, o) => (typeof o.id === 'string' ? { id: o.id } : {}),
      },
      run: async ({ id }, ctx) => {
        const { t } = ctx;
        const b = await broadcasts.status(id);
        // `--json` prints `null` when there is none: a script reading JSON never gets prose.
        if (!b) return { replies: [t.reply('broadcast.none')], json: null, ...(id ? { exitCode: 1 } : {}) };
        const cancelRequested = Boolean(await broadcasts.repo.cancelRequest(b.id));
        return { replies: [statusReply(t, b, tz, cancelRequested)], json: { ...b, cancelRequested } };
      },
    }),
    defineOperation({
      name: 'siaran_batal',
      role: 'operator',
      mutates: true,
      input: z.object({ id: BroadcastId.optional() }),
      parseChat: optionalId,
      cli: {
        group: 'broadcast',
        command: 'cancel',
        options: { id: { type: 'string', value: 'ID', help: 'the broadcast (default: the newest running or scheduled)' } },
        toInput: (_p, o) => (typeof o.id === 'string' ? { id: o.id } : {}),
      },
      run: async ({ id }, ctx) => {
        const { t } = ctx;
        const b = await broadcasts.cancel(id, ctx.staffKey, ctx.now);
        return b ? { replies: [t.reply('broadcast.cancel.done', { id: b.id })], json: b } : { replies: [t.reply('broadcast.cancel.none')], exitCode: 1 };
      },
    }),
  ];
}

/** "Face-to-face services closed: … until …" or "everything is open". */
export function closureSummary(t: Translator, office: OfficeData, status: ClosureStatus): Reply {
  if (status.closedServices.length === 0) return t.reply('closure.reopened');
  const names = closedServicesOf(status, office).map((s) => `${s.name[t.language]} (${s.id})`);
  return t.reply('closure.changed', { services: bullets(names), until: closureUntil(t, status, office) });
}
