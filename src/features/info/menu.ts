/**
 * The numbered menu. WhatsApp has no reliable buttons, so the help reply lists numbered topics and a reply of
 * just that number works like the topic's intent; Telegram shows the same options as buttons.
 */
import type { IntentName } from '../../nlu/types.js';
import type { Translator } from '../../kernel/locale.js';
import type { MenuOption, Reply } from '../../kernel/message.js';

/** Menu topics in display order; the key is the position (1-based). */
export const MENU: readonly IntentName[] = [
  'closure.status',
  'closure.duration',
  'service.online',
  'form.request',
  'oss.registration',
  'contact.info',
  'office.hours',
  'complaint.file',
  'complaint.status',
  'subscribe',
];

/** The intent of a bare menu number (`"3"`, `" 3. "`, `"no 3"`, `"nomor 3"`, `"number 3"`), or undefined. */
export function menuChoice(text: string): IntentName | undefined {
  const m = /^\s*(?:(?:no|nomor|nmr|no\.|number|pilih|pilihan|option)\s*)?(\d{1,2})\s*[.)]?\s*$/i.exec(text);
  if (!m) return undefined;
  return MENU[Number(m[1]) - 1];
}

/** The menu as a reply: an intro line, then one numbered line a topic, with the same options as buttons. */
export function menuReply(t: Translator, introKey: string, vars: Record<string, string> = {}): Reply {
  const options: MenuOption[] = MENU.map((intent, i) => ({ key: String(i + 1), label: t.text(`menu.${intent}`) }));
  const lines = options.map((o) => `${o.key}. ${o.label}`).join('\n');
  return {
    parts: [...t.parts(introKey, vars), { text: `\n\n${lines}\n\n` }, ...t.parts('menu.hint')],
    options,
    key: introKey,
  };
}
