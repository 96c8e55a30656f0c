/**
 * Runs validated staff commands against the store. The engine decided the caller is staff and the arguments
 * are valid; this is the I/O half. Each feature adds its cases.
 */
import { runAnnounceCommand } from '../features/announcements/staff-run.js';
import { runComplaintStaffCommand } from '../features/complaints/staff-run.js';
import type { Translator } from '../kernel/locale.js';
import type { Reply } from '../kernel/message.js';
import type { StaffCommand } from './staff.js';
import type { Bot } from './bot.js';

/** What a staff command runs with. */
export interface StaffContext {
  bot: Bot;
  t: Translator;
  /** The staff member's user key (kept in histories: who did it). */
  staffKey: string;
  now: Date;
}

/** Run one staff command and return the replies for the staff member. */
export async function runStaffCommand(command: StaffCommand, ctx: StaffContext): Promise<Reply[]> {
  switch (command.name) {
    case 'staf':
      return [ctx.t.reply('staff.done')];
    case 'aduan':
    case 'aduan_lihat':
    case 'aduan_status':
    case 'aduan_kategori':
    case 'aduan_hapus_data':
      return runComplaintStaffCommand(command, ctx.bot.complaints, ctx.staffKey, ctx.now);
    case 'tutup':
    case 'buka':
    case 'umumkan':
    case 'umumkan_status':
    case 'kirim':
    case 'batal':
    case 'siaran':
    case 'siaran_batal':
      return runAnnounceCommand(command, ctx);
  }
}
