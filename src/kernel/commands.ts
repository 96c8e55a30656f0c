/**
 * Slash commands (`/menu`, `/langganan`, `/start aduan` …) work on every channel: Telegram shows them in its
 * command list, and a WhatsApp or console user may type them too. The adapter strips `@botname`.
 */
import type { IntentName } from '../nlu/types.js';

/** A parsed `/command args`. */
export interface Command {
  name: string;
  args: string;
}

/** `/Langganan@tabanan_bot  x` → `{ name: 'langganan', args: 'x' }`; anything else → undefined. */
export function parseCommand(text: string): Command | undefined {
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return undefined;
  return { name: (m[1] ?? '').toLowerCase(), args: (m[2] ?? '').trim() };
}

/** Citizen commands and the intent each one stands for. */
export const CITIZEN_COMMANDS: Readonly<Record<string, IntentName>> = {
  start: 'greeting',
  menu: 'help',
  bantuan: 'help',
  help: 'help',
  status: 'closure.status',
  formulir: 'form.request',
  kontak: 'contact.info',
  oss: 'oss.registration',
  pengaduan: 'complaint.file',
  aduan: 'complaint.file',
  tiket: 'complaint.status',
  langganan: 'subscribe',
  subscribe: 'subscribe',
  berhenti: 'unsubscribe',
  stop: 'unsubscribe',
  unsubscribe: 'unsubscribe',
};

/** `/start <payload>` deep links (t.me/bot?start=langganan) and the intent they open. */
export const START_PAYLOADS: Readonly<Record<string, IntentName>> = {
  langganan: 'subscribe',
  aduan: 'complaint.file',
  pengaduan: 'complaint.file',
  tiket: 'complaint.status',
  formulir: 'form.request',
  status: 'closure.status',
};

/** The plain word `STOP` (any case, alone) unsubscribes, as people expect from SMS and WhatsApp lists. */
export function isStopWord(text: string): boolean {
  return /^\s*(stop|berhenti|unsubscribe)\s*[.!]?\s*$/i.test(text);
}
