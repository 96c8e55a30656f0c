/** How broadcasts are told to staff (chat replies, progress messages, the final report). */
import type { Translator } from '../../kernel/locale.js';
import type { Reply } from '../../kernel/message.js';
import type { Broadcast } from './schema.js';
import { settled } from './schema.js';
import { totals } from './service.js';
import { formatWhen } from '../../lib/office-time.js';

/** "as soon as confirmed" / "scheduled for 1 December 2026 08.00". */
export function whenText(t: Translator, scheduledAt: string | null, timeZone: string): string {
  return scheduledAt ? t.text('broadcast.when.at', { at: formatWhen(scheduledAt, t.language, timeZone) }) : t.text('broadcast.when.now');
}

/** `/siaran`: one line of state and counts. */
export function statusReply(t: Translator, b: Broadcast, timeZone: string): Reply {
  const c = totals(b);
  return t.reply('broadcast.status', {
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
}

/** Progress while it runs. */
export function progressReply(t: Translator, b: Broadcast): Reply {
  const c = totals(b);
  return t.reply('broadcast.progress', { id: b.id, sent: c.sent, failed: c.failed + c.unreachable, remaining: c.total - settled(c) });
}

/** The final report, with a line per channel. */
export function finalReply(t: Translator, b: Broadcast): Reply {
  const c = totals(b);
  const channels = Object.entries(b.counts)
    .map(([channel, x]) => t.text('broadcast.channel.line', { channel: channel === 'telegram' ? 'Telegram' : 'WhatsApp', sent: x.sent, total: x.total }))
    .join('\n');
  return t.reply('broadcast.report', {
    id: b.id,
    state: t.text(`broadcast.state.${b.status}`),
    sent: c.sent,
    failed: c.failed,
    unreachable: c.unreachable,
    uncertain: c.uncertain,
    skipped: c.skipped,
    channels,
  });
}
