/**
 * Entities from the office catalogue: which permits (forms) and services a message names, through their names,
 * acronyms and aliases in the office data, with typos ("pormulir ijin mendirikan bangnan") and old names
 * ("imb" → PBG). Matching runs on normalised text, so spelling variants the lexicon knows (`ijin`, `praktek`)
 * are already standard; each word of five letters or more may also be one or two edits off (see `fuzzy.ts`).
 */
import { FuzzyVocabulary } from './fuzzy.js';
import type { Normaliser } from './normalise.js';

/** What a message names from the office catalogue. */
export interface Entities {
  /** Names of the forms (permits) named, as in the office data, in the order the message names them. */
  forms: string[];
  /** Ids of the services named, in the order the message names them. */
  services: string[];
}

/** The part of the office data entities come from (structurally `OfficeData`'s `forms` and `services`). */
export interface EntityCatalogue {
  forms: readonly { name: string; aliases: readonly string[] }[];
  services: readonly { id: string; name: { id: string; en: string }; aliases: readonly string[] }[];
  /** The office's own area ("Kabupaten Tabanan"). */
  region?: string;
  /** Places outside that area (the other regencies and cities): a message about one is another office's business. */
  elsewhere?: readonly string[];
}

/** Finds the entities of normalised text. */
export type EntityFinder = (normalised: string) => Entities;

/**
 * The words that name an office's own area in its region's name ("tabanan" of "Kabupaten Tabanan"): longer than
 * three letters, without the kind of area. `region` is lowercased (or normalised) already.
 */
export function ownAreaWords(region: string): string[] {
  return region.split(/\s+/).filter((w) => w.length > 3 && w !== 'kabupaten' && w !== 'kota');
}

/** No entities (a new value each time, so no caller can change another's). */
export function noEntities(): Entities {
  return { forms: [], services: [] };
}

// An alias that is also an everyday word counts only beside a word about permits: "sip" is "ok" in chat,
// and the Surat Izin Praktik only in "formulir sip", "sip bidan".
const AMBIGUOUS: ReadonlySet<string> = new Set(['sip']);
const PERMIT_CONTEXT: ReadonlySet<string> = new Set([
  'izin', 'perizinan', 'formulir', 'syarat', 'persyaratan', 'urus', 'mengurus', 'pengurusan', 'perpanjang', 'perpanjangan',
  'bikin', 'buat', 'membuat', 'daftar', 'ajukan', 'mengajukan', 'permohonan', 'praktik', 'praktek', 'dokter', 'bidan',
  'perawat', 'apoteker', 'kesehatan', 'nakes', 'link', 'unduh', 'download', 'biaya', 'lama', 'cara', 'bagaimana', 'permit',
  'license', 'form', 'apply', 'terbit', 'ambil', 'jadi',
]);
// Words of a name that never identify it alone.
const NAME_NOISE: ReadonlySet<string> = new Set(['dulu', 'surat', 'izin', 'tanda', 'daftar', 'usaha', 'tenaga', 'dan', 'the']);

interface Phrase {
  words: string[];
  /** Index into forms or services. */
  target: number;
}

const tokensOf = (normalised: string): string[] => normalised.split(' ').filter(Boolean);

/** The phrases a form is known by: its aliases, its name without the parenthesis, and the parenthesis' acronyms. */
function formPhrases(form: EntityCatalogue['forms'][number]): string[] {
  const out = [...form.aliases];
  const outer = form.name.replace(/\([^)]*\)/g, ' ');
  out.push(outer);
  for (const inner of form.name.match(/\(([^)]*)\)/g) ?? []) {
    for (const part of inner.slice(1, -1).split(/[,;/]/)) {
      const words = part.trim().split(/\s+/).filter((w) => !NAME_NOISE.has(w.toLowerCase()));
      if (words.length > 0) out.push(words.join(' '));
    }
  }
  return out;
}

const TOKEN_CACHE_LIMIT = 20_000;

/** Options of {@link createEntityFinder}. */
export interface EntityFinderOptions {
  /**
   * Match catalogue words one or two edits off (default true). The classifier turns it off: its normaliser has
   * already mended typos of office words, so exact matching costs less and finds the same.
   */
  typos?: boolean;
}

