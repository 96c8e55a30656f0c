/**
 * Ticket numbers: `ADU-` + 6 characters of Crockford base32 drawn with `crypto.randomInt` — short enough to
 * type on a phone, not guessable in sequence (≈10⁹ values), unique across instances by a create-if-absent
 * check in the repository. Crockford's alphabet has no I, L, O or U; when reading a ticket back, I/L are
 * taken as 1 and O as 0, so a misread character still finds the ticket.
 */
import { randomInt } from 'node:crypto';
import { canonicalCode, codeInText, newCode } from '../../lib/ticket-code.js';

export { ALPHABET } from '../../lib/ticket-code.js';

/** A fresh random ticket number. */
export function newTicket(random: (max: number) => number = randomInt): string {
  return newCode('ADU', random);
}

/** `adu 7k3m9q`, `ADU-7K3M9Q`, `adu-7k3m9o` (O read as 0) anywhere in a text. */
const IN_TEXT = codeInText('adu');

function canonical(chars: string): string | undefined {
  return canonicalCode('ADU', chars);
}
/** The ticket mentioned in `text`, in canonical form (`ADU-7K3M9Q`), or undefined. */
export function findTicket(text: string): string | undefined {
  const m = IN_TEXT.exec(text);
  return m?.[1] ? canonical(m[1]) : undefined;
}

/** `text` is nothing but a ticket number (possibly with `cek`/`status`/`tiket` around it). */
export function isBareTicket(text: string): boolean {
  // Most messages name no number at all: that is looked for first (the replaces only for those that do).
  if (findTicket(text) === undefined) return false;
  const rest = text.replace(IN_TEXT, ' ').replace(/\b(cek|status|tiket|ticket|nomor|no)\b/gi, ' ');
  return rest.replace(/[\s?.!,:]/g, '') === '';
}
