/** Consultation numbers in text: `KON-7K3M9Q`, `kon 7k3m9q`, `kon-7k3m9o` (O read as 0). */
import { canonicalCode, codeInText } from '../../lib/ticket-code.js';

const IN_TEXT = codeInText('kon');

/** The consultation number mentioned in `text`, canonical (`KON-7K3M9Q`), or undefined. */
export function findNumber(text: string): string | undefined {
  const m = IN_TEXT.exec(text);
  return m?.[1] ? canonicalCode('KON', m[1]) : undefined;
}

/** `text` is nothing but a consultation number (with `cek`/`status` around it). */
export function isBareNumber(text: string): boolean {
  // Most messages name no number at all: that is looked for first (the replaces only for those that do).
  if (findNumber(text) === undefined) return false;
  const rest = text.replace(IN_TEXT, ' ').replace(/\b(cek|status|konsultasi|nomor|no)\b/gi, ' ');
  return rest.replace(/[\s?.!,:]/g, '') === '';
}
