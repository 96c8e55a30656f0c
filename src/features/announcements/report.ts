/** How broadcasts are told to staff (chat replies, progress messages, the final report). */
import type { Translator } from '../../kernel/locale.js';
import type { Reply } from '../../kernel/message.js';
import { formatWhen } from '../../lib/office-time.js';
import { labelOf, type PushChannel } from './channels.js';
import type { Broadcast } from './schema.js';
import { settled } from './schema.js';
import { totals } from './service.js';

/** "as soon as confirmed" / "scheduled for 1 December 2026 08.00". */
export function whenText(t: Translator, scheduledAt: string | null, timeZone: string): string {
  return scheduledAt ? t.text('broadcast.when.at', { at: formatWhen(scheduledAt, t.language, timeZone) }) : t.text('broadcast.when.now');
}

/**
 * The recipients line of a preview: every registered channel by label, with its subscriber count when the
 * announcement goes there, `-` when it does not (`Telegram 2, WhatsApp -`).
 */
export function recipientsText(
  t: Translator,
  channels: readonly PushChannel[],
  picked: readonly string[],
  audience: Readonly<Record<string, number>>,
): string {
  return channels
    .map((c) => t.text('broadcast.recipient', { channel: c.label, count: picked.includes(c.name) ? (audience[c.name] ?? 0) : '-' }))
    .join(', ');
}

/** `/siaran`: one line of state and counts (and whether a cancellation was asked but not yet applied). */
export function statusReply(t: Translator, b: Broadcast, timeZone: string, cancelRequested = false): Reply {
  const c = totals(b);
  const reply = t.reply('broadcast.status', {
    id: b.id,
    state: t.text(`broadcast.state.${b.status}`),
    when: whenText(t, b.scheduledAt, timeZone),
    sent: c.sent,
    failed: c.failed,
    unreachable: c.unreachable,
    uncertain: c.uncertain,
    remaining: c.total - settled(c),
    total: c.total,
  });
  if (!cancelRequested || b.status === 'cancelled') return reply;
  return { ...reply, parts: [...reply.parts, { text: t.text('broadcast.cancel.requested') }] };
}

/** Progress while it runs. */
export function progressReply(t: Translator, b: Broadcast): Reply {
  const c = totals(b);
  return t.reply('broadcast.progress', { id: b.id, sent: c.sent, failed: c.failed + c.unreachable, remaining: c.total - settled(c) });
}

/** The final report, with a line per channel (by its label). */
export function finalReply(t: Translator, b: Broadcast, channels: readonly PushChannel[]): Reply {
  const c = totals(b);
  const lines = Object.entries(b.counts)
    .map(([channel, x]) => t.text('broadcast.channel.line', { channel: labelOf(channels, channel), sent: x.sent, total: x.total }))
    .join('\n');
  return t.reply('broadcast.report', {
    id: b.id,
    state: t.text(`broadcast.state.${b.status}`),
    sent: c.sent,
    failed: c.failed,
    unreachable: c.unreachable,
    uncertain: c.uncertain,
    skipped: c.skipped,
    channels: lines,
  });
}
