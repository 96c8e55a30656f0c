/**
 * Slash commands (`/menu`, `/langganan`, `/start aduan` …) work on every channel: Telegram shows them in its
 * command list, and a WhatsApp or console user may type them too. Features register which command means
 * what (`FeatureDialogue.commands`); this only reads the shape.
 */
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

/** The plain word `STOP` (any case, alone) unsubscribes, as people expect from SMS and WhatsApp lists. */
export function isStopWord(text: string): boolean {
  return /^\s*(stop|berhenti|unsubscribe)\s*[.!]?\s*$/i.test(text);
}
