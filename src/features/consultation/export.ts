/**
 * Consultation exports for staff: CSV (the complaint export's cell rules: BOM, CRLF, RFC 4180 quoting,
 * formula guard) and JSON lines. Exports hold personal data: they are for staff, on the office's machines.
 */
import type { Consultation } from './schema.js';

/** Columns of the CSV, in order. */
export const CSV_COLUMNS = [
  'number',
  'status',
  'channel',
  'created_at',
  'updated_at',
  'claimed_by',
  'first_staff_at',
  'closed_at',
  'closed_by',
  'overdue',
  'messages',
  'rating',
  'rating_remark',
  'question',
  'anonymised_at',
] as const;

/** One CSV cell: formula guard, then RFC 4180 quoting when needed. */
function csvCell(value: string | number | boolean | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The consultations as CSV text. */
export function toCsv(all: readonly Consultation[], overdue: (c: Consultation) => boolean): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const c of all) {
    rows.push(
      [
        c.number,
        c.status,
        c.channel,
        c.createdAt,
        c.updatedAt,
        c.claimedBy,
        c.messages.find((m) => m.from === 'staff')?.at,
        c.closedAt,
        c.closedBy,
        overdue(c) ? 'yes' : '',
        c.messages.length,
        c.rating?.score,
        c.rating?.remark,
        c.question,
        c.anonymisedAt,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** The consultations as JSON lines (the stored records). */
export function toJsonl(all: readonly Consultation[]): string {
  return all.map((c) => `${JSON.stringify(c)}\n`).join('');
}
