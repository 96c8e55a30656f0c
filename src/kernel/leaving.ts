/**
 * Leaving words: what people type to leave a form or drop what they started ("batal", "eh ga jadi deh", "ga usah
 * deh, gak jadi", "nanti aja"). One matcher for every form and the step, so a phrase that leaves one form leaves
 * them all. A whole message of these words only (a lead-in, leaving phrases, particles): "ga jadi ke kantor" is
 * no leaving.
 */

/** Interjections and address words before a leaving phrase ("eh", "ah", "maaf kak"). */
const LEAD = String.raw`(?:eh|oh|ah|hmm+|wah|aduh|duh|waduh|maaf|sorry|kak|min|ok|oke|yah|td|tadi|sudahlah|udahlah|udah|udh|sdh|sudah|dah|deh|lah|yaudah|yaudh|ywdh|bentar|sebentar|bntr|tunggu)`;
/** Cancelling outright. */
/** "ga jadi", "nggak jd": not going ahead. */
const NOT_GOING = String.raw`(?:(?:mboten|ora|ra|nggak|gak) (?:sios|sido)|(?:tidak|tdk|gak|ga|gk|nggak|ngga|enggak|ndak) ?(?:jadi|jd)(?: (?:ngadu|mengadu|lapor|melapor|komplain|konsultasi|nanya|tanya))?)`;
/** "ga usah", "tidak usah": no need. */
const NO_NEED = String.raw`(?:tidak|tdk|gak|ga|gk|nggak|ngga|enggak) ?usah`;
const CANCEL_PHRASES = [
  'batal',
  'batalkan',
  'batalin',
  'cancel',
  NOT_GOING,
  'udahan',
  NO_NEED,
  'never ?mind',
  'forget it',
];
/** Putting it off ("nanti aja", "lain kali"): inside a form it leaves the form as well. */
const LATER_PHRASES = [String.raw`(?:nanti|ntar|entar|nnti) (?:aja|saja|dulu|deh)`, 'lain kali', String.raw`kapan[- ]kapan`, 'maybe later', 'later'];
/** What is left, named after the phrase ("batal aja deh aduannya", "ga jadi konsultasinya"). */
const OBJECTS = String.raw`(?:(?:peng)?aduan(?:nya)?|komplain(?:nya)?|laporan(?:nya)?|konsultasi(?:nya)?|pertanyaan(?:nya)?|form(?:nya)?|formulir(?:nya)?|isian(?:nya)?)`;
/** Particles and address words after the phrase ("deh", "aja", "kak", "makasih"). */
const TAIL = String.raw`(?:deh|dah|dh|aja|ah|dulu|sih|saja|mawon|lah|ya|yah|ribet|repot|males|malas|kak|min|admin|pak|bu|mas|mbak|bli|mbok|gan|maaf|sorry|ok|oke|makasih|terima kasih|thanks|nanti|${OBJECTS})`;

/** A reason that asks something instead ("ga jadi, jam buka kantor brp"): a new request, not a leaving ("batal, sy cuma nanya" is none). */
const ASKS = String.raw`.*\b(?:kapan|kpn|dimana|dmn|di mana|gimana|gmn|bagaimana|berapa|brp|apakah|(?<!(?:cuma|cuman|hanya|cm) )(?:tanya|nanya))\b`;

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
  // A cancel phrase may give its reason after a comma or a stop ("batal aja deh, udh diangkat barusan", "batal
  // aja. takut nanti urusan ibu sy malah dipersulit"): a sentence, not a new request (no question mark).
  // (in a form, a later with its reason too: "ntar aja deh min, lg sibuk")
  const cancel = String.raw`(?:${[...CANCEL_PHRASES, ...(options.later ? LATER_PHRASES : [])].join('|')})`;
  const withReason = String.raw`^\s*(?:${LEAD}[\s,]+)*${cancel}(?:\s+(?:${TAIL}|${cancel}))*\s*[,.!;]+\s*(?!${ASKS})(?:[^\s?]+\s*){1,10}[.!]*\s*$`;
  // Or the reason first, then the cancel ("eh tp sy takut ketahuan, gak jadi deh. batal", "udh gak jadi ngadu, batal
  // aja"): a plain "batal"/"cancel", or "ga jadi" with a particle; never a description ending "…izinnya ga jadi".
  const decided = String.raw`(?:batal|batalkan|cancel|${NOT_GOING}\s+(?:deh|aja|saja|dulu|lah)|(?:udahan|${NO_NEED})\s+(?:deh|aja|saja))`;
  const reasonFirst = String.raw`^[^?]{1,80}?[,.!;]\s*${decided}(?:\s+${TAIL})*\s*[.!]*\s*$`;
  return new RegExp(String.raw`^\s*(?:${LEAD}[\s,]+)*${phrase}(?:[\s,.!]+(?:${phrase}|${TAIL}))*\s*[.!]*\s*$|${withReason}|${reasonFirst}`, 'i');
}
