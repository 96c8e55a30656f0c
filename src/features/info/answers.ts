/**
 * Answers to information questions, built from the office data and the *current* closure status, never from
 * text written into code. Each function is pure: (translator, knowledge, normalised text) → replies.
 */
import type { OfficeData, OssTopic, Service } from '../../kernel/office.js';
import type { Classification, Language } from '../../nlu/types.js';
import { bullets, joinList } from '../../lib/format.js';
import type { Knowledge } from '../../kernel/knowledge.js';
import type { Translator } from '../../kernel/locale.js';
import type { Reply } from '../../kernel/message.js';
import { callCenter, closedServicesOf, closureSince, closureUntil, closureWhich, namesTopic, referralsOf, servicesMentioned, wordNeedles } from '../../kernel/office-text.js';

/** An answer: from the translator, the turn's knowledge and the classification (its normalised text, its entities). */
export type Answer = (t: Translator, k: Knowledge, c: Pick<Classification, 'normalised' | 'entities'>) => Reply[];

const lang = (t: Translator): Language => t.language;

const closedServices = (k: Knowledge): Service[] => closedServicesOf(k.closure, k.office);
const untilText = (t: Translator, k: Knowledge): string => closureUntil(t, k.closure, k.office);
const sinceText = (t: Translator, k: Knowledge): string => closureSince(t, k.closure, k.office);

function onlineLines(t: Translator, services: readonly Service[]): string {
  return bullets(
    services.flatMap((s) =>
      s.online ? [`${(s.online.label ?? s.name)[lang(t)]}: ${s.online.how[lang(t)]}${s.online.url ? ` (${s.online.url})` : ''}`] : [],
    ),
  );
}

/** The services a message names: the classifier's entities, else the office data's aliases. */
function servicesAsked(k: Knowledge, c: Pick<Classification, 'normalised' | 'entities'>): Service[] {
  const byEntity = k.office.services.filter((s) => c.entities.services.includes(s.id));
  return byEntity.length > 0 ? byEntity : servicesMentioned(k, c.normalised);
}

/** Is the office / a service closed face to face? Says so plainly when nothing is closed. */
export const closureStatus: Answer = (t, k, c) => {
  const closed = closedServices(k);
  if (closed.length === 0) return [t.reply('closure.none', { office: k.office.shortName })];
  // One named service (not the generic "izin" every question about the office has) is answered alone.
  const s = oneServiceAsked(k, c);
  if (s) {
    const what = s.faceToFace[lang(t)];
    if (!closed.includes(s)) return [t.reply('closure.service.open', { what })];
    const form = formsAsked(k.office, { normalised: '', entities: c.entities })[0];
    return [
      t.reply('closure.service.closed', { what, since: sinceText(t, k), until: untilText(t, k) }),
      ...(s.online ? [t.reply('closure.service.online', { how: s.online.how[lang(t)], url: s.online.url ?? k.office.website })] : []),
      ...(form ? [t.reply('form.one', { name: form.name, url: form.url ?? k.office.formsPage })] : []),
    ];
  }
  const all = closed.length === k.office.services.length;
  // "I need to come in for my villa permit": the permit's form goes with the answer.
  const form = formsAsked(k.office, { normalised: '', entities: c.entities })[0];
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
    t.reply('closure.online', { lines: onlineLines(t, closed) }),
    ...(form ? [t.reply('form.one', { name: form.name, url: form.url ?? k.office.formsPage })] : []),
  ];
};

/** The one service a closure question names (not the generic "izin" every question about the office has). */
function oneServiceAsked(k: Knowledge, c: Pick<Classification, 'normalised' | 'entities'>): Service | undefined {
  const asked = servicesAsked(k, c).filter((s) => s.id !== 'permit' || c.entities.services.includes('permit'));
  return asked.length === 1 ? asked[0] : undefined;
}

/**
 * Until when, when does it reopen (a partial closure names what is closed). A question naming one service
 * ("sampai kapan konsultasi tatap muka ditutup?") is answered for that service: open, or closed until when.
 */
