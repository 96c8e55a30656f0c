/**
 * The I/O half of the closure and announcement staff commands (`/tutup`, `/buka`, `/umumkan`, `/kirim` …):
 * called from `runtime/staff-commands.ts` once the engine has checked the allow-list and the arguments.
 * Drafts are kept per staff member in the store (a day at most) until `/kirim` or `/batal`.
 */
import { closureAnnouncement } from './closure-announce.js';
import { closeServices, reopenServices, type ChangeResult } from './closure-change.js';
import { closedServicesOf, closureUntil } from '../info/answers.js';
import { bullets } from '../../lib/format.js';
import type { Translator } from '../../kernel/locale.js';
import type { Reply } from '../../kernel/message.js';
import type { StaffCommand } from '../../runtime/staff.js';
import type { ClosureStatus } from '../../kernel/office.js';
import type { Bot } from '../../runtime/bot.js';
import { statusReply, whenText } from './report.js';
import type { BroadcastChannel } from './schema.js';
import { parseLocalTime } from '../../lib/office-time.js';

/** The commands handled here. */
export type AnnounceCommand = Extract<
  StaffCommand,
  { name: 'tutup' | 'buka' | 'umumkan' | 'umumkan_status' | 'kirim' | 'batal' | 'siaran' | 'siaran_batal' }
>;

/** What these commands run with (a subset of the runtime's `StaffContext`). */
export interface AnnounceContext {
  bot: Bot;
  t: Translator;
  staffKey: string;
  now: Date;
}

/** Run one closure / announcement command; returns the replies for the staff member. */
export async function runAnnounceCommand(command: AnnounceCommand, ctx: AnnounceContext): Promise<Reply[]> {
  const { bot, t, staffKey, now } = ctx;
  switch (command.name) {
    case 'tutup': {
      const current = await bot.closure.current(now.getTime());
      const result = closeServices(current, command, bot.office, now, staffKey);
      return applyClosure(ctx, result);
    }
    case 'buka': {
      const current = await bot.closure.current(now.getTime());
      return applyClosure(ctx, reopenServices(current, command.services, bot.office, now, staffKey));
    }
    case 'umumkan':
      return draft(ctx, command.text, command.channels, command.at);
    case 'umumkan_status': {
      const status = await bot.closure.current(now.getTime());
      return draft(ctx, closureAnnouncement(bot.locales, status, bot.office), command.channels, command.at);
    }
    case 'kirim': {
      const d = await bot.broadcasts.repo.draft(staffKey);
      if (!d) return [t.reply('broadcast.draft.none')];
      const audience = await bot.broadcasts.audience(d.channels);
      const b = await bot.broadcasts.queue(
        { text: d.text, channels: d.channels, createdBy: staffKey, scheduledAt: d.scheduledAt ? new Date(d.scheduledAt) : null },
        now,
      );
      await bot.broadcasts.repo.deleteDraft(staffKey);
      bot.log.info({ broadcast: b.id, by: staffKey }, 'broadcast queued by staff');
      return [
        t.reply('broadcast.queued', {
          id: b.id,
          when: whenText(t, b.scheduledAt, bot.office.timezone),
          total: Object.values(audience).reduce((a, n) => a + n, 0),
        }),
      ];
    }
    case 'batal':
      return [t.reply((await bot.broadcasts.repo.deleteDraft(staffKey)) ? 'broadcast.draft.dropped' : 'broadcast.draft.none')];
    case 'siaran': {
      const b = await bot.broadcasts.status(command.id);
      return [b ? statusReply(t, b, bot.office.timezone) : t.reply('broadcast.none')];
    }
    case 'siaran_batal': {
      const b = await bot.broadcasts.cancel(command.id, staffKey, now);
      return [b ? t.reply('broadcast.cancel.done', { id: b.id }) : t.reply('broadcast.cancel.none')];
    }
  }
}

/** Store a status change and describe the new status. */
async function applyClosure(ctx: AnnounceContext, result: ChangeResult): Promise<Reply[]> {
  const { bot, t } = ctx;
  if (!result.ok) return [t.reply('closure.unknown', { unknown: result.unknown.join(', ') || '-', known: result.known.join(', ') })];
  await bot.closure.set(result.status);
  bot.log.info({ by: ctx.staffKey, closed: result.status.closedServices }, 'closure status changed');
  return [closureSummary(ctx, result.status)];
}

/** "Face-to-face services closed: … until …" or "everything is open". */
export function closureSummary(ctx: Pick<AnnounceContext, 'bot' | 't'>, status: ClosureStatus): Reply {
  const { bot, t } = ctx;
  if (status.closedServices.length === 0) return t.reply('closure.reopened');
  const names = closedServicesOf(status, bot.office).map((s) => `${s.name[t.language]} (${s.id})`);
  const until = closureUntil(t, status, bot.office);
  return t.reply('closure.changed', { services: bullets(names), until });
}

/** Keep a draft and show its preview with the recipients per channel. */
async function draft(ctx: AnnounceContext, text: string, channels: BroadcastChannel[], at: string | null): Promise<Reply[]> {
  const { bot, t, staffKey, now } = ctx;
  const tz = bot.office.timezone;
  let scheduledAt: string | null = null;
  if (at) {
    const when = parseLocalTime(at, tz);
    if (!when || when.getTime() <= now.getTime()) return [t.reply('broadcast.when.past', { at })];
    scheduledAt = when.toISOString();
  }
  await bot.broadcasts.repo.setDraft(staffKey, { text, channels, scheduledAt, createdAt: now.toISOString() });
  const audience = await bot.broadcasts.audience(channels);
  return [
    t.reply('broadcast.preview', {
      when: whenText(t, scheduledAt, tz),
      text,
      telegram: channels.includes('telegram') ? audience.telegram : '-',
      whatsapp: channels.includes('whatsapp') ? audience.whatsapp : '-',
    }),
  ];
}
