/**
 * Complaint exports for staff: CSV that opens in a spreadsheet with Indonesian text intact (UTF-8 BOM, CRLF,
 * RFC 4180 quoting, cells starting with = + - @ prefixed with ' against formula injection) and JSON lines.
 * Exports hold personal data: they are for staff, on the office's machines.
 */
import type { Complaint } from './schema.js';

/** Columns of the CSV, in order. */
export const CSV_COLUMNS = [
  'ticket',
  'status',
  'category',
  'suggested_category',
  'created_at',
  'updated_at',
  'verify_by',
  'follow_up_by',
  'overdue',
  'channel',
  'permit_number',
  'name',
  'contact',
  'description',
  'attachments',
  'last_note',
  'anonymised_at',
] as const;

/** One CSV cell: formula guard, then RFC 4180 quoting when needed. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  // A cell starting with = + - @ (or tab/CR, which some spreadsheets skip) would run as a formula.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The complaints as CSV text (BOM first, CRLF line ends). `overdue` names the missed deadline, if any. */
export function toCsv(complaints: readonly Complaint[], overdue: (c: Complaint) => string | undefined): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const c of complaints) {
    const note = [...c.history].reverse().find((h) => h.action === 'status' && h.note)?.note;
    rows.push(
      [
        c.ticket,
        c.status,
        c.category,
        c.suggestedCategory,
        c.createdAt,
        c.updatedAt,
        c.verifyBy,
        c.followUpBy,
        overdue(c) ?? '',
        c.ownerKey ? c.ownerKey.slice(0, c.ownerKey.indexOf(':')) : '',
        c.permitNumber,
        c.name,
        c.contact,
        c.description,
        c.attachments.length,
        note,
        c.anonymisedAt,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** The complaints as JSON lines (the stored records). */
export function toJsonl(complaints: readonly Complaint[]): string {
  return complaints.map((c) => `${JSON.stringify(c)}\n`).join('');
}
