/**
 * Replies about complaints, for citizens (in their language) and for staff (Indonesian). Values from the
 * record are placeholders, so channels escape them; only templates carry bold.
 */
import { formatDate } from '../../lib/format.js';
import type { Translator } from '../../kernel/locale.js';
import type { Reply } from '../../kernel/message.js';
import type { Complaint, HistoryEntry } from './schema.js';

/** The office's time zone, for dates. */
export interface RenderCtx {
  t: Translator;
  timeZone: string;
}

function date(r: RenderCtx, iso: string): string {
  return formatDate(iso, r.t.language, r.timeZone);
}

/** The last status change that carried a note (what the citizen may read). */
export function lastPublicNote(c: Complaint): HistoryEntry | undefined {
  return [...c.history].reverse().find((h) => h.action === 'status' && h.note);
}

/** Label of a status in the reply language. */
export function statusLabel(t: Translator, status: Complaint['status']): string {
  return t.text(`complaint.status.label.${status}`);
}

/** Label of a category in the reply language. */
export function categoryLabel(t: Translator, category: Complaint['category']): string {
  return t.text(`complaint.category.${category}`);
}

/** Told once the complaint is stored: the ticket and the verification deadline. */
export function created(r: RenderCtx, c: Complaint, fresh: boolean): Reply[] {
  return [
    r.t.reply(fresh ? 'complaint.created' : 'complaint.created.again', {
      ticket: c.ticket,
      verifyBy: date(r, c.verifyBy),
    }),
  ];
}

/** What the owner of a ticket sees. */
export function ownerStatus(r: RenderCtx, c: Complaint): Reply[] {
  const note = lastPublicNote(c);
  const replies = [
    r.t.reply('complaint.lookup.owner', {
      ticket: c.ticket,
      status: statusLabel(r.t, c.status),
      created: date(r, c.createdAt),
      updated: date(r, c.updatedAt),
    }),
  ];
  if (note?.note) replies.push(r.t.reply('complaint.lookup.note', { note: note.note, date: date(r, note.at) }));
  return replies;
}

/** What anyone else sees: the ticket exists and its status, nothing about its content or owner. */
export function otherStatus(r: RenderCtx, c: Complaint): Reply[] {
  return [r.t.reply('complaint.lookup.other', { ticket: c.ticket, status: statusLabel(r.t, c.status) })];
}

/** Sent to the citizen when staff change the status. */
export function statusChanged(r: RenderCtx, c: Complaint, note: string | null | undefined): Reply[] {
  const replies = [r.t.reply('complaint.changed', { ticket: c.ticket, status: statusLabel(r.t, c.status) })];
  if (note) replies.push(r.t.reply('complaint.changed.note', { note }));
  return replies;
}

/** The announcement of a new complaint to staff, with how to act on it. */
export function staffNew(r: RenderCtx, c: Complaint): Reply[] {
  return [
    r.t.reply('complaint.staff.new', {
      ticket: c.ticket,
      category: categoryLabel(r.t, c.category),
      description: c.description ?? '-',
      attachments: c.attachments.length,
      verifyBy: date(r, c.verifyBy),
    }),
  ];
}

/** One line of a staff list. */
export function staffLine(r: RenderCtx, c: Complaint, overdue: string | undefined): string {
  return r.t.text(overdue ? 'complaint.staff.line.overdue' : 'complaint.staff.line', {
    ticket: c.ticket,
    status: c.status,
    category: c.category,
    created: date(r, c.createdAt),
    due: date(r, c.status === 'baru' ? c.verifyBy : c.followUpBy),
  });
}

/** A whole complaint for staff (personal data included: staff act on it). */
export function staffDetail(r: RenderCtx, c: Complaint, overdue: string | undefined): Reply[] {
  const none = r.t.text('complaint.summary.none');
  const history = c.history
    .map((h) => `• ${date(r, h.at)} ${h.action}${h.status ? ` → ${h.status}` : ''}${h.category ? ` → ${h.category}` : ''} (${h.by})${h.note ? `: ${h.note}` : ''}${h.notified === false ? ' [!]' : ''}`)
    .join('\n');
  return [
    r.t.reply('complaint.staff.detail', {
      ticket: c.ticket,
      status: statusLabel(r.t, c.status),
      category: categoryLabel(r.t, c.category),
      created: date(r, c.createdAt),
      verifyBy: date(r, c.verifyBy),
      followUpBy: date(r, c.followUpBy),
      overdue: overdue ? r.t.text('complaint.staff.overdue.mark') : '',
      description: c.description ?? none,
      permit: c.permitNumber ?? none,
      name: c.name ?? none,
      contact: c.contact ?? none,
      channel: c.ownerKey ? c.ownerKey.slice(0, c.ownerKey.indexOf(':')) : none,
      attachments: c.attachments.length,
      history,
    }),
  ];
}
