/**
 * Deadlines in working days, as the complaint rules count them: weekends and the office's holidays
 * (Galungan, Kuningan … from the office file) are skipped, and "today" is the date in the office time zone.
 * Dates are ISO `YYYY-MM-DD` strings; a deadline is met while the office's local date is not after it.
 */
import { localDate } from './time.js';

/** The calendar a deadline is counted on. */
export interface WorkCalendar {
  /** IANA zone of the office, e.g. `Asia/Makassar`. */
  timeZone: string;
  /** Holiday dates `YYYY-MM-DD`. */
  holidays: ReadonlySet<string>;
}

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whether `date` is a working day (Monday–Friday and not a holiday). */
export function isWorkday(date: string, cal: WorkCalendar): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !cal.holidays.has(date);
}

/** The `n`-th working day after `date` (a complaint filed on Monday with n = 3 is due on Thursday). */
export function addWorkdays(date: string, n: number, cal: WorkCalendar): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = shift(d, 1);
    if (isWorkday(d, cal)) left -= 1;
  }
  return d;
}

/** Whether a deadline (`YYYY-MM-DD`) has passed at `now` in the office's time zone. */
export function isPast(deadline: string, now: Date, cal: WorkCalendar): boolean {
  return localDate(now, cal.timeZone) > deadline;
}

const calendars = new WeakMap<object, WorkCalendar>();

/** The calendar of an office file. */
export function officeCalendar(office: { timezone: string; holidays: readonly { date: string }[] }): WorkCalendar {
  // Built once per office record (it is read-only once loaded): a consultation's promise asks it day by day.
  let cal = calendars.get(office);
  if (!cal) {
    cal = { timeZone: office.timezone, holidays: new Set(office.holidays.map((h) => h.date)) };
    calendars.set(office, cal);
  }
  return cal;
}

/**
 * The start-up warning when the office calendar has no holiday in the `days` after `today` (a file not
 * updated for the new year): deadlines would then count national holidays and Bali's days as working days.
 */
export function emptyCalendarWarning(cal: WorkCalendar, today: string, officeFile: string, days = 365): string | undefined {
  const end = shift(today, days);
  for (const date of cal.holidays) if (date >= today && date < end) return undefined;
  return (
    `the office calendar has no holiday between ${today} and ${end}, so working-day deadlines count holidays as working days: ` +
    `add the year's national holidays and cuti bersama (SKB 3 Menteri) and the regional days to "holidays" in ${officeFile} (OFFICE_FILE)`
  );
}
