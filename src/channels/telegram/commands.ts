/**
 * The command list Telegram shows in the "/" menu (setMyCommands), in Indonesian. Citizens see the default
 * list; each staff id (and the staff group) sees the staff commands as well. The commands themselves are
 * parsed by the engine (`engine/commands.ts`, `engine/staff.ts`), so the list here is only what is shown.
 */
import { STAFF_COMMANDS } from '../../runtime/staff.js';

/** One entry of the "/" menu. */
export interface BotCommand {
  command: string;
  description: string;
}

/** Citizen commands, in the order shown. */
export const CITIZEN_COMMAND_LIST: readonly BotCommand[] = [
  { command: 'start', description: 'Mulai dan tampilkan menu' },
  { command: 'menu', description: 'Daftar topik yang bisa ditanyakan' },
  { command: 'bantuan', description: 'Bantuan cara memakai layanan chat ini' },
  { command: 'status', description: 'Status layanan tatap muka' },
  { command: 'formulir', description: 'Formulir pendaftaran izin' },
  { command: 'oss', description: 'Pendaftaran OSS dan NIB' },
  { command: 'kontak', description: 'Call center dan kontak kantor' },
  { command: 'pengaduan', description: 'Sampaikan pengaduan' },
  { command: 'tiket', description: 'Cek status tiket pengaduan' },
  { command: 'langganan', description: 'Langganan pengumuman kantor' },
  { command: 'berhenti', description: 'Berhenti langganan pengumuman' },
];

/** Descriptions of staff commands known here; a command added later gets a generic one. */
const STAFF_DESCRIPTIONS: Readonly<Record<string, string>> = {
  staf: 'Daftar perintah petugas',
};

/** Staff commands (every name in the engine's table), for the staff's own "/" menu. */
export function staffCommandList(): BotCommand[] {
  return Object.keys(STAFF_COMMANDS)
    .filter((name) => /^[a-z0-9_]{1,32}$/.test(name))
    .map((name) => ({ command: name, description: STAFF_DESCRIPTIONS[name] ?? `Perintah petugas /${name}` }));
}
