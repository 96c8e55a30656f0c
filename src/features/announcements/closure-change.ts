/**
 * Changes of the closure status asked by staff (`/tutup`, `/buka`) or the CLI (`closure set|reopen`). Pure:
 * (current status, request, office, now) → the new status or the problem. The runtime stores the result with
 * `ClosureState.set()`, and the next citizen question is answered from it. The input was checked by the
 * operation's schema (known services, a real date not in the past); what needs the current status (a
 * reopening date before the closure's start) is checked here.
 */
import type { ClosureStatus, LocalText, OfficeData } from '../../kernel/office.js';
import { localDate } from '../../lib/time.js';

/** What to close. `services: 'all'` closes every service of the office. */
export interface CloseRequest {
  services: 'all' | readonly string[];
  /** Reopening date YYYY-MM-DD; null = not decided. */
  until: string | null;
  /** Said instead of a date ("dievaluasi setelah Galungan"); the same text is used for both languages. */
  untilNote: string | null;
  /** Why; replaces the reasons when given, else the current ones are kept. */
  reason: string | null;
  /** The reason in English (the console asks for both); absent: the Indonesian text is used for both. */
  reasonEn?: string | null | undefined;
  /** Share of staff on duty in percent; absent: kept as it is, null: cleared. */
  staffOnDutyPercent?: number | null | undefined;
}

/** The outcome of a change. */
export type ChangeResult =
  | { ok: true; status: ClosureStatus }
  | { ok: false; unknown: string[]; known: string[] }
  | { ok: false; beforeSince: { until: string; since: string } };

/** Service ids, names or aliases staff typed → ids; what matches nothing is `unknown`. */
export function resolveServices(office: OfficeData, services: 'all' | readonly string[]): { ids: string[]; unknown: string[] } {
  const known = office.services.map((s) => s.id);
  if (services === 'all') return { ids: known, unknown: [] };
  // Staff may type an id (`field_verification`), an alias (`survei`) or the Indonesian name.
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const raw of services) {
    const word = raw.trim().toLowerCase();
    const match = office.services.find(
      (s) => s.id === word || s.name.id.toLowerCase() === word || s.aliases.some((a) => a.toLowerCase() === word),
    );
    if (match) {
      if (!ids.includes(match.id)) ids.push(match.id);
    } else unknown.push(raw);
  }
  return { ids, unknown };
}

const both = (text: string): LocalText => ({ id: text, en: text });

/** Close `req.services` face to face (the list replaces the closed list). */
export function closeServices(current: ClosureStatus, req: CloseRequest, office: OfficeData, now: Date, by: string): ChangeResult {
  const { ids, unknown } = resolveServices(office, req.services);
  if (unknown.length > 0 || ids.length === 0) return { ok: false, unknown, known: office.services.map((s) => s.id) };
  const wasClosed = current.closedServices.length > 0;
  const since = wasClosed && current.since ? current.since : localDate(now, office.timezone);
  // "since 2 December 2026, until 1 January 2020" must never be told.
  if (req.until && req.until < since) return { ok: false, beforeSince: { until: req.until, since } };
  return {
    ok: true,
    status: {
      ...current,
      closedServices: office.services.map((s) => s.id).filter((id) => ids.includes(id)),
      since,
      until: req.until,
      untilNote: req.until ? null : req.untilNote ? both(req.untilNote) : null,
      reasons: req.reason ? [req.reasonEn ? { id: req.reason, en: req.reasonEn } : both(req.reason)] : wasClosed ? current.reasons : [],
      staffOnDutyPercent: req.staffOnDutyPercent !== undefined ? req.staffOnDutyPercent : current.staffOnDutyPercent,
      updatedAt: now.toISOString(),
      updatedBy: by,
    },
  };
}

/** Reopen `services` (all when 'all'); when nothing stays closed, the status is cleared entirely. */
export function reopenServices(current: ClosureStatus, services: 'all' | readonly string[], office: OfficeData, now: Date, by: string): ChangeResult {
  const { ids, unknown } = resolveServices(office, services);
  if (unknown.length > 0) return { ok: false, unknown, known: office.services.map((s) => s.id) };
  const closed = current.closedServices.filter((id) => !ids.includes(id));
  if (closed.length === 0) {
    return {
      ok: true,
      status: {
        closedServices: [],
        since: null,
        until: null,
        untilNote: null,
        reasons: [],
        staffOnDutyPercent: null,
        updatedAt: now.toISOString(),
        updatedBy: by,
      },
    };
  }
  return { ok: true, status: { ...current, closedServices: closed, updatedAt: now.toISOString(), updatedBy: by } };
}
