/**
 * Normalised text -> bag of features for the network: Indonesian stems of each token, with
 * ticket numbers collapsed into one feature so "ADU-7K3M9Q" counts as evidence for
 * complaint.status instead of an unknown word.
 */
import { createStemmerId, type Stemmer } from './nlpjs.js';
import { TICKET_PATTERN } from './normalise.js';

/** Feature standing for any complaint ticket number. */
export const TICKET_FEATURE = '__ticket__';
/** Maximum tokens considered per message; longer messages are cut (classification stays O(1)). */
export const MAX_TOKENS = 64;

// The Indonesian stemmer mangles a few words that matter here (penutupan -> utup).
const STEM_OVERRIDES: Readonly<Record<string, string>> = {
  penutupan: 'tutup',
  penutupannya: 'tutup',
  ditutup: 'tutup',
  tutupnya: 'tutup',
  pembukaan: 'buka',
  oss: 'oss',
  nib: 'nib',
  // "berapa" is no "apa": how many / how much (hours, costs, staff) against what.
  berapa: 'berapa',
  brapa: 'berapa',
  kemarin: 'kemarin',
  media: 'media',
  kediri: 'kediri',
  // Forms of one word the stemmer cuts apart ("menunggu" -> unggu, "tunggu" -> tunggu).
  menunggu: 'tunggu',
  ditunggu: 'tunggu',
  terima: 'terima',
  menerima: 'terima',
  diterima: 'terima',
  pengecekan: 'cek',
  pengiriman: 'kirim',
  mengerti: 'mengerti',
  dimengerti: 'mengerti',
  // meN- and peN- drop the first letter of k/t/p/s words; the stemmer does not put it back ("mengirim" -> irim).
  keluhan: 'keluh',
  mengeluh: 'keluh',
  mengeluhkan: 'keluh',
  menutup: 'tutup',
  mengirim: 'kirim',
  mengirimkan: 'kirim',
  bertanya: 'tanya',
  menanyakan: 'tanya',
  ditanyakan: 'tanya',
  penerbitan: 'terbit',
  penolakan: 'tolak',
  dicek: 'cek',
  mengecek: 'cek',
  mengabari: 'kabar',
  mengabarkan: 'kabar',
};
/** A reduplicated word ("kira-kira", "gara-gara", "tiba-tibanya") looks like a ticket number but is none. */
const REDUPLICATION = /^(\p{L}+)-\1(?:nya|an|kan|lah)?$/u;
/** A ticket number: the shape, and a prefix of this bot's numbers or a digit in it ("adu-7k3m9q", "kon-4f8d2a"). */
const isTicket = (token: string): boolean =>
  TICKET_PATTERN.test(token) && !REDUPLICATION.test(token) && (/^(?:adu|kon)-/.test(token) || /\d/.test(token));
const STEM_CACHE_LIMIT = 20_000;

// Particles and forms of address carry tone, not intent ("kantor buka ga ya min?"); as
// features they only add noise that pulls short messages towards whichever intent used them most.
const FILLERS: ReadonlySet<string> = new Set([
  'ya', 'yah', 'dong', 'sih', 'deh', 'nih', 'kah', 'lah', 'tuh', 'kok', 'loh', 'lho', 'kan', 'nya', 'pun',
  'kak', 'kakak', 'min', 'admin', 'mimin', 'gan', 'sis', 'bro', 'mbok', 'bli', 'pak', 'bapak', 'bu', 'ibu', 'mas', 'mbak', 'gek', 'gus',
]);

/** A reusable feature extractor with a bounded stem memo. */
export interface FeatureExtractor {
  /** Split normalised text into the tokens the model sees (hyphens split, tickets kept whole). */
  tokens(normalised: string): string[];
  /** Feature bag (feature -> 1) for normalised text. */
  features(normalised: string): Record<string, number>;
}

/** Create a feature extractor (Indonesian stemmer from @nlpjs/lang-id). */
export function createFeatureExtractor(): FeatureExtractor {
  const stemmer: Stemmer = createStemmerId();
  const cache = new Map<string, string>();
  const stem = (token: string): string => {
    const hit = cache.get(token);
    if (hit !== undefined) return hit;
    let out = STEM_OVERRIDES[token];
    if (out === undefined) {
      out = /^\p{L}+$/u.test(token) && token.length > 3 ? stemmer.stemWord(token) : token;
      if (!out) out = token;
      // The stemmer leaves "-nya" on words it does not know ("websitenya", "formnya"): the word is the same.
      if (out.length > 5 && out.endsWith('nya')) out = out.slice(0, -3);
    }
    if (cache.size >= STEM_CACHE_LIMIT) {
      cache.clear();
      stemmer.cache = {}; // the library memo is unbounded; reset it with ours
    }
    cache.set(token, out);
    return out;
  };
  const tokens = (normalised: string): string[] => {
    const out: string[] = [];
    for (const raw of normalised.split(' ')) {
      if (!raw) continue;
      if (isTicket(raw)) out.push(TICKET_FEATURE);
      else for (const part of raw.split('-')) if (part) out.push(part);
      if (out.length >= MAX_TOKENS) break;
    }
    return out;
  };
  return {
    tokens,
    features(normalised: string): Record<string, number> {
      const bag: Record<string, number> = {};
      // A bare number ("2 lantai", "3 minggu", "jam 8") says nothing about intent: as a feature it only sides with
      // whichever corpus happens to count more numbers (the out-of-scope one).
      for (const t of tokens(normalised)) if (!FILLERS.has(t) && !/^\d+$/.test(t)) bag[t === TICKET_FEATURE ? t : stem(t)] = 1;
      return bag;
    },
  };
}
