/**
 * The I/O half of the complaint staff commands (`/aduan…`): list, show, change status or category, forget.
 * Replies are in Indonesian for staff, whatever language the command came in.
 */
import type { Reply } from '../../kernel/message.js';
import type { StaffCommand } from '../../runtime/staff.js';
import * as render from './render.js';
import { ComplaintNotFound, StatusChangeRefused, type ComplaintService } from './service.js';

/** The complaint commands of the `StaffCommand` union. */
export type ComplaintStaffCommand = Extract<
  StaffCommand,
  { name: 'aduan' | 'aduan_lihat' | 'aduan_status' | 'aduan_kategori' | 'aduan_hapus_data' }
>;

/** Longest list sent in one message (the rest is counted, and the CLI lists everything). */
const MAX_LIST = 40;

/** Run one complaint staff command for `staffKey`. */
export async function runComplaintStaffCommand(
  command: ComplaintStaffCommand,
  service: ComplaintService,
  staffKey: string,
  now: Date,
): Promise<Reply[]> {
  const r = service.renderer('id');
  const { t } = r;
  try {
    switch (command.name) {
      case 'aduan': {
        const list = await service.listOpen(now, command.filter === 'terlambat');
        if (list.length === 0) return [t.reply(command.filter === 'terlambat' ? 'complaint.staff.list.none.overdue' : 'complaint.staff.list.none')];
        const lines = list.slice(0, MAX_LIST).map((c) => render.staffLine(r, c, service.overdue(c, now)));
        if (list.length > MAX_LIST) lines.push(t.text('complaint.staff.list.more', { count: list.length - MAX_LIST }));
        return [t.reply('complaint.staff.list', { count: list.length, lines: lines.join('\n') })];
      }
      case 'aduan_lihat': {
        const c = await service.require(command.ticket);
        return render.staffDetail(r, c, service.overdue(c, now));
      }
      case 'aduan_status': {
        const { complaint, notified } = await service.updateStatus(command.ticket, command.status, command.note ?? undefined, staffKey, now);
        return [
          t.reply(notified ? 'complaint.staff.status.done' : 'complaint.staff.status.unnotified', {
            ticket: complaint.ticket,
            status: render.statusLabel(t, complaint.status),
          }),
        ];
      }
      case 'aduan_kategori': {
        const c = await service.setCategory(command.ticket, command.category, staffKey, now);
        return [t.reply('complaint.staff.category.done', { ticket: c.ticket, category: render.categoryLabel(t, c.category) })];
      }
      case 'aduan_hapus_data': {
        const c = await service.forget(command.ticket, staffKey, now);
        return [t.reply('complaint.staff.forgotten', { ticket: c.ticket })];
      }
    }
  } catch (err) {
    if (err instanceof ComplaintNotFound) return [t.reply('complaint.staff.missing', { ticket: err.ticket })];
    if (err instanceof StatusChangeRefused) return [t.reply('complaint.staff.status.refused', { from: err.from, to: err.to })];
    throw err;
  }
}
