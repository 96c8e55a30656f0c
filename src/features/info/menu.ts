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

/** The topics' labels and numbered lines of one language, by its templates (they hold nothing else). */
const menuTexts = new WeakMap<object, { labels: readonly string[]; lines: string }>();

/** The menu's labels and its numbered lines in `t`'s language: built once, not on every menu sent. */
function menuText(t: Translator): { labels: readonly string[]; lines: string } {
  let texts = menuTexts.get(t.templates);
  if (!texts) {
    const labels = MENU.map((intent) => t.text(`menu.${intent}`));
    texts = { labels, lines: labels.map((label, i) => `${i + 1}. ${label}`).join('\n') };
    menuTexts.set(t.templates, texts);
  }
  return texts;
}

/** The menu as a reply: an intro line, then one numbered line a topic, with the same options as buttons. */
export function menuReply(t: Translator, introKey: string, vars: Record<string, string> = {}): Reply {
  const { labels, lines } = menuText(t);
  const options: MenuOption[] = labels.map((label, i) => ({ key: String(i + 1), label }));
  return {
    parts: [...t.parts(introKey, vars), { text: `\n\n${lines}\n\n` }, ...t.parts('menu.hint')],
    options,
    key: introKey,
  };
}
