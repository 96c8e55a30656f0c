/**
 * Replies about consultations, for citizens (their language) and staff (Indonesian). Values from records
 * are placeholders, so channels escape them; only templates carry bold.
 */
import type { Translator } from '../../kernel/locale.js';
import type { Reply } from '../../kernel/message.js';
import type { OfficeData } from '../../kernel/office.js';
import { formatDate } from '../../lib/format.js';
import { formatWhen } from '../../lib/office-time.js';
import { expectation } from './hours.js';
import type { Consultation } from './schema.js';

/** What rendering needs. */
export interface RenderCtx {
  t: Translator;
  office: OfficeData;
}

const none = (r: RenderCtx) => r.t.text('consultation.none');

/** Told once the question is stored: the number and an honest expectation of when staff read it. */
export function created(r: RenderCtx, c: Consultation, now: Date): Reply[] {
  const when = expectation(r.office, now);
  const expect =
    when.kind === 'open'
      ? r.t.text('consultation.expect.open', { until: formatWhen(when.until.toISOString(), r.t.language, r.office.timezone) })
      : r.t.text('consultation.expect.later', { opens: formatWhen(when.opens.toISOString(), r.t.language, r.office.timezone) });
  return [r.t.reply('consultation.created', { number: c.number, expect })];
}

/** A staff answer as the citizen gets it, marked as coming from office staff. */
export function answer(r: RenderCtx, c: Consultation, text: string): Reply[] {
  return [r.t.reply('consultation.answer', { number: c.number, office: r.office.shortName, text })];
}

/** The consultation is closed: the bot is back, and the rating question. */
export function closed(r: RenderCtx, c: Consultation, idle: boolean): Reply[] {
  return [r.t.reply(idle ? 'consultation.closed.idle' : 'consultation.closed', { number: c.number }), r.t.reply('consultation.rate.ask')];
}

/** A new consultation for staff, with how to answer it. */
export function staffNew(r: RenderCtx, c: Consultation): Reply[] {
  return [
    r.t.reply('consultation.staff.new', {
      number: c.number,
      channel: c.channel,
      question: c.question ?? none(r),
      bot: c.botLastReply ?? none(r),
    }),
  ];
}

/** A citizen's follow-up for staff. */
export function staffFollowup(r: RenderCtx, c: Consultation, text: string): Reply[] {
  return [r.t.reply('consultation.staff.followup', { number: c.number, text, claimed: c.claimedBy ?? none(r) })];
}

/** The reminder of an unanswered consultation. */
export function staffOverdue(r: RenderCtx, c: Consultation, hours: number): Reply[] {
  return [r.t.reply('consultation.staff.overdue', { number: c.number, hours, question: c.question ?? none(r) })];
}

function date(r: RenderCtx, iso: string): string {
  return formatDate(iso, r.t.language, r.office.timezone);
}

/** The status label. */
export function statusLabel(r: RenderCtx, c: Consultation): string {
  return r.t.text(c.status === 'closed' ? 'consultation.status.closed' : c.lastStaffAt ? 'consultation.status.answered' : 'consultation.status.waiting');
}

/** The exchange, one line a message. */
function exchange(r: RenderCtx, c: Consultation): string {
  return c.messages
    .map((m) => `• ${formatWhen(m.at, r.t.language, r.office.timezone)} ${r.t.text(m.from === 'staff' ? 'consultation.from.staff' : 'consultation.from.citizen')}: ${m.text ?? '-'}`)
    .join('\n');
}

/** What the owner sees: the status and the exchange. */
export function ownerStatus(r: RenderCtx, c: Consultation): Reply[] {
  return [r.t.reply('consultation.lookup.owner', { number: c.number, status: statusLabel(r, c), created: date(r, c.createdAt), exchange: exchange(r, c) })];
}

/** What anyone else sees: only that it exists and its status. */
export function otherStatus(r: RenderCtx, c: Consultation): Reply[] {
  return [r.t.reply('consultation.lookup.other', { number: c.number, status: statusLabel(r, c) })];
}

/** One line of a staff list. */
export function staffLine(r: RenderCtx, c: Consultation, overdue: boolean): string {
  return r.t.text(overdue ? 'consultation.staff.line.overdue' : 'consultation.staff.line', {
    number: c.number,
    status: statusLabel(r, c),
    channel: c.channel,
    created: date(r, c.createdAt),
    claimed: c.claimedBy ?? '-',
  });
}

/** A whole consultation for staff. */
export function staffDetail(r: RenderCtx, c: Consultation, overdue: boolean): Reply[] {
  return [
    r.t.reply('consultation.staff.detail', {
      number: c.number,
      status: statusLabel(r, c),
      overdue: overdue ? r.t.text('consultation.staff.overdue.mark') : '',
      channel: c.channel,
      created: date(r, c.createdAt),
      claimed: c.claimedBy ?? '-',
      bot: c.botLastReply ?? none(r),
      rating: c.rating ? `${c.rating.score}/5${c.rating.remark ? ` (${c.rating.remark})` : ''}` : '-',
      exchange: exchange(r, c),
    }),
  ];
}
