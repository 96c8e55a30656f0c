/**
 * The announcement of the current closure status (`/umumkan_status`, `closure show`), from the locale
 * templates `announce.closed` / `announce.open` in Indonesian then English (subscribers have either language
 * and a broadcast is one text).
 */
import { closedServicesOf, closureSince, closureUntil } from '../../kernel/office-text.js';
import { bullets } from '../../lib/format.js';
import { Translator, type Locales } from '../../kernel/locale.js';
import { replyText } from '../../kernel/message.js';
import type { ClosureStatus, OfficeData } from '../../kernel/office.js';

function render(t: Translator, status: ClosureStatus, office: OfficeData): string {
  const lang = t.language;
  if (status.closedServices.length === 0) return replyText(t.reply('announce.open', { office: office.shortName }));
  const names = closedServicesOf(status, office).map((s) => s.name[lang]);
  const until = closureUntil(t, status, office);
  const since = closureSince(t, status, office);
  const reasons = status.reasons.length > 0 ? bullets(status.reasons.map((r) => r[lang])) : t.text('closure.reason.unknown');
  return replyText(
    t.reply('announce.closed', { office: office.shortName, since, until, services: bullets(names), reasons, website: office.website }),
  );
}

/** The bilingual announcement text of `status`. */
export function closureAnnouncement(locales: Locales, status: ClosureStatus, office: OfficeData): string {
  return `${render(new Translator(locales, 'id'), status, office)}\n\n${render(new Translator(locales, 'en'), status, office)}`;
}
