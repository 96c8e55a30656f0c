/**
 * Staff commands of the closure status and announcements (issue #6), added to the `StaffCommand` union in
 * `staff.ts`. Pure: parsing only; `runtime/staff-commands.ts` runs them through `src/closure/` and
 * `src/broadcast/`.
 *   /tutup <layanan,…|semua> [sampai YYYY-MM-DD|catatan] [alasan …]   close services
 *   /buka [layanan,…|semua]                                            reopen
 *   /umumkan [pada YYYY-MM-DDTHH:MM] [ke telegram|whatsapp] <teks>     draft an announcement
 *   /umumkan_status [pada …] [ke …]                                    draft it from the current status
 *   /kirim, /batal                                                     confirm or drop the draft
 *   /siaran [id], /siaran_batal [id]                                   progress, cancel
 */
import { z } from 'zod';

const ServiceList = z.union([z.literal('all'), z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'unknown service id')).min(1)]);
const Channels = z.array(z.enum(['telegram', 'whatsapp'])).min(1);
/** A local time in the office's zone (`2026-12-01T08:00`) or with an explicit offset. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?(?:Z|[+-]\d{2}:?\d{2})?$/, 'expected a time like 2026-12-01T08:00');
const Text = z.string().trim().min(1, 'write the announcement text').max(3500, 'at most 3500 characters');
const BroadcastId = z.string().regex(/^[a-z0-9-]{4,40}$/, 'expected a broadcast id like 20261201-a1b2c3');

/** The variants, spread into `StaffCommand`. */
export const ANNOUNCE_COMMANDS = [
  z.object({
    name: z.literal('tutup'),
    services: ServiceList,
    until: z.iso.date().nullable(),
    untilNote: z.string().min(1).max(300).nullable(),
    reason: z.string().min(1).max(500).nullable(),
  }),
  z.object({ name: z.literal('buka'), services: ServiceList }),
  z.object({ name: z.literal('umumkan'), text: Text, at: LocalDateTime.nullable(), channels: Channels }),
  z.object({ name: z.literal('umumkan_status'), at: LocalDateTime.nullable(), channels: Channels }),
  z.object({ name: z.literal('kirim') }),
  z.object({ name: z.literal('batal') }),
  z.object({ name: z.literal('siaran'), id: BroadcastId.optional() }),
  z.object({ name: z.literal('siaran_batal'), id: BroadcastId.optional() }),
] as const;

const ALL_WORDS = new Set(['semua', 'all', '*']);

/** `semua` / `all` → 'all'; `izin, oss` → ['izin', 'oss'] (lower-cased). */
export function parseServiceList(text: string): 'all' | string[] {
  const items = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return items.length === 1 && ALL_WORDS.has(items[0] ?? '') ? 'all' : items;
}

const TUTUP = /^(.+?)(?:\s+(?:sampai|until)\s+(.+?))?(?:\s+(?:alasan|reason)\s+(.+))?$/is;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseTutup(args: string): Record<string, unknown> {
  const m = TUTUP.exec(args.trim());
  if (!m) return { services: [] };
  const until = m[2]?.trim();
  return {
    services: parseServiceList(m[1] ?? ''),
    until: until && DATE.test(until) ? until : null,
    untilNote: until && !DATE.test(until) ? until : null,
    reason: m[3]?.trim() || null,
  };
}

const AT = /^(?:pada|at)\s+(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?(?:Z|[+-]\d{2}:?\d{2})?)(?:\s+|$)/i;
const TO = /^(?:ke|to)\s+(telegram|whatsapp|semua|all)(?:\s+|$)/i;

/** `[pada TIME] [ke CHANNEL] rest` in either order. */
function parseAnnounce(args: string): { at: string | null; channels: string[]; text: string } {
  let rest = args.trim();
  let at: string | null = null;
  let channels = ['telegram', 'whatsapp'];
  for (let i = 0; i < 2; i++) {
    const a = AT.exec(rest);
    if (a) {
      at = (a[1] ?? '').replace(' ', 'T');
      rest = rest.slice(a[0].length);
    }
    const c = TO.exec(rest);
    if (c) {
      const which = (c[1] ?? '').toLowerCase();
      channels = which === 'semua' || which === 'all' ? ['telegram', 'whatsapp'] : [which];
      rest = rest.slice(c[0].length);
    }
  }
  return { at, channels, text: rest.trim() };
}

const optionalId = (args: string): Record<string, unknown> => (args.trim() ? { id: args.trim().toLowerCase() } : {});

/** Argument parsers, spread into `STAFF_COMMANDS`. */
export const ANNOUNCE_ARG_PARSERS: Readonly<Record<string, (args: string) => Record<string, unknown>>> = {
  tutup: parseTutup,
  buka: (args) => ({ services: args.trim() ? parseServiceList(args) : 'all' }),
  umumkan: parseAnnounce,
  umumkan_status: (args) => {
    const { at, channels } = parseAnnounce(args);
    return { at, channels };
  },
  kirim: () => ({}),
  batal: () => ({}),
  siaran: optionalId,
  siaran_batal: optionalId,
};
