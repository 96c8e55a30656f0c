/**
 * Staff commands of the complaint desk, added to the `StaffCommand` union in `staff.ts`. Pure: parsing only;
 * `runtime/staff-commands.ts` runs them through `src/complaints/`.
 *   /aduan [terbuka|terlambat]                        open (default) or overdue complaints
 *   /aduan_lihat ADU-XXXXXX                           one complaint in full
 *   /aduan_status ADU-XXXXXX <status> [catatan]       change the status (a note is required for ditolak)
 *   /aduan_kategori ADU-XXXXXX <kategori>             correct the category
 *   /aduan_hapus_data ADU-XXXXXX                      delete the citizen's personal data on request
 */
import { z } from 'zod';
import { Category, Status, Ticket } from './schema.js';
import { findTicket } from './tickets.js';

const Note = z.string().trim().max(1000, 'at most 1000 characters');

/** The variants, spread into `StaffCommand`. */
export const COMPLAINT_COMMANDS = [
  z.object({ name: z.literal('aduan'), filter: z.enum(['terbuka', 'terlambat']) }),
  z.object({ name: z.literal('aduan_lihat'), ticket: Ticket }),
  z
    .object({ name: z.literal('aduan_status'), ticket: Ticket, status: Status, note: Note.nullable() })
    .refine((c) => c.status !== 'ditolak' || (c.note ?? '').length > 0, {
      message: 'ditolak needs a reason: /aduan_status ADU-XXXXXX ditolak <alasan>',
      path: ['note'],
    }),
  z.object({ name: z.literal('aduan_kategori'), ticket: Ticket, category: Category }),
  z.object({ name: z.literal('aduan_hapus_data'), ticket: Ticket }),
] as const;

/** The first word as a ticket (`adu-7k3m9q` accepted), or the raw word so the schema names the problem. */
function ticketArg(word: string | undefined): string {
  return (word && findTicket(word)) ?? word ?? '';
}

function words(args: string): string[] {
  return args.trim().split(/\s+/).filter(Boolean);
}

/** Argument parsers of the complaint commands. */
export const COMPLAINT_ARG_PARSERS: Readonly<Record<string, (args: string) => Record<string, unknown>>> = {
  aduan: (args) => {
    const w = (words(args)[0] ?? 'terbuka').toLowerCase();
    return { filter: w === 'open' ? 'terbuka' : w === 'overdue' || w === 'telat' ? 'terlambat' : w };
  },
  aduan_lihat: (args) => ({ ticket: ticketArg(words(args)[0]) }),
  aduan_status: (args) => {
    const [ticket, status, ...rest] = words(args);
    return { ticket: ticketArg(ticket), status: (status ?? '').toLowerCase(), note: rest.join(' ') || null };
  },
  aduan_kategori: (args) => {
    const [ticket, category] = words(args);
    return { ticket: ticketArg(ticket), category: (category ?? '').toLowerCase() };
  },
  aduan_hapus_data: (args) => ({ ticket: ticketArg(words(args)[0]) }),
};
