/**
 * Case numbers shared by the features that hand them out (complaints `ADU-`, consultations `KON-`): a prefix
 * and 6 characters of Crockford base32 drawn with `crypto.randomInt` — short enough to type on a phone, not
 * guessable in sequence (≈10⁹ values). Crockford's alphabet has no I, L, O or U; when a number is read back,
 * I/L are taken as 1 and O as 0, so a misread character still finds the case.
 */
import { randomInt } from 'node:crypto';

/** Crockford base32 digits. */
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Characters after the prefix. */
export const CODE_LENGTH = 6;

/** A fresh random number `<PREFIX>-XXXXXX`. */
export function newCode(prefix: string, random: (max: number) => number = randomInt): string {
  let s = `${prefix}-`;
  for (let i = 0; i < CODE_LENGTH; i++) s += ALPHABET[random(ALPHABET.length)];
  return s;
}

/** The canonical number for 6 typed characters (I/L → 1, O → 0), or undefined when one is not Crockford. */
export function canonicalCode(prefix: string, chars: string): string | undefined {
  const up = chars.toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  if (up.length !== CODE_LENGTH || [...up].some((ch) => !ALPHABET.includes(ch))) return undefined;
  return `${prefix}-${up}`;
}

/** A pattern that finds `<prefix> 7k3m9q`, `PREFIX-7K3M9Q` anywhere in a text (the 6 characters in group 1). */
export function codeInText(prefix: string): RegExp {
  return new RegExp(`(?:^|[^a-z0-9])${prefix.toLowerCase()}[\\s\\-_:#.]*([0-9a-z]{${CODE_LENGTH}})(?![0-9a-z])`, 'i');
}
