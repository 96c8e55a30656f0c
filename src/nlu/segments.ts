/**
 * Several questions in one message ("kapan buka lagi? trs form pbg dmn? call center brp?"): the dialogue
 * classifies and answers each part. Parts end at a question mark or a line break, and at a connective
 * ("trs", "terus", "lalu", "dan juga", "terus kalau", "satu lagi", "and also") that follows a question; at "dan",
 * "sama", "and" between two questions or requests ("jam buka brp dan pegawai msh masuk ga", "link form siup sm cara
 * daftar oss dong"); and at the items of a numbered list ("1. apa kantor buka 2. dmn formnya 3. bs konsultasi ga").
 * A URL's query string ("?id=3") never splits a message.
 */

const URL_LIKE = /\b(?:https?:\/\/|www\.)\S+/gi;
// "trs", "trus", "terus", "lalu", "dan juga", "satu lagi", "sama satu lagi", "and also", "also" at a part's start.
const CONNECTIVE = /^(?:(?:dan|sama|terus|trs|trus|then|and)\s+)?(?:trs|trus|terus|tros|lalu|lantas|kemudian|dan juga|satu lagi|and also|also|then)\b[\s,:]*/i;
// A connective inside a part, between two questions that lack their question marks ("kapan buka trs form dmn").
// Not "terus": it also means "all the time" ("error terus").
const MID_CONNECTIVE = /[\s,]+(?:trs|trus|lalu|dan juga|satu lagi)\s+/i;
// Words that make the text before a connective a question (raw spellings, as typed).
const QUESTION_WORD =
  /\b(?:apa|apakah|apaan|kapan|kpn|dimana|dmn|mana|gimana|gmn|bagaimana|bgmn|berapa|brp|kenapa|knp|mengapa|siapa|bisa|bs|boleh|ada|what|when|where|how|why|which|who|is|are|can|do|does)\b/i;
const MIN_PART_CHARS = 2;
/** "and" between two questions: split only when each side is a question or a request by itself. */
const AND = /[\s,]+(?:dan|sama|sm|serta|and|plus)\s+/gi;
/** A request without a question word ("link form siup", "cara daftar oss dong", "minta nomor cc"). */
const REQUEST_WORD = /\b(?:cara|caranya|link|minta|tolong|info|form|formulir|formnya|syarat|please|tell me|send)\b/i;
/** A yes/no question by its last word ("pegawai msh masuk ga", "sudah buka belum"). */
const YES_NO_END = /\b(?:ga|gak|nggak|ngga|enggak|tidak|kah|blm|belum|ya|tah)\s*[?？!.]*\s*$/i;
/** A numbered item: "1." or "2)" at the start or after a space, followed by text. */
const LIST_ITEM = /(?:^|\s)([1-9])[.)]\s+/g;

const asks = (s: string): boolean => QUESTION_WORD.test(s) || REQUEST_WORD.test(s) || YES_NO_END.test(s);
const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

function splitAnd(part: string): string[] {
  for (const m of part.matchAll(AND)) {
    const before = part.slice(0, m.index);
    const after = part.slice(m.index + m[0].length);
    // "sama"/"sm" is also "with" ("ketemu sama petugas"): it joins two questions only before a question word.
    const withWord = /^[\s,]*(?:sama|sm)\b/i.test(m[0]);
    const startsAsking = QUESTION_WORD.test(after.split(/\s+/)[0] ?? '') || REQUEST_WORD.test(after.split(/\s+/)[0] ?? '');
    if (words(before) >= 2 && words(after) >= 3 && asks(before) && asks(after) && (!withWord || startsAsking)) return [before, ...splitAnd(after)];
  }
  return [part];
}

/** The items of a numbered list (1., 2., … in order, two or more), with a preface that asks nothing dropped. */
function listItems(line: string): string[] {
  const marks = [...line.matchAll(LIST_ITEM)];
  if (marks.length < 2 || marks.some((m, i) => Number(m[1]) !== i + 1)) return [line];
  const items: string[] = [];
  const preface = line.slice(0, marks[0]?.index ?? 0).trim();
  if (preface && asks(preface)) items.push(preface);
  marks.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    items.push(line.slice(start, marks[i + 1]?.index ?? line.length).trim());
  });
  return items;
}

/** A comma between two questions ("knp tutup, smp kapan, terus formulir izin dmn?"): each side asks by itself. */
const COMMA = /\s*,\s*/g;

function splitComma(part: string): string[] {
  const pieces = part.split(COMMA);
  if (pieces.length < 2) return [part];
  // Commas also sit inside one question ("halo kak, kapan buka?", "kalau sudah, dikirim kemana?"): a cut is made
  // only where the pieces on both sides are questions of two words or more.
  const out: string[] = [];
  let current = pieces[0] ?? '';
  for (const next of pieces.slice(1)) {
    const clean = next.replace(CONNECTIVE, '');
    if (words(current) >= 2 && words(clean) >= 2 && QUESTION_WORD.test(current) && QUESTION_WORD.test(clean)) {
      out.push(current);
      current = clean;
    } else current = `${current}, ${next}`;
  }
  out.push(current);
  return out;
}

function splitMid(part: string): string[] {
  const m = MID_CONNECTIVE.exec(part);
  if (!m || m.index === undefined) return [part];
  const before = part.slice(0, m.index);
  const after = part.slice(m.index + m[0].length);
  if (!QUESTION_WORD.test(before) || !QUESTION_WORD.test(after)) return [part];
  return [before, ...splitMid(after)];
}

