/**
 * Curation rules that turn the raw IndoCollex dictionary into the lexicon the normaliser ships.
 * Pure: the CLI (`curate-cli.ts`) does the I/O, so the rules can be reviewed and tested here.
 */

/** One informal -> formal pair. */
export interface LexiconPair {
  informal: string;
  formal: string;
}

/** A pair the curation removed, with the rule that removed it (written out for review). */
export interface DroppedPair extends LexiconPair {
  reason: string;
}

/** Result of curation: kept pairs (sorted) and dropped ones with reasons. */
export interface CurationResult {
  kept: LexiconPair[];
  dropped: DroppedPair[];
}

/**
 * Pairs that are wrong, reversed, offensive, Balinese/Javanese/Sundanese words glossed wrongly,
 * or that collide with words citizens of a permit office actually write (bli = "older brother" in
 * Bali, sk = surat keputusan, cp = contact person, tf = transfer, os ~ OSS typo).
 */
const DENY: Readonly<Record<string, string>> = {
  bang: 'reversed pair (bang->ngab)',
  diubah: 'reversed pair (diubah->dirubah)',
  malang: 'reversed pair (malang->ngalam)',
  kppn: 'error: KPPN is an office, not kapan',
  ko: 'error: ko->mengapa',
  koq: 'odd: koq->mengapa',
  bli: 'Balinese "bli" (older brother) is not beli',
  sk: 'SK = surat keputusan in office language',
  cp: 'cp = contact person in office language',
  tf: 'tf = transfer, not tensorflow',
  os: 'os is usually a typo of OSS here',
  hatur: 'half of "hatur nuhun"',
  nuhun: 'nuhun means thanks, not iya',
  pisan: 'pisan means sangat, not juga',
  rasah: 'rasah means tidak usah',
  geus: 'geus means sudah',
  mboh: 'odd gloss',
  mbuh: 'odd gloss',
  samo: 'odd gloss',
  salalu: 'odd gloss',
  umrik: 'odd gloss',
  teling: 'odd gloss',
  sbb: 'sbb = sebagai berikut',
  rsia: 'RSIA is a hospital, not rahasia',
  pileg: 'pileg = pemilu legislatif, not pilek',
  adk: 'odd expansion',
  pku: 'odd expansion',
  spn: 'odd expansion',
  spd: 'odd expansion',
  pcx: 'odd gloss',
  emyu: 'proper-name joke',
  bensu: 'proper-name joke',
  dlingo: 'proper-name joke',
  pabji: 'proper-name joke',
  gatsu: 'proper-name',
  kotagede: 'proper-name mangled',
  micin: 'odd gloss',
  tb: 'ambiguous',
  sg: 'ambiguous',
  sr: 'ambiguous',
  st: 'ambiguous',
  su: 'profanity',
  ms: 'odd gloss',
  mh: 'odd gloss',
  ml: 'sexual slang',
  tt: 'sexual slang',
  ee: 'vulgar',
  eek: 'vulgar',
  se: 'ambiguous (Balinese/Javanese)',
  le: 'ambiguous',
  il: 'ambiguous',
  jang: 'ambiguous',
  ja: 'ambiguous',
  bb: 'ambiguous',
  bc: 'ambiguous',
  mk: 'ambiguous',
  lp: 'ambiguous',
  mt: 'ambiguous',
  op: 'ambiguous',
  kp: 'ambiguous',
  pb: 'ambiguous',
  fm: 'ambiguous',
  og: 'ambiguous',
  bm: 'ambiguous',
  dj: 'ambiguous',
  gr: 'ambiguous',
  hu: 'ambiguous',
  tw: 'ambiguous',
  kw: 'ambiguous',
  que: 'Spanish/French',
  quando: 'Spanish/Portuguese',
  sempre: 'Spanish/Portuguese',
  amo: 'Spanish',
  grande: 'Spanish',
  feliz: 'Spanish',
  und: 'German',
  gracias: 'Spanish',
  merci: 'French',
  amigos: 'Spanish',
  aqui: 'Spanish',
  kuingin: 'capitalised target',
  ajaaaa: 'elongation handled by the normaliser',
  ajh: 'maps to informal aja; domain lexicon covers it',
  emng: 'maps to informal emang',
  ngak: 'maps to informal nggak',
  udahh: 'maps to informal udah',
  ajalah: 'odd target saja-lah',
  kyknya: 'odd target seperti-nya',
  liatnya: 'odd target',
  temennya: 'odd target',
  pengennya: 'odd target',
  kmh: 'odd gloss',
  katanya: 'katanya is standard Indonesian',
  makannya: 'makannya is standard Indonesian',
  soalnya: 'soalnya is standard Indonesian',
  beneran: 'beneran -> serius is a paraphrase',
  lalui: 'lalui is standard Indonesian',
  kenali: 'kenali is standard Indonesian',
  kurangi: 'kurangi is standard Indonesian',
  lewati: 'lewati is standard Indonesian',
  sadari: 'sadari is standard Indonesian',
  pahami: 'pahami is standard Indonesian',
  temani: 'temani is standard Indonesian',
  nyalakan: 'nyalakan -> menyalakan is a no-op',
  services: 'English; keep "services" for mixed messages',
  closing: 'English; keep for mixed messages',
};

