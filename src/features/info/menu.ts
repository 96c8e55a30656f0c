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

/** Menu positions said in words: ordinals alone ("yg pertama", "the second one"), numbers after a pointer word ("nomor dua"). */
const ORDINALS: Readonly<Record<string, number>> = { pertama: 1, kedua: 2, ketiga: 3, keempat: 4, kelima: 5, keenam: 6, ketujuh: 7, kedelapan: 8, kesembilan: 9, kesepuluh: 10, first: 1, second: 2, third: 3, fourth: 4, fifth: 5 };
const NUMBER_WORDS: Readonly<Record<string, number>> = { satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9, sepuluh: 10 };

/** The intent of a bare menu number (`"3"`, `" 3. "`, `"no 3"`, `"nomor 3"`, `"number 3"`, `"yg pertama"`, `"nomor dua"`), or undefined. */
export function menuChoice(text: string): IntentName | undefined {
  const m = /^\s*(?:(?:no|nomor|nmr|no\.|number|pilih|pilihan|option)\s*)?(\d{1,2})\s*[.)]?\s*$/i.exec(text);
  if (m) return MENU[Number(m[1]) - 1];
  // (a number word alone is no choice: "dua" answers many questions; after "nomor", "pilih" it is one)
  const w = /^\s*(?:(?:yg|yang|the|pilih|pilihan|nomor|no|nmr)\s+)?(\p{L}+)(?:\s+(?:one|aja|saja|deh|ya|kak|min|please))*\s*[.!]?\s*$/iu.exec(text);
  const word = w?.[1]?.toLowerCase();
  if (!word) return undefined;
  const pointed = /^\s*(?:pilih|pilihan|nomor|no|nmr)\s/i.test(text);
  const position = ORDINALS[word] ?? (pointed ? NUMBER_WORDS[word] : undefined);
  return position === undefined ? undefined : MENU[position - 1];
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