export const closureDuration: Answer = (t, k, c) => {
  if (k.closure.closedServices.length === 0) return [t.reply('closure.none', { office: k.office.shortName })];
  const named = oneServiceAsked(k, c);
  if (named && !k.closure.closedServices.includes(named.id)) return [t.reply('closure.service.open', { what: named.faceToFace[lang(t)] })];
  // What can be done meanwhile, as a clerk says beside "not decided yet": the asked service's online way, else the permits'.
  const instead = named ?? closedServices(k).find((s) => s.id === 'permit');
  const meanwhile = instead?.online ? onlineLines(t, [instead]) : '';
  return [
    t.reply('closure.duration', {
      which: named ? t.text('closure.which.some', { services: named.name[lang(t)] }) : closureWhich(t, k.closure, k.office),
      since: sinceText(t, k),
      until: untilText(t, k),
      callcenter: callCenter(t, k.office),
    }),
    ...(meanwhile ? [t.reply('closure.meanwhile', { lines: meanwhile })] : []),
  ];
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

/** Words of a question about where the filled-in form and documents go. */
const WHERE_DOCUMENTS = /\b(dikirim|kirim|kirimnya|diserahkan|diupload|upload|unggah|berkas|dokumen|documents?|send|submit)\b/;

/** Can I still apply; what works online; where the documents go. */
export const serviceOnline: Answer = (t, k, c) => {
  // "galian c ngurus ijinnya dmn": the named permit's form goes with the answer, as in every answer that names one.
  const named = k.office.forms.filter((f) => c.entities.forms.includes(f.name)).slice(0, 3);
  const forms = named.map((f) => t.reply('form.one', { name: f.name, url: f.url ?? k.office.formsPage }));
  if (WHERE_DOCUMENTS.test(c.normalised)) return [t.reply('online.documents', { url: k.office.formsPage }), ...forms];
  return [
    t.reply('online.intro', { office: k.office.shortName }),
    t.reply('closure.online', { lines: onlineLines(t, k.office.services) }),
    ...(forms.length > 0 ? forms : [t.reply('online.forms', { url: k.office.formsPage })]),
  ];
};

const formNeedles = wordNeedles((f: OfficeData['forms'][number]) => [f.name, ...f.aliases]);

/** The forms the text names: the classifier's entities, else the aliases as whole words. */
function formsAsked(office: OfficeData, c: Pick<Classification, 'normalised' | 'entities'>): OfficeData['forms'] {
  const byEntity = office.forms.filter((f) => c.entities.forms.includes(f.name));
  if (byEntity.length > 0) return byEntity;
  // Normalised text holds no space at either end, so an empty one names no form (the closure answers ask so).
  if (!c.normalised) return [];
  const padded = ` ${c.normalised} `;
  return office.forms.filter((f) => formNeedles(f).some((a) => padded.includes(a)));
}

/** Form links: the forms page always, with the named permit's entry when the text names one. */
export const formRequest: Answer = (t, k, c) => {
  const matches = formsAsked(k.office, c);
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

/** The OSS question beyond the overview the text asks, if any. */
export function ossTopicOf(office: OfficeData, normalised: string): OssTopic | undefined {
  return office.oss.topics.find((x) => namesTopic(normalised, x));
}

/** OSS and NIB: a sub-topic (forgotten password, no email, what NIB is for) when the text asks one. */
export const ossRegistration: Answer = (t, k, c) => {
  const topic = ossTopicOf(k.office, c.normalised);
  if (topic) return [t.reply('oss.topic', { text: topic.answer[lang(t)], url: k.office.oss.url })];
  return [
    t.reply('oss.info', { help: k.office.oss.helpText[lang(t)], url: k.office.oss.url, state: serviceState(t, k, 'oss') }),
    // "mau ngurus ijin usaha laundry": the business gets its NIB on OSS, and the regency's own permits are on the forms page.
    ...(PERMIT_NAMED.test(c.normalised) ? [t.reply('online.forms', { url: k.office.formsPage })] : []),
  ];
};

/** Words that name a permit as such. */
const PERMIT_NAMED = /\b(?:izin\w*|ijin\w*|perizinan|permits?|licen[cs]es?)\b/;

/** The other agencies whose business the text names (kept here for the info desk's callers). */
export { referralsOf };

/** Another agency's business: which one, from the office's referral list. */
export const referral: Answer = (t, k, c) => {
  const named = referralsOf(k.office, c.normalised);
  if (named.length > 0) {
    return named.map((r) =>
      t.reply('referral.one', { topic: r.topic[lang(t)], office: k.office.shortName, agency: r.agency[lang(t)], contact: r.contact[lang(t)] }),
    );
  }
  const list = bullets(k.office.referrals.map((r) => `${r.topic[lang(t)]}: ${r.agency[lang(t)]}`));
  return [t.reply('referral.answer', { office: k.office.shortName, list })];
};

/** Field verification (site surveys). */
export const fieldVerification: Answer = (t, k) => [
  t.reply('field.info', { state: serviceState(t, k, 'field_verification'), callcenter: callCenter(t, k.office) }),
];

/** A question about the office the data cannot answer (who heads it, an official's name): said honestly. */
const UNKNOWN_FACT = /\b(siapa|who|nama)\b.*\b(kepala|kadis|kadin|pimpinan|pejabat|sekretaris|head|director|boss)\b|\b(kepala dinas|kadis|head of the office)\b/;

/** Whether the text asks something about the office its data does not hold. */
export function asksUnknownFact(normalised: string): boolean {
  return UNKNOWN_FACT.test(normalised);
}

/** Call center, address, website, social media (no line for what the office data lacks). */
export const contactInfo: Answer = (t, k, c) => [
  ...(asksUnknownFact(c.normalised) ? [t.reply('contact.unknown', { callcenter: callCenter(t, k.office) })] : []),
  t.reply('contact.info', {
    office: k.office.name,
    callcenter: callCenter(t, k.office),
    address: k.office.address,
    website: k.office.website,
    email: k.office.email ? t.text('contact.email', { email: k.office.email }) : '',
  }),
];

const DAY_KEYS = ['', 'day.1', 'day.2', 'day.3', 'day.4', 'day.5', 'day.6', 'day.7'];

/** Working hours, with a note when face-to-face service is closed now (naming what, when only some is). */
export const officeHours: Answer = (t, k) => {
  const lines = k.office.hours.map((h) => {
    const first = t.text(DAY_KEYS[h.days[0] ?? 1] ?? 'day.1');
    const last = t.text(DAY_KEYS[h.days[h.days.length - 1] ?? 1] ?? 'day.1');
    const days = h.days.length > 1 ? `${first}–${last}` : first;
    const pause = h.break ? t.text('hours.break', { from: h.break.from, to: h.break.to }) : '';
    const zone = k.office.timezoneLabel ? ` ${k.office.timezoneLabel}` : '';
    return `${days}: ${h.open}–${h.close}${zone}${pause}`;
  });
  const closedNow = k.closure.closedServices.length > 0;
  return [
    t.reply('hours.info', { office: k.office.shortName, lines: bullets(lines) }),
    ...(closedNow ? [t.reply('hours.closed', { which: closureWhich(t, k.closure, k.office), until: untilText(t, k) })] : []),
  ];
};