/**
 * Build an entity finder over a catalogue.
 * @param catalogue the office's forms and services
 * @param normalise the classifier's normaliser, so catalogue phrases are spelt as messages are after normalisation
 */
export function createEntityFinder(catalogue: EntityCatalogue, normalise: Normaliser, options: EntityFinderOptions = {}): EntityFinder {
  const typos = options.typos ?? true;
  const compile = (texts: readonly string[], target: number): Phrase[] => {
    const seen = new Set<string>();
    const out: Phrase[] = [];
    for (const t of texts) {
      const n = normalise(t);
      if (!n || seen.has(n)) continue;
      seen.add(n);
      out.push({ words: tokensOf(n), target });
    }
    return out;
  };
  const formPhrasesAll = catalogue.forms.flatMap((f, i) => compile(formPhrases(f), i));
  const servicePhrasesAll = catalogue.services.flatMap((s, i) => compile([...s.aliases, s.name.id, s.name.en], i));
  // Each message word is read as the catalogue word it is (exactly, with "-nya", or within the allowed typos),
  // once per distinct word (memoised), so matching a message is a few Map lookups.
  const vocabulary = new FuzzyVocabulary([...formPhrasesAll, ...servicePhrasesAll].flatMap((p) => p.words));
  const cache = new Map<string, string>();
  const canonical = (token: string): string => {
    let hit = cache.get(token);
    if (hit === undefined) {
      // "reklamenya", "apoteknya": the possessive suffix does not change what is named
      const look = (w: string): string | undefined => (typos ? vocabulary.lookup(w) : vocabulary.has(w) ? w : undefined);
      hit = look(token) ?? (token.endsWith('nya') ? look(token.slice(0, -3)) : undefined) ?? '';
      if (cache.size >= TOKEN_CACHE_LIMIT) cache.clear();
      cache.set(token, hit);
    }
    return hit;
  };
  const byFirst = (phrases: readonly Phrase[]): Map<string, Phrase[]> => {
    const m = new Map<string, Phrase[]>();
    for (const p of phrases) {
      const w = p.words[0] ?? '';
      const list = m.get(w);
      if (list) list.push(p);
      else m.set(w, [p]);
    }
    return m;
  };
  const formIndex = byFirst(formPhrasesAll);
  const serviceIndex = byFirst(servicePhrasesAll);

  /**
   * The targets named, in the order of their first mention. A match inside a longer match of another target does
   * not count ("non perizinan" names the non-permit service, not also the permit one).
   */
  const find = (words: readonly string[], index: ReadonlyMap<string, readonly Phrase[]>, context: boolean): number[] => {
    const spans: { target: number; start: number; end: number }[] = [];
    for (let i = 0; i < words.length; i += 1) {
      const candidates = index.get(words[i] ?? '');
      if (!candidates) continue;
      for (const p of candidates) {
        const n = p.words.length;
        if (i + n > words.length) continue;
        if (n === 1 && AMBIGUOUS.has(p.words[0] ?? '') && !context) continue;
        let ok = true;
        for (let j = 1; j < n && ok; j += 1) ok = words[i + j] === p.words[j];
        if (ok) spans.push({ target: p.target, start: i, end: i + n });
      }
    }
    if (spans.length === 0) return [];
    const kept = spans.filter(
      (a) => !spans.some((b) => b.target !== a.target && b.end - b.start > a.end - a.start && b.start <= a.start && a.end <= b.end),
    );
    const first = new Map<number, number>();
    for (const k of kept) {
      const at = first.get(k.target);
      if (at === undefined || k.start < at) first.set(k.target, k.start);
    }
    return [...first].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([t]) => t);
  };

  return (normalised: string): Entities => {
    const tokens = tokensOf(normalised);
    if (tokens.length === 0) return noEntities();
    const context = tokens.some((t) => PERMIT_CONTEXT.has(t));
    const words = tokens.map(canonical);
    return {
      forms: find(words, formIndex, context).map((i) => catalogue.forms[i]?.name ?? ''),
      services: find(words, serviceIndex, true).map((i) => catalogue.services[i]?.id ?? ''),
    };
  };
}
