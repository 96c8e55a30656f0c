/**
 * The announcement of the current closure status (`/umumkan_status`, `closure … --announce`), from the locale
 * templates `announce.closed` / `announce.open` in Indonesian then English (subscribers have either language
 * and a broadcast is one text).
 */
import { bullets, formatDate } from '../engine/format.js';
import { Translator, type Locales } from '../engine/locale.js';
import { replyText } from '../engine/message.js';
import type { ClosureStatus, OfficeData } from '../knowledge/office-schema.js';

function render(t: Translator, status: ClosureStatus, office: OfficeData): string {
  const lang = t.language;
  if (status.closedServices.length === 0) return replyText(t.reply('announce.open', { office: office.shortName }));
  const names = office.services.filter((s) => status.closedServices.includes(s.id)).map((s) => s.name[lang]);
  const until = status.until
    ? t.text('closure.until.date', { date: formatDate(status.until, lang, office.timezone) })
    : status.untilNote
      ? status.untilNote[lang]
      : t.text('closure.until.unknown');
  const since = status.since ? t.text('closure.since', { date: formatDate(status.since, lang, office.timezone) }) : '';
  const reasons = status.reasons.length > 0 ? bullets(status.reasons.map((r) => r[lang])) : t.text('closure.reason.unknown');
  return replyText(
    t.reply('announce.closed', { office: office.shortName, since, until, services: bullets(names), reasons, website: office.website }),
  );
}

/** The bilingual announcement text of `status`. */
export function closureAnnouncement(locales: Locales, status: ClosureStatus, office: OfficeData): string {
  return `${render(new Translator(locales, 'id'), status, office)}\n\n${render(new Translator(locales, 'en'), status, office)}`;
}
