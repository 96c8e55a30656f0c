/**
 * Office wording shared by every feature: the services a closure closes, "until …" and "since …", the call
 * center line. Built from the office data and the current closure status, never from text in code.
 */
import type { Language } from '../nlu/types.js';
import { formatDate, joinList } from '../lib/format.js';
import type { Knowledge } from './knowledge.js';
import type { Translator } from './locale.js';
import type { ClosureStatus, OfficeData, Referral, Service } from './office.js';

const lang = (t: Translator): Language => t.language;

/**
 * Whole-word needles (` word `, lowercased) of office data records, built once a record: office data is loaded
 * once and never changed, and the needles are the same strings every time. Built per word per turn they were
 * most of what the information answers allocated.
 */
export function wordNeedles<R extends object>(words: (record: R) => readonly string[]): (record: R) => readonly string[] {
  const built = new WeakMap<R, readonly string[]>();
  return (record) => {
    let needles = built.get(record);
    if (!needles) {
      needles = words(record).map((w) => ` ${w.toLowerCase()} `);
      built.set(record, needles);
    }
    return needles;
  };
}

/** Whether `padded` (normalised text with a space each side) holds one of `needles`. */
function holdsAny(padded: string, needles: readonly string[]): boolean {
  for (const n of needles) if (padded.includes(n)) return true;
  return false;
}

const serviceNeedles = wordNeedles((s: Service) => [...s.aliases, s.name.id]);
const listNeedles = wordNeedles((words: readonly string[]) => words);

/** Services named in the text through their aliases or names. */
export function servicesMentioned(k: Knowledge, normalised: string): Service[] {
  const padded = ` ${normalised} `;
  return k.office.services.filter((s) => holdsAny(padded, serviceNeedles(s)));
}

/** The services of `office` that `status` closes face to face, in the office file's order. */
export function closedServicesOf(status: ClosureStatus, office: OfficeData): Service[] {
  const closed = new Set(status.closedServices);
  return office.services.filter((s) => closed.has(s.id));
}

/**
 * "sampai 1 Oktober 2020" / "sampai waktu yang belum ditentukan (akan dievaluasi …)": what follows "closed" (and
 * "since …") in every closure sentence, also in announcements and staff replies.
 */
export function closureUntil(t: Translator, status: ClosureStatus, office: OfficeData): string {
  if (status.until) return t.text('closure.until.date', { date: formatDate(status.until, lang(t), office.timezone) });
  if (status.untilNote) return t.text('closure.until.note', { note: status.untilNote[lang(t)] });
  return t.text('closure.until.unknown');
}

/**
 * Which face-to-face services a closure sentence is about: "layanan tatap muka" when all are closed, else
 * "layanan tatap muka untuk pelayanan perizinan dan verifikasi lapangan" (a partial closure is never told as a
 * total one).
 */
export function closureWhich(t: Translator, status: ClosureStatus, office: OfficeData): string {
  const closed = closedServicesOf(status, office);
  if (closed.length >= office.services.length) return t.text('closure.which.all');
  return t.text('closure.which.some', { services: joinList(closed.map((s) => s.name[lang(t)]), lang(t)) });
}

/** A name in the office data given in both languages or in one (an organisation's own name). */
export function localName(t: Translator, name: string | { id: string; en: string }): string {
  return typeof name === 'string' ? name : name[lang(t)];
}

/** " since 14 September 2020", or nothing when the start is not known. */
export function closureSince(t: Translator, status: ClosureStatus, office: OfficeData): string {
  return status.since ? t.text('closure.since', { date: formatDate(status.since, lang(t), office.timezone) }) : '';
}

/** How to reach the call center: its numbers when the office file has them, else where it was announced. */
export function callCenter(t: Translator, office: Pick<OfficeData, 'callCenter'>): string {
  const cc = office.callCenter;
  const where = joinList(
    cc.announcedOn.map((a) => (a.url ? `${localName(t, a.name)} (${a.url})` : localName(t, a.name))),
    lang(t),
  );
  if (cc.phone || cc.whatsapp) {
    const numbers = [cc.phone, cc.whatsapp ? t.text('contact.callcenter.chat', { number: cc.whatsapp }) : undefined].filter((x) => x !== undefined);
    return t.text('contact.callcenter.number', { numbers: numbers.join(' / '), where });
  }
  return t.text('contact.callcenter.announced', { where });
}


/** Whether one of `words` occurs in normalised text as whole words, and none of `unless` (office topic lists). */
export function namesTopic(normalised: string, topic: { words: readonly string[]; unless: readonly string[] }): boolean {
  const padded = ` ${normalised} `;
  return holdsAny(padded, listNeedles(topic.words)) && !holdsAny(padded, listNeedles(topic.unless));
}

/** The other agencies whose business the text (normalised) names, from the office's referral list. */
export function referralsOf(office: OfficeData, normalised: string): Referral[] {
  // `namesTopic` for each referral, with the text padded once (every turn asks this of every referral).
  const padded = ` ${normalised} `;
  return office.referrals.filter((r) => holdsAny(padded, listNeedles(r.words)) && !holdsAny(padded, listNeedles(r.unless)));
}

/** A permit named as such in normalised text ("izin bengkel", "perizinan", "permit"), one the catalogue lists or not. */
export const NAMES_A_PERMIT = /\b(?:izin\w*|ijin\w*|perizinan|permits?|licen[cs]es?)\b/;