/** Profanity and sexual terms: never rewritten into (or out of) the text. */
const PROFANITY = new Set([
  'anjing', 'bangsat', 'goblok', 'tahi', 'kontol', 'brengsek', 'bajingan', 'bangkai',
  'payudara', 'porno', 'bercinta', 'bercumbu', 'mengentot', 'bergairah',
]);

/**
 * Curate IndoCollex pairs.
 * @param rows raw pairs from the TSV (header removed)
 * @param isEnglish predicate telling whether a word is an English word (the gloss would break mixed messages)
 * @param overrides pairs that replace IndoCollex entries (e.g. ga/gak/nggak -> tidak)
 */
export function curateIndoCollex(
  rows: readonly LexiconPair[],
  isEnglish: (word: string) => boolean,
  overrides: Readonly<Record<string, string>> = {},
): CurationResult {
  const kept = new Map<string, string>();
  const dropped: DroppedPair[] = [];
  const drop = (p: LexiconPair, reason: string): void => {
    dropped.push({ ...p, reason });
  };
  for (const raw of rows) {
    const informal = raw.informal.trim().toLowerCase();
    const formal = raw.formal.trim().replace(/^"|"$/g, '').toLowerCase();
    const pair = { informal, formal };
    if (!informal || !formal) drop(pair, 'empty side');
    else if (/^\d/.test(informal)) drop(pair, 'number/unit: numbers are left as written');
    else if (!/^[a-z0-9]+$/.test(informal)) drop(pair, 'informal side is not a single plain token');
    else if (DENY[informal] !== undefined) drop(pair, DENY[informal]);
    else if (formal.split(/[\s-]+/).some((w) => PROFANITY.has(w))) drop(pair, 'profanity');
    else if (isEnglish(informal)) drop(pair, 'English word glossed into Indonesian (breaks mixed messages)');
    else if (informal === formal) drop(pair, 'identity');
    else if (kept.has(informal)) drop(pair, 'duplicate informal form');
    else kept.set(informal, formal);
  }
  for (const [informal, formal] of Object.entries(overrides)) kept.set(informal, formal);
  const sorted = [...kept.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([informal, formal]) => ({ informal, formal }));
  return { kept: sorted, dropped };
}

/** Parse a two-column TSV (`informal<TAB>formal`); skips the header, blank lines and `#` comments. */
export function parseLexiconTsv(text: string): LexiconPair[] {
  const out: LexiconPair[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [informal, formal] = line.split('\t');
    if (informal === undefined || formal === undefined) continue;
    if (informal === 'informal' && formal === 'formal') continue;
    out.push({ informal, formal });
  }
  return out;
}
