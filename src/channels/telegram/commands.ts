/**
 * The command list Telegram shows in the "/" menu (setMyCommands), in Indonesian. Citizens see the default
 * list; each staff id (and the staff group) sees the staff commands as well, derived from the catalogue of
 * staff operations. The commands themselves are parsed by the features, so the list here is only what is shown.
 */
import { cutText } from '../../lib/format.js';

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
  { command: 'konsultasi', description: 'Tanya langsung ke petugas' },
  { command: 'langganan', description: 'Langganan pengumuman kantor' },
  { command: 'berhenti', description: 'Berhenti langganan pengumuman' },
];

/** Telegram's limit on a command description. */
const MAX_DESCRIPTION = 256;

/** Staff commands from the catalogue (name and help line), for the staff's own "/" menu. */
export function staffCommandList(commands: readonly { name: string; help: string }[]): BotCommand[] {
  return commands
    .filter((c) => /^[a-z0-9_]{1,32}$/.test(c.name))
    .map((c) => ({ command: c.name, description: cutText(c.help || `Perintah petugas /${c.name}`, MAX_DESCRIPTION) }));
}
