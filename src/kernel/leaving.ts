/**
 * Leaving words: what people type to leave a form or drop what they started ("batal", "eh ga jadi deh", "ga usah
 * deh, gak jadi", "nanti aja"). One matcher for every form and the step, so a phrase that leaves one form leaves
 * them all. A whole message of these words only (a lead-in, leaving phrases, particles): "ga jadi ke kantor" is
 * no leaving.
 */

/** Interjections and address words before a leaving phrase ("eh", "ah", "maaf kak"). */
const LEAD = String.raw`(?:eh|oh|ah|hmm+|wah|aduh|duh|waduh|maaf|sorry|kak|min|ok|oke|yah)`;
/** Cancelling outright. */
const CANCEL_PHRASES = [
  'batal',
  'batalkan',
  'cancel',
  String.raw`(?:tidak|tdk|gak|ga|gk|nggak|ngga|enggak|ndak) ?(?:jadi|jd)`,
  'udahan',
  String.raw`(?:tidak|tdk|gak|ga|gk|nggak|ngga|enggak) ?usah`,
  'never ?mind',
  'forget it',
];
/** Putting it off ("nanti aja", "lain kali"): inside a form it leaves the form as well. */
const LATER_PHRASES = [String.raw`nanti (?:aja|saja|dulu)`, 'lain kali', String.raw`kapan[- ]kapan`, 'maybe later', 'later'];
/** Particles and address words after the phrase ("deh", "aja", "kak", "makasih"). */
const TAIL = String.raw`(?:deh|aja|ah|dulu|sih|saja|lah|ya|yah|kak|min|admin|pak|bu|mas|mbak|bli|mbok|gan|maaf|sorry|ok|oke|makasih|terima kasih|thanks|nanti)`;

/** Options of {@link leavingWords}. */
export interface LeavingOptions {
  /** Also "nanti aja", "lain kali" (inside a form). */
  later?: boolean;
  /** More words that leave on their own here ("stop", "keluar" in a form). */
  extra?: readonly string[];
}

/** A matcher of a message made of leaving words only (`/batal@bot` too: Telegram's menu sends it in groups). */
export function leavingWords(options: LeavingOptions = {}): RegExp {
  const phrases = [...CANCEL_PHRASES, ...(options.later ? LATER_PHRASES : []), ...(options.extra ?? [])].join('|');
  const phrase = String.raw`\/?(?:${phrases})(?:@[A-Za-z0-9_]+)?`;
  // A cancel phrase may give its reason after a comma or a stop ("batal aja deh, udh diangkat barusan"): a few words.
  const cancel = String.raw`(?:${CANCEL_PHRASES.join('|')})`;
  const withReason = String.raw`^\s*(?:${LEAD}[\s,]+)*${cancel}(?:\s+${TAIL})*\s*[,.!;]+\s*(?:[^\s?]+\s*){1,6}[.!]*\s*$`;
  return new RegExp(String.raw`^\s*(?:${LEAD}[\s,]+)*${phrase}(?:[\s,.!]+(?:${phrase}|${TAIL}))*\s*[.!]*\s*$|${withReason}`, 'i');
}
