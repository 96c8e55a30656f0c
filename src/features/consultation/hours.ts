/**
 * Office hours as the consultation promise counts them: whether the office is open now, when it next opens
 * (the next working day at opening time: weekends, holidays and the office's weekly hours from the office
 * data), and how many working minutes lie between two instants (for "unanswered past N working hours").
 */
import type { OfficeData } from '../../kernel/office.js';
import { parseLocalTime } from '../../lib/office-time.js';
import { localDate } from '../../lib/time.js';
import { isWorkday, officeCalendar } from '../../lib/working-days.js';

/** One day's opening, as instants. */
interface Span {
  date: string;
  /** Epoch milliseconds: kept, so never a Date a caller could change. */
  open: number;
  close: number;
}

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// A day's opening never changes for a loaded office record, and reading it means four time-zone conversions:
// each record keeps the days it was asked for (a few hundred at most: today, the next days, a complaint's age).
const spans = new WeakMap<OfficeData, Map<string, Span | undefined>>();
const MAX_DAYS_KEPT = 1_000;

/** The opening of `date` (local), or undefined when the office is closed that day. */
function spanOf(office: OfficeData, date: string): Span | undefined {
  let days = spans.get(office);
  if (!days) {
    days = new Map();
    spans.set(office, days);
  }
  if (days.has(date)) return days.get(date);
  if (days.size >= MAX_DAYS_KEPT) days.clear();
  const span = openingOf(office, date);
  days.set(date, span);
  return span;
}

function openingOf(office: OfficeData, date: string): Span | undefined {
  if (!isWorkday(date, officeCalendar(office))) return undefined;
  const isoWeekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const hours = office.hours.find((h) => h.days.includes(isoWeekday));
  if (!hours) return undefined;
  const open = parseLocalTime(`${date}T${hours.open}`, office.timezone);
  const close = parseLocalTime(`${date}T${hours.close}`, office.timezone);
  return open && close ? { date, open: open.getTime(), close: close.getTime() } : undefined;
}

/** When staff can be expected: `now` while the office is open, else its next opening. */
export function expectation(office: OfficeData, now: Date): { kind: 'open'; until: Date } | { kind: 'later'; opens: Date } {
  const today = localDate(now, office.timezone);
  const span = spanOf(office, today);
  const at = now.getTime();
  if (span && at >= span.open && at < span.close) return { kind: 'open', until: new Date(span.close) };
  if (span && at < span.open) return { kind: 'later', opens: new Date(span.open) };
  for (let i = 1; i <= 60; i++) {
    const next = spanOf(office, shift(today, i));
    if (next) return { kind: 'later', opens: new Date(next.open) };
  }
  // No opening within 60 days: only with an office file that has no hours; say "later" honestly anyway.
  return { kind: 'later', opens: new Date(now.getTime() + 86_400_000) };
}

/** Working minutes between `from` and `to` (office hours of working days only). */
export function workMinutesBetween(office: OfficeData, from: Date, to: Date): number {
  if (to <= from) return 0;
  let minutes = 0;
  const last = localDate(to, office.timezone);
  for (let date = localDate(from, office.timezone), i = 0; date <= last && i < 400; date = shift(date, 1), i++) {
    const span = spanOf(office, date);
    if (!span) continue;
    const start = Math.max(span.open, from.getTime());
    const end = Math.min(span.close, to.getTime());
    if (end > start) minutes += (end - start) / 60_000;
  }
  return minutes;
}