/** "sy mau tanya: A, B, sama C?": a list of questions announced by a colon. */
const ASKS_A_LIST = /^(.{0,60}?\b(?:tanya|nanya|bertanya|tanyakan|menanyakan|ask)\w*(?:\s+\S+){0,2}\s*:)\s*(.+)$/is;
/** Where such a list is cut: a comma, or "sama"/"dan"/"and" after a comma or before "ada". */
const LIST_CUT = /\s*,\s*(?:(?:sama|dan|and|serta)\s+)?|\s+(?:sama|dan|serta)\s+(?=ada\b)/i;

/** The questions of a list announced by a colon (two or more items), else the part as it is. */
function splitAnnouncedList(part: string): string[] {
  const m = ASKS_A_LIST.exec(part);
  if (!m) return [part];
  const items = (m[2] ?? '').split(LIST_CUT).map((x) => x.trim()).filter((x) => words(x) >= 2);
  return items.length >= 2 ? items : [part];
}

/** A sentence's end inside a part: ". " or "! " before more text. */
const SENTENCE_END = /[.!]+\s+(?=\S)/g;
/** A permit named: what makes a statement before a question a matter of its own ("sy mau bikin ijin usaha, SIUP gt."). */
const PERMIT_NAMED = /\b(?:izin|ijin|perizinan|formulir|form|permits?)\w*/i;

/**
 * "sy mau bikin ijin usaha toko kelontong, SIUP gt. kantornya buka gak ya?": a statement naming a permit (or a
 * question) and then a question of its own are two matters. A backstory before the question ("Saya dokter
 * umum, baru pindah tugas. Untuk perpanjangan SIP bagaimana?") names no permit and stays with it.
 */
function splitSentences(part: string): string[] {
  if (!/[?？]\s*$/.test(part)) return [part];
  for (const m of part.matchAll(SENTENCE_END)) {
    const before = part.slice(0, m.index);
    const after = part.slice((m.index ?? 0) + m[0].length);
    if (words(before) >= 3 && words(after) >= 3 && (asks(before) || PERMIT_NAMED.test(before)) && asks(after)) return [before, ...splitSentences(after)];
  }
  return [part];
}

/** "… lho wkwk, btw kantor masih tutup?": "by the way" starts another matter, whatever came before. */
const BY_THE_WAY = /[\s,.;!]+(?:btw|by the way|ngomong2|ngomong-ngomong|ngomong ngomong|omong2|oh iya|oh ya|oiya|oya)[\s,:]+/i;

function splitByTheWay(part: string): string[] {
  const m = BY_THE_WAY.exec(part);
  if (!m || m.index === undefined || m.index === 0) return [part];
  return [part.slice(0, m.index), ...splitByTheWay(part.slice(m.index + m[0].length))];
}

/** Where `segments` may cut besides a question mark: a line break or comma, a connective, an "and", a numbered item. */
const MAY_SPLIT = [/[\n,:]/, /[.!]\s+\S/, MID_CONNECTIVE, new RegExp(AND.source, 'i'), new RegExp(LIST_ITEM.source), BY_THE_WAY];
/** A character that does not clean away (see MIN_PART_CHARS): what a part after a question mark needs. */
const KEPT_CHAR = /[^\s?？.,!]/;

/**
 * Whether a question mark may end a part that is kept: something other than white space, question marks and
 * `.,!` follows the first one (what follows the last one otherwise cleans to nothing and is dropped), so
 * "kapan buka?" (most questions end so) is one part without splitting it. Linear, whatever the text.
 */
function questionMarkCuts(text: string): boolean {
  const q = text.search(/[?？]/);
  return q >= 0 && KEPT_CHAR.test(text.slice(q + 1));
}

/**
 * False when `segments(text)` has one part at most: nothing in the text where it may cut (see MAY_SPLIT).
 * A few scans, for a caller that wants the parts only of a message of several (most messages are one
 * question). Masking URLs can only take such places away, never add one, so the text as typed decides.
 */
export function mayHaveSeveralParts(text: string): boolean {
  return typeof text === 'string' && (questionMarkCuts(text) || MAY_SPLIT.some((re) => re.test(text)));
}

/**
 * The questions of a message, in order, each trimmed and without its leading connective. A message with one
 * question (or none) comes back as one part; an empty message as none.
 * @example segments('kapan buka lagi? trs form pbg dmn? call center brp?') // ['kapan buka lagi?', 'form pbg dmn?', 'call center brp?']
 */
export function segments(text: string): string[] {
  if (typeof text !== 'string') return [];
  // Protect URLs: their "?" and newlines are not part ends.
  const urls: string[] = [];
  const masked = text.replace(URL_LIKE, (u) => {
    urls.push(u);
    return `\uE000${urls.length - 1}\uE001`;
  });
  const unmask = (s: string): string => s.replace(/\uE000(\d+)\uE001/g, (_m, i: string) => urls[Number(i)] ?? '');
  const rough: string[] = [];
  // A part ends after its question marks (kept), or at a line break.
  for (const line of masked.split(/\r?\n+/).flatMap(listItems)) {
    const re = /[^?？]*[?？]+|[^?？]+$/g;
    for (const m of line.match(re) ?? []) rough.push(m);
  }
  const out: string[] = [];
  for (const r of rough) {
    const first = r.trim().replace(CONNECTIVE, '');
    const pieces = splitByTheWay(first).flatMap(splitAnnouncedList).flatMap(splitSentences).flatMap(splitComma).flatMap(splitMid).flatMap(splitAnd);
    for (const p of pieces) {
      const clean = unmask(p.replace(CONNECTIVE, '').trim());
      if (clean.replace(/[\s?？.,!]+/g, '').length >= MIN_PART_CHARS) out.push(clean);
    }
  }
  return out;
}
