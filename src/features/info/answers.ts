/**
 * Answers to information questions, built from the office data and the *current* closure status, never from
 * text written into code. Each function is pure: (translator, knowledge, normalised text) → replies.
 */
import type { Service } from '../../kernel/office.js';
import type { Language } from '../../nlu/types.js';
import { bullets, joinList } from '../../lib/format.js';
import type { Knowledge } from '../../kernel/knowledge.js';
import type { Translator } from '../../kernel/locale.js';
import type { Reply } from '../../kernel/message.js';
import { callCenter, closedServicesOf, closureSince, closureUntil, servicesMentioned } from '../../kernel/office-text.js';

type Answer = (t: Translator, k: Knowledge, normalised: string) => Reply[];

const lang = (t: Translator): Language => t.language;

const closedServices = (k: Knowledge): Service[] => closedServicesOf(k.closure, k.office);
const untilText = (t: Translator, k: Knowledge): string => closureUntil(t, k.closure, k.office);
const sinceText = (t: Translator, k: Knowledge): string => closureSince(t, k.closure, k.office);

function onlineLines(t: Translator, services: readonly Service[]): string {
  return bullets(
    services.flatMap((s) =>
      s.online ? [`${s.name[lang(t)]}: ${s.online.how[lang(t)]}${s.online.url ? ` (${s.online.url})` : ''}`] : [],
    ),
  );
}

/** Is the office / a service closed face to face? Says so plainly when nothing is closed. */
export const closureStatus: Answer = (t, k, normalised) => {
  const closed = closedServices(k);
  if (closed.length === 0) return [t.reply('closure.none', { office: k.office.shortName })];
  const asked = servicesMentioned(k, normalised);
  if (asked.length === 1 && asked[0]) {
    const s = asked[0];
    const isClosed = closed.includes(s);
    if (!isClosed) return [t.reply('closure.service.open', { service: s.name[lang(t)] })];
    return [
      t.reply('closure.service.closed', { service: s.name[lang(t)], since: sinceText(t, k), until: untilText(t, k) }),
      ...(s.online ? [t.reply('closure.service.online', { how: s.online.how[lang(t)], url: s.online.url ?? k.office.website })] : []),
    ];
  }
  const all = closed.length === k.office.services.length;
  return [
    t.reply(all ? 'closure.all' : 'closure.some', {
      office: k.office.shortName,
      since: sinceText(t, k),
      until: untilText(t, k),
      services: bullets(closed.map((s) => s.name[lang(t)])),
      reasons: joinList(
        k.closure.reasons.map((r) => r[lang(t)]),
        lang(t),
      ) || t.text('closure.reason.unknown'),
    }),
    t.reply('closure.online', { lines: onlineLines(t, k.office.services) }),
  ];
};

/** Until when, when does it reopen. */
export const closureDuration: Answer = (t, k) => {
  if (k.closure.closedServices.length === 0) return [t.reply('closure.none', { office: k.office.shortName })];
  return [t.reply('closure.duration', { since: sinceText(t, k), until: untilText(t, k), callcenter: callCenter(t, k.office) })];
};

/** Why is it closed. */
export const closureReason: Answer = (t, k) => {
  if (k.closure.closedServices.length === 0) return [t.reply('closure.none', { office: k.office.shortName })];
  const reasons = k.closure.reasons.map((r) => r[lang(t)]);
  const staff =
    k.closure.staffOnDutyPercent !== null ? t.text('closure.staff', { percent: k.closure.staffOnDutyPercent }) : '';
  return [
    t.reply('closure.reason', {
      reasons: reasons.length > 0 ? bullets(reasons) : t.text('closure.reason.unknown'),
      staff,
    }),
  ];
};

/** Can I still apply; what works online. */
export const serviceOnline: Answer = (t, k) => [
  t.reply('online.intro', { office: k.office.shortName }),
  t.reply('closure.online', { lines: onlineLines(t, k.office.services) }),
  t.reply('online.forms', { url: k.office.formsPage }),
];

/** Form links; one permit's link when the text names it. */
export const formRequest: Answer = (t, k, normalised) => {
  const padded = ` ${normalised} `;
  const matches = k.office.forms.filter((f) =>
    [f.name.toLowerCase(), ...f.aliases.map((a) => a.toLowerCase())].some((a) => padded.includes(` ${a} `)),
  );
  if (matches.length > 0) {
    return matches.slice(0, 3).map((f) => t.reply('form.one', { name: f.name, url: f.url ?? k.office.formsPage }));
  }
  const examples = k.office.forms.slice(0, 6).map((f) => f.name);
  return [
    t.reply('form.all', { url: k.office.formsPage, office: k.office.shortName }),
    ...(examples.length > 0 ? [t.reply('form.examples', { list: bullets(examples) })] : []),
  ];
};

function serviceState(t: Translator, k: Knowledge, id: string): string {
  const s = k.office.services.find((x) => x.id === id);
  if (!s || !k.closure.closedServices.includes(id)) return t.text('service.state.open');
  return t.text('service.state.closed', { until: untilText(t, k) });
}

/** OSS and NIB. */
export const ossRegistration: Answer = (t, k) => [
  t.reply('oss.info', { help: k.office.oss.helpText[lang(t)], url: k.office.oss.url, state: serviceState(t, k, 'oss') }),
];

/** Field verification (site surveys). */
export const fieldVerification: Answer = (t, k) => [
  t.reply('field.info', { state: serviceState(t, k, 'field_verification'), callcenter: callCenter(t, k.office) }),
];

/** Call center, address, website, social media. */
export const contactInfo: Answer = (t, k) => [
  t.reply('contact.info', {
    office: k.office.name,
    callcenter: callCenter(t, k.office),
    address: k.office.address,
    website: k.office.website,
    email: k.office.email ?? '-',
  }),
];

const DAY_KEYS = ['', 'day.1', 'day.2', 'day.3', 'day.4', 'day.5', 'day.6', 'day.7'];

/** Working hours, with a note when face-to-face service is closed now. */
export const officeHours: Answer = (t, k) => {
  const lines = k.office.hours.map((h) => {
    const first = t.text(DAY_KEYS[h.days[0] ?? 1] ?? 'day.1');
    const last = t.text(DAY_KEYS[h.days[h.days.length - 1] ?? 1] ?? 'day.1');
    const days = h.days.length > 1 ? `${first}–${last}` : first;
    const pause = h.break ? t.text('hours.break', { from: h.break.from, to: h.break.to }) : '';
    return `${days}: ${h.open}–${h.close}${pause}`;
  });
  const closedNow = k.closure.closedServices.length > 0;
  return [
    t.reply('hours.info', { office: k.office.shortName, lines: bullets(lines) }),
    ...(closedNow ? [t.reply('hours.closed', { until: untilText(t, k) })] : []),
  ];
};

