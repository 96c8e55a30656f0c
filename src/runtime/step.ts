/**
 * One dialogue step: (message, classification, session, knowledge) → (new session, replies, effects).
 * Pure and synchronous: no I/O, no clock (the clock is `knowledge.now`), no platform names. The step is a
 * dispatcher over what the features register (`Dialogue`): a form in progress sees the message first, then
 * slash commands, bare menu numbers and pre-emptive matchers, then the classified intent's handler.
 */
import type { OperationEffect } from '../kernel/effects.js';
import type { Effect } from '../kernel/effects.js';
import type { Caller, FeatureDialogue, FlowHandler, Handled, IntentHandler, Intercept, TurnCtx } from '../kernel/feature.js';
import type { Knowledge } from '../kernel/knowledge.js';
import { Translator } from '../kernel/locale.js';
import { replyText, type InboundMessage, type Reply } from '../kernel/message.js';
import { parseCommand, type Command } from '../kernel/commands.js';
import type { Session } from '../kernel/session.js';
import { isoTime, parseIsoTime } from '../lib/time.js';
import type { Classification, IntentName, Language } from '../nlu/types.js';
import { CONTINUABLE, followUp } from './follow-up.js';
import { numbersOf, pickedNumber } from './numbered.js';
import { leavingWords } from '../kernel/leaving.js';
import { referralsOf } from '../kernel/office-text.js';
import { FORWARDED } from '../nlu/forwarded.js';
import { CANNOT_GO_ONLINE, OTHER_BUSINESS_LIST, PUT_ON_THE_LIST } from '../nlu/phrases.js';

export type { Caller };

/** Every feature's dialogue, merged by the composition root; `intents` covers every intent (tsc proves it). */
export interface Dialogue {
  readonly intents: Readonly<Record<IntentName, IntentHandler>>;
  readonly flows: Readonly<Record<string, FlowHandler>>;
  readonly commands: Readonly<Record<string, IntentName>>;
  readonly startPayloads: Readonly<Record<string, IntentName>>;
  readonly preempts: readonly ((text: string) => IntentName | undefined)[];
  readonly menuPick: (text: string) => IntentName | undefined;
  readonly menu: NonNullable<FeatureDialogue['menu']>;
  /** The features' flows outside the session, tried in order before the session's form. */
  readonly intercepts: readonly Intercept[];
  /** Names of the staff operations offered as chat commands. */
  readonly staffCommands: ReadonlySet<string>;
}

/** The outcome of one step. Replies are sent only after every effect has succeeded. */
export interface TurnResult {
  session: Session;
  replies: Reply[];
  effects: Effect[];
  /** The intent that drove the turn (from a command, a menu number, a form or classification). */
  intent: IntentName;
  score: number;
  language: Language;
}

/** One question of a message of several ("kapan buka lagi? trs form pbg dmn?"), classified on its own. */
export interface Part {
  text: string;
  c: Classification;
}

/** `batal` and its kin: with no form open there is nothing to cancel (and nothing to unsubscribe). */
const CANCEL = leavingWords();
/** The words of a yes to an offer (never "ok": after an answer it acknowledges the answer, not the offer beside it). */
const YES_WORD = String.raw`(?:ya|iya|iyaa|y|yes|yes please|boleh|mau|sure|please do|silakan|silahkan|bisa|nggih|inggih|injih)`;
/** A bare yes, which takes up what the last answer offered, with the words people put around it ("iya nak mau", "boleh kak", "nggih bli"). */
const YES = new RegExp(String.raw`^\s*(?:(?:nak|kak|min|pak|bu|bli|mbok|dik|gan|dong|deh|aja|saja|please)[\s,]+)*${YES_WORD}(?:[\s,]+(?:${YES_WORD}|nak|kak|min|pak|bu|bli|mbok|dik|gan|dong|deh|aja|saja|please))*\s*[.!]*\s*$`, 'i');
/**
 * Subscribing and leaving happen only on words that name the announcements, never on a misread of something
 * else ("kurirnya berhenti di depan rumah"); the bare stop word is a whole-message matcher of its own.
 */
const SUBSCRIPTION_WORDS = /\b(langganan\w*|berlangganan|langgan|subscribe|subscription|unsubscribe|pengumuman\w*|diberi kabar|diberi tahu|diberitahu|notif\w*|kabari|kabarin|dikabari|dikabarin|dikabarkan|diinfokan|diinfoin|notify|updates?|announcements?|info(rmasi)? (terbaru|pembukaan|buka)|(dapet|dapat|dpt|terima|trima|nerima|menerima|dikirimi|dikirimin) (\w+ )?(info\w*|pesan|pengumuman)|(stop|berhenti|setop)\w* (\w+ ){0,2}(info|informasi)\w*|(jangan|jgn|ga usah|gak usah|tidak usah|nggak usah) (di)?(kirim|kirimin|kabari|kabarin|kabarkan|infoin)\w*(2|-\w+)?|kasih (tau|tahu) (saya|sy|aku|kami) (ya )?(kalau|kalo|klo|jika|bila)|let (me|us) know|keep me (posted|updated|informed)|(kirim|ngirim|mengirim)(2|-kirim)? (pesan|chat|info|broadcast)\w*|messages?)\b/i;
const OTHER_BUSINESS = /\b(sms|premium|pulsa|kuota|paket data|netflix|spotify|youtube|indihome|kartu|promo|aplikasi|app|ojol|gojek|grab|shopee|tokopedia|nada sambung|nsp|rbt|wifi|tv kabel|koran|majalah|streaming|gym|asuransi)\b/i;
/** Words that ask to complain: a short message opens the complaint form only with one of these. */
const COMPLAINT_WORDS = /\b((?:di|me|pe|ter|ng|meng|peng)?(?:lapor|adu|komplain|keluh)\w*|complain\w*|protes|report\w*|kecewa|pungli|calo)\b/i;
/** Words of a question about a complaint's status: without one, "complaint.status" is a misread. */
const STATUS_WORDS = /\b(status|follow(?:ing)? (?:it )?up|tiket|ticket|tracking|track|adu-\w+|nomor\w*|nomer\w*|tanggapan\w*|progres\w*|progress|tindak ?lanjut\w*|ditindaklanjuti|ditanggapi|(?:di|me|pe|ter|ng|meng|peng)?(?:lapor|adu|komplain|keluh)\w*|complain\w*|report\w*)\b/i;
/** A person asked for in so many words ("mau tanya ke pegawai langsung", "bicara sama petugas"). */
const A_PERSON_ASKED = /\b(?:tanya|bertanya|nanya|bicara|ngobrol|konsultasi|chat|takon)\w*\s+(?:\S+\s+)?(?:ke|dengan|dgn|sama|sm|kepada|kaleh)\s+(?:petugas|pegawai|staf|staff|orang|admin|cs|operator|manusia)\w*/i;
/** This office or its business named ("petugas", "loket", "izin"): a complaint about it is ours to file. */
const OUR_OFFICE_NAMED = /\b(?:kantor|petugas\w*|pegawai\w*|loket\w*|dpmptsp|ptsp|dinas perizinan|izin\w*|ijin\w*|perizinan|berkas\w*|oknum)\b/i;
/** Undoing a subscription just made ("eh ga jadi deh, berhenti aja", "salah pencet, stop aja"). */
const UNDO_SUBSCRIBING = /^\s*(?:eh|oh|ah|maaf|sorry|waduh|aduh)?[\s,]*(?:(?:ga|gak|gk|tidak|nggak) ?(?:jadi|jd)|salah pencet|kepencet|salah tekan)?[\s,]*(?:deh|aja)?[\s,.]*(?:berhenti|stop|batal|batalkan|unsubscribe|unsub|keluar)(?:\s+(?:aja|saja|deh|dulu|ya|langganannya|langganan))*\s*[.!]*\s*$/i;
/** A cancel, or an undo of a subscription just made. */
const undoes = (text: string): boolean => CANCEL.test(text) || UNDO_SUBSCRIBING.test(text);
/** Our own answers a short message keeps even when it names another agency's matter beside ("form siup sama ktp?"). */
const CONTINUABLE_OURS: ReadonlySet<IntentName> = new Set<IntentName>(['form.request', 'oss.registration', 'service.online', 'complaint.status']);
/** An offer declined ("gak usah dikabarin", "tidak usah, terima kasih", "no thanks"). */
const DECLINED = /^\s*(?:(?:oh|eh|hmm+|maaf|ok|oke|baik)[\s,]+)?(?:(?:ga|gak|gk|nggak|ngga|tidak|tdk|ndak|enggak)\s*(?:usah|perlu|dulu|mau)|no thanks|no thank you|no need|not now)\b(?![^,.!?]*\?)/i;
/** The announcements' stop words inside a cancel ("ga jadi deh, stop aja"). */
const STOP_WORD = /\b(?:stop|berhenti|unsubscribe|unsub)\b/i;
/** A confident reading of another question ("Pajak PBB bayarnya di sini juga?"): never the subscription's "di sini". */
const OTHER_QUESTION = (c: Classification): boolean => c.intent !== 'subscribe' && c.intent !== 'None' && c.intent !== 'ack' && c.score >= 0.9;
/** Right after subscribing, whether it took ("udh kedaftar ya?", "sudah terdaftar kan?", "berhasil ya?"). */
const LISTED_ASKED = /^\s*(?:(?:jadi|oh|ok|oke|sip)\s+)?(?:udh|udah|sudah|sdh)?\s*(?:kedaftar|terdaftar|masuk|berhasil|tercatat|aktif)\b(?:\s+(?:ya|kan|kah|belum|blm|nih|min|kak|pak|bu))*\s*\?*\s*$/i;
/** How the announcements come, asked right after subscribing ("nanti infonya dikirim lewat sini kan?"). */
const HOW_ANNOUNCED = /\b(?:dikirim|dikirimi|dikabari|dikabarin|diinfokan|diinfoin|lewat sini|di sini|disini|lewat (?:wa|chat|telegram)|via (?:wa|chat|telegram))\b.*\?|\b(?:dikirim|dikabari|dikabarin|diinfokan)\b.*\b(?:kan|ya|kah)\s*[?.!]*\s*$/i;
/** A stop negated ("jangan berhenti kirim info", "don't stop sending"): no unsubscribing. */
const STOP_NEGATED = /\b(?:jangan|jgn|tidak usah|gak usah|ga usah|nggak usah|don'?t|do not)\s+(?:di)?(?:berhenti|stop|unsub\w*|hapus|keluarkan|keluarin|sending)/i;
/** The hours asked beside another question ("bisa jam berapa?", "jam brp buka"). */
const HOURS_ASKED = /\bjam (?:berapa|brp|brapa)\b|\bjam (?:buka|layanan)\w*\b|\bwhat time\b/i;
/** A question about subscribing rather than a request ("apa itu langganan pengumuman?", "what is the subscription?"). */
const SUBSCRIPTION_ASKED_ABOUT = /\b(?:apa itu|apa sih|apaan|maksud(?:nya)? apa|apa maksud\w*|what is|what's)\b/i;
/** How sure the one understood part of a message not understood as a whole must be to be its question. */
const LONE_PART_SURE = 0.6;
/** A message headed by the consultation word ("konsultasi: …", "konsultasi dong, …"): one question for a person. */
const CONSULTATION_HEAD = /^\s*\/?(?:konsultasi|consultation)\b/i;
/** Which office handles a matter, asked ("kantor yg ngurus …", "who issues …"). */
const WHO_HANDLES = /\b(?:yang|yg) (?:urus|ngurus|mengurus|menangani|melayani|nanganin)\b|\bwho (?:handles|issues|deals with)\b/i;
/** Answers of the office's own business that also say which agency handles another matter named beside it. */
const ANSWERED_WITH_A_REFERRAL: ReadonlySet<IntentName> = new Set<IntentName>(['form.request', 'oss.registration', 'service.online', 'closure.status']);
/**
 * Below this score a complaint reading of a question is no complaint: the rules that find one score 1, and the
 * network alone, however sure, reads "min kantor buka gk sih?? dari tadi sy telp gk diangkat2" as one.
 */
const SURE_OF_A_COMPLAINT = 1;
/** A question asking whether, how or when ("bisa dikirim pdf aja gak?", "gimana caranya …"). */
const ASKS_WHETHER = /\?|^\s*(?:bisa|bs|boleh|apakah|apa|gimana|gmn|bagaimana|kapan|kpn|dimana|dmn|can|could|is|are|do|does|how|when|where)\b/i;
/** A message of fewer words than this describes no problem by itself ("biayanya?", "pantes lama"). */
const MIN_WORDS_OF_A_PROBLEM = 4;
/**
 * Intents another agency's business named ("min izin nikah bisa disini?", "izin cuti …") is misread as, when it
 * names no permit of the catalogue: the fallback then says which agency handles it.
 */
const REFERRAL_OVER: ReadonlySet<IntentName> = new Set<IntentName>(['consultation', 'permit.pickup', 'form.request', 'help', 'ack', 'greeting', 'thanks', 'goodbye', 'complaint.status']);
/** "trs sy hrs lapor kmn?": where to report, which after an out-of-scope message is about that matter. */
const WHERE_TO_REPORT = /\b(?:lapor|melapor|mengadu|ngadu|komplain|report|complain)\w*\b.*\b(?:kemana|kmn|ke mana|dimana|dmn|di mana|mana|where)\b/i;
/** Intents a part of a several-question message is answered as (information only: no form, no change). */
const ANSWERABLE_PART: ReadonlySet<IntentName> = CONTINUABLE;

/** A subscription reading this sure, with the announcements' words, is taken as said (never a follow-up). */
const SURE_OF_A_SUBSCRIPTION = 0.7;

/** Answers that send a person online: one who says they cannot go online is also given the office's contacts. */
const ONLINE_ANSWERS: ReadonlySet<IntentName> = new Set<IntentName>(['form.request', 'service.online', 'closure.status', 'closure.duration', 'oss.registration']);

/** Messages of fewer words than this keep the conversation's language ("ok", "3", "🙏"). */
const MIN_WORDS_FOR_LANGUAGE_SWITCH = 2;

const WORD = /\S+/g;

/** Whether `text` has fewer than `n` words (runs of non-space): counts no further than `n`, splits nothing. */
function fewerWords(text: string, n: number): boolean {
  WORD.lastIndex = 0;
  let words = 0;
  while (words < n && WORD.exec(text)) words += 1;
  return words < n;
}

function pickLanguage(c: Classification, session: Session, text: string): Language {
  // One word ("how?", "ok", "3") is too little to tell a language by: the conversation's stays.
  if (fewerWords(text, MIN_WORDS_FOR_LANGUAGE_SWITCH)) return session.language ?? (c.intent === 'None' ? 'id' : c.language);
  return c.language;
}

function isIdle(session: Session, k: Knowledge): boolean {
  return session.turns > 0 && k.now.getTime() - parseIsoTime(session.touchedAt) > k.sessionIdleMs;
}

/** Resolve what the message asks for before classification: commands, pre-emptive matchers, menu numbers. */
function directIntent(d: Dialogue, text: string, command: Command | undefined): { intent: IntentName; unknownCommand?: string } | undefined {
  if (command) {
    if (command.name === 'start' && command.args) {
      const payload = d.startPayloads[command.args.toLowerCase()];
      if (payload) return { intent: payload };
    }
    const intent = d.commands[command.name];
    return intent ? { intent } : { intent: 'help', unknownCommand: command.name };
  }
  for (const preempt of d.preempts) {
    const intent = preempt(text);
    if (intent) return { intent };
  }
  const choice = d.menuPick(text);
  return choice ? { intent: choice } : undefined;
}

/** A staff command: refused (as if unknown) off the allow-list, else an operation effect for the catalogue. */
function staffCommand(t: Translator, command: Command, caller: Caller): Handled {
  if (!caller.staff) return { replies: [t.reply('staff.refused')] };
  const effect: OperationEffect = { kind: 'staff.operation', name: command.name, args: command.args };
  return { replies: [], effects: [effect] };
}

/**
 * Run one dialogue step.
 * @param d the features' dialogue
 * @param message what the person sent
 * @param c the classification of `message.text`
 * @param session the person's session (a fresh one for a first message)
 * @param k knowledge of this turn
 * @param caller who is talking
 * @param parts the questions of a message of several, each classified (see `segments`), or a function giving
 *   them: called only when the step answers the message question by question, so they cost nothing otherwise
 */
export function step(
  d: Dialogue,
  message: InboundMessage,
  c: Classification,
  session: Session,
  k: Knowledge,
  caller: Caller = { staff: false, canPush: true },
  parts: readonly Part[] | (() => readonly Part[]) = [],
): TurnResult {
  const idle = isIdle(session, k);
  const base: Session = idle ? { ...session, flow: undefined, noneStreak: 0 } : session;
  const text = message.text.trim();
  let language = pickLanguage(c, base, text);
  const t = new Translator(k.locales, language);
  const menuPick = text ? d.menuPick(text) : undefined;
  const ctx: TurnCtx = { t, k, session: base, message, text, c, caller, menuPick };
  const notices: Reply[] = idle && session.flow ? [t.reply('session.expired.flow')] : [];

  let intent: IntentName = c.intent;
  let score = c.score;
  let handled: Handled;
  // The classification the answer was built from (a follow-up borrows the last topic's entities).
  let used: Classification = c;
  // The person's own numbered questions this message answered (kept with the topic: "yg no 3" next picks one).
  let numbered: { n: number; intent: string; forms: string[]; services: string[] }[] | undefined;
  const command = text ? parseCommand(text) : undefined;
  // A name both lists know (`/aduan`: citizens file, staff list) is the staff command only for staff.
  const isStaffCommand =
    command !== undefined && d.staffCommands.has(command.name) && (caller.staff || !(command.name in d.commands));
  // A form in progress sees the message first (a staff member's staff commands excepted, so a citizen's
  // "/batal" cancels the form): its answer, a detour or the end of the form.
  const flowHandler = base.flow ? d.flows[base.flow.kind] : undefined;
  // A flow outside the session (a conversation handed to a person) comes first; then the session's form.
  let flowTurn: ReturnType<FlowHandler> | undefined;
  for (const intercept of d.intercepts) {
    flowTurn = intercept(ctx);
    if (flowTurn) break;
  }
  if (!flowTurn) flowTurn = isStaffCommand && caller.staff ? undefined : flowHandler?.(ctx);
  if (flowTurn?.kind === 'handled') {
    intent = flowTurn.intent;
    score = 1;
    language = flowTurn.language ?? base.language ?? language;
    handled = flowTurn.result;
  } else if (isStaffCommand && command) {
    intent = 'None';
    score = 1;
    handled = staffCommand(t, command, caller);
  } else if (!text && !message.attachments?.length) {
    handled = { replies: [t.reply('input.empty')] };
  } else if (!text) {
    handled = { replies: [t.reply('input.media')] };
  } else {
    const direct = directIntent(d, text, command);
    if (direct) {
      intent = direct.intent;
      score = 1;
      handled = direct.unknownCommand
        ? { replies: [d.menu(t, 'command.unknown', { command: `/${direct.unknownCommand}` })] }
        : d.intents[intent](ctx);
    } else if (base.justSubscribed && flowTurn === undefined && (undoes(text) || ((HOW_ANNOUNCED.test(text) || LISTED_ASKED.test(text)) && !OTHER_QUESTION(c)))) {
      // Right after subscribing, "eh ga jadi deh, berhenti aja" undoes it, and "nanti infonya dikirim lewat sini
      // kan?" is told yes (the subscription confirmed again).
      intent = undoes(text) ? 'unsubscribe' : 'subscribe';
      score = 1;
      handled = d.intents[intent](ctx);
    } else if (CANCEL.test(text) && flowTurn === undefined && ((base.subscribeOffered && STOP_WORD.test(text)) || (c.intent === 'unsubscribe' && c.score >= 0.9 && SUBSCRIPTION_WORDS.test(text)))) {
      // (or "eh gak jd deh, udh gak usah dikabarin lg": the announcements named, whatever was offered)
      // "eh ga jadi deh, stop aja" after the announcements were taken up: leaving them, nothing else is open.
      intent = 'unsubscribe';
      score = 1;
      handled = d.intents.unsubscribe(ctx);
    } else if (CANCEL.test(text) && flowTurn === undefined && c.intent !== 'thanks' && c.intent !== 'goodbye') {
      // ("ga jd, makasih" thanks, "gak jadi deh, bye" takes leave: nothing to cancel is no answer to either)
      intent = 'None';
      score = 1;
      handled = { replies: [t.reply('cancel.nothing')] };
    } else if (c.intent === 'subscribe' && flowTurn === undefined && !base.offer && SUBSCRIPTION_ASKED_ABOUT.test(text) && !FORWARDED.test(text)) {
      // "apa itu langganan pengumuman?": what it is, offered (a yes takes it up); nobody is subscribed by a question.
      intent = 'subscribe';
      score = 1;
      handled = { replies: [t.reply('subscribe.offer')], session: { offer: 'subscribe', subscribeOffered: true } };
    } else if (c.intent === 'unsubscribe' && STOP_NEGATED.test(text) && SUBSCRIPTION_WORDS.test(text)) {
      // "tolong jgn stop kirim info ya, sy butuh bgt": asks to keep the announcements, the very opposite of leaving.
      intent = 'subscribe';
      score = 1;
      handled = d.intents.subscribe(ctx);
    } else if ((base.offer || (base.subscribeOffered && c.intent === 'unsubscribe' && c.score < 1)) && DECLINED.test(text) && !/\blagi\b/i.test(text) && flowTurn === undefined) {
      // "gak usah dikabarin, nanti saya pantau sendiri di fb": the offer declined; nothing is changed.
      intent = 'ack';
      score = 1;
      handled = { replies: [t.reply('offer.declined')], session: { offer: undefined } };
    } else if (base.offer && YES.test(text)) {
      intent = base.offer;
      score = 1;
      handled = d.intents[intent](ctx);
    } else {
      // A subscription intent without the announcements' words is no request at all: a follow-up may continue it.
      // So is a complaint of a word or two without a complaint word ("biayanya?", "pantes lama"): no form opens on it.
      const unsure =
        ((c.intent === 'subscribe' || c.intent === 'unsubscribe') && (!SUBSCRIPTION_WORDS.test(text) || OTHER_BUSINESS.test(text))) ||
        // nor a forwarded message ("Fwd: INFO TERBARU!!! … buka kembali … bener ini pak?"): it asks about what it says.
        ((c.intent === 'subscribe' || c.intent === 'unsubscribe') && FORWARDED.test(text)) ||
        // and a "jangan berhenti" of something else is no leaving either.
        (c.intent === 'unsubscribe' && STOP_NEGATED.test(text)) ||
        // (of the words as classified: "minsayamaulapor" is four words and a complaint word once unglued)
        (c.intent === 'complaint.file' && fewerWords(c.normalised || text, MIN_WORDS_OF_A_PROBLEM) && !COMPLAINT_WORDS.test(text) && !COMPLAINT_WORDS.test(c.normalised)) ||
        // nor does a question the network leans to read as a complaint ("bisa dikirim pdf aja gak?"): a question.
        (c.intent === 'complaint.file' && c.score < SURE_OF_A_COMPLAINT && !COMPLAINT_WORDS.test(text) && ASKS_WHETHER.test(text)) ||
        // and a ticket question that names no ticket, complaint or status ("surveynya gmn?"): no ticket is asked for.
        (c.intent === 'complaint.status' && !STATUS_WORDS.test(text));
      // The agencies the message names (the office data's referral words), looked up once whichever check asks.
      let agencies: readonly unknown[] | undefined;
      const namesAgency = (): boolean => (agencies ??= referralsOf(k.office, c.normalised)).length > 0;
      // Another agency's business, and where to report a matter just found out of scope: the fallback's to answer.
      const notOurs =
        ((REFERRAL_OVER.has(c.intent) || (c.intent === 'complaint.file' && !COMPLAINT_WORDS.test(text))) && c.entities.forms.length === 0 && namesAgency()) ||
        // "ini kantor yg ngurus ijin keramaian bukan?": whether this office handles another agency's matter.
        (c.intent === 'closure.status' && c.score < 1 && c.entities.forms.length === 0 && WHO_HANDLES.test(text) && namesAgency()) ||
        (base.noneStreak > 0 && c.intent.startsWith('complaint.') && WHERE_TO_REPORT.test(text)) ||
        // "mau lapor ktp el sy blm jadi2": another agency's matter reported, with no word of this office in it.
        (c.intent === 'complaint.file' && !OUR_OFFICE_NAMED.test(text) && namesAgency()) ||
        // "kalau akta kelahiran cucu?", "terus BPJS ketenagakerjaan jg?": another agency's matter in a short follow-up.
        (!fewerWords(text, 1) && fewerWords(text, 9) && c.entities.forms.length === 0 && !OUR_OFFICE_NAMED.test(text) && c.intent !== 'referral' && !CONTINUABLE_OURS.has(c.intent) && namesAgency());
      // Subscribing or leaving in so many words ("kalau ada kepastian kabari saya ya, daftar pengumumannya") is no follow-up.
      const explicitSubscription = (c.intent === 'subscribe' || c.intent === 'unsubscribe') && !unsure && c.score >= SURE_OF_A_SUBSCRIPTION;
      // "yg no 3 lebih jelasnya gmn" after answering the person's own numbered questions: the third, again.
      // (a person asked for about one of them, "untuk pertanyaan nomor 2 saya mau tanya langsung ke petugas", is the desk's)
      const number = base.topic?.numbered && !notOurs && c.intent !== 'consultation' && !A_PERSON_ASKED.test(text) ? pickedNumber(c.normalised) : undefined;
      const picked = number === undefined ? undefined : base.topic?.numbered?.find((p) => p.n === number && CONTINUABLE.has(p.intent as IntentName));
      const follow = picked ? (picked.intent as IntentName) : notOurs || explicitSubscription ? undefined : followUp(unsure ? { ...c, intent: 'None' } : c, text, base.topic, k.office);
      if (follow) {
        intent = follow;
        // "itu udh ganti nama kan?" after the IMB form: the permit of the last answer is still the subject.
        const entities = picked ? { forms: picked.forms, services: picked.services } : c.entities.forms.length > 0 || c.entities.services.length > 0 ? c.entities : { forms: base.topic?.forms ?? [], services: base.topic?.services ?? [] };
        used = { ...c, intent: follow, entities };
      } else if (unsure || notOurs) {
        intent = 'None';
      }
      // The parts are classified only here, where they can matter (a lazy `parts` is asked for them only then).
      // (never of a message about another regency's office: its parts are that office's business too)
      // (nor of a person asked for by name: "bapak mau tanya ke pegawai langsung, bapak gak ngerti formulir2" is one request)
      // (nor of a forwarded announcement: each thing it says is no question of the person's)
      const answered = !follow && !notOurs && !c.elsewhere && !FORWARDED.test(text) && !(c.intent === 'consultation' && (A_PERSON_ASKED.test(text) || CONSULTATION_HEAD.test(text))) && (ANSWERABLE_PART.has(c.intent) || c.intent === 'None')
        ? (typeof parts === 'function' ? parts() : parts).filter((p) => ANSWERABLE_PART.has(p.c.intent))
        : [];
      const distinct = new Set(answered.map((p) => p.c.intent));
      // A message not understood as a whole with one part that is ("… berhenti merokok lho, btw kantor masih
      // tutup?"): that part is the question.
      // (read with some confidence: a weak reading of a few words, "mau ke tajen 🐓" as the contacts, is no question)
      const lone = c.intent === 'None' && !follow && !notOurs && distinct.size === 1 && answered.length === 1 && (answered[0]?.c.score ?? 0) >= LONE_PART_SURE ? answered[0] : undefined;
      if (lone) {
        intent = lone.c.intent;
        used = lone.c;
        handled = d.intents[intent]({ ...ctx, text: lone.text, c: lone.c });
      } else if (distinct.size >= 2) {
        // Several questions in one message: each is answered in turn, once per topic.
        const seen = new Set<IntentName>();
        const replies: Reply[] = [];
        let session: Partial<Session> = {};
        for (const p of answered) {
          if (seen.has(p.c.intent)) continue;
          seen.add(p.c.intent);
          const h = d.intents[p.c.intent]({ ...ctx, text: p.text, c: p.c, session: { ...base, ...session } });
          // An offer two answers end with ("ask a person?") is made once.
          for (const r of h.replies) if (!replies.some((x) => replyText(x) === replyText(r))) replies.push(r);
          session = { ...session, ...h.session };
          used = p.c;
        }
        // The last question answered is the topic a follow-up continues ("lupa password jg gmn" after OSS), unless
        // it was only the offer of a person beside an answer ("masih tutup nggih? mau ngurus ijin": "terus?" next
        // asks about the closure's answer) or the contacts given beside it ("bisa dibantu daftar OSS? sy gaptek bgt":
        // "kalo daftar sendiri dr rumah bisa?" next asks about OSS).
        const informative = answered.findLast((p) => p.c.intent !== 'consultation' && p.c.intent !== 'contact.info') ?? answered.findLast((p) => p.c.intent !== 'consultation');
        if (informative) used = informative.c;
        intent = used.intent;
        handled = { replies, session };
        const numbers = numbersOf(text, answered.map((p) => p.text));
        if (numbers) numbered = answered.flatMap((p, i) => (numbers[i] === undefined ? [] : [{ n: numbers[i], intent: p.c.intent, forms: p.c.entities.forms, services: p.c.entities.services }]));
      } else {
        handled = d.intents[intent](used === c ? ctx : { ...ctx, c: used });
        // "izin PBG saya sudah selesai, mau saya ambil hari jumat bisa jam berapa?": the hours asked beside.
        if (!follow && intent === 'permit.pickup' && HOURS_ASKED.test(text)) {
          handled = { ...handled, replies: handled.replies.concat(d.intents['office.hours'](ctx).replies) };
        }
        // "itu dimana? sy gak ngerti internet": whoever cannot go online is told how to reach a person beside the answer.
        if (ONLINE_ANSWERS.has(intent) && CANNOT_GO_ONLINE.test(c.normalised)) {
          handled = { ...handled, replies: handled.replies.concat(d.intents['contact.info'](ctx).replies) };
        }
        // "sy mau ubah data KK sekalian ngurus izin usaha": the office's part answered, and who handles the other.
        if (!follow && ANSWERED_WITH_A_REFERRAL.has(intent) && namesAgency()) {
          handled = { ...handled, replies: handled.replies.concat(d.intents.referral(ctx).replies) };
        }
      }
    }
  }
  // "… mohon info kalau nanti buka lagi, saya mau didaftarkan dapat info": the offer a closure answer ends with is
  // taken up at once when the same message asks outright to be put on the list (a forwarded text never does).
  if (flowTurn === undefined && handled.session?.offer === 'subscribe' && PUT_ON_THE_LIST.test(c.normalised) && !OTHER_BUSINESS_LIST.test(c.normalised) && !FORWARDED.test(text)) {
    const listed = d.intents.subscribe(ctx);
    handled = {
      replies: handled.replies.filter((r) => r.key !== 'subscribe.offer').concat(listed.replies),
      effects: (handled.effects ?? []).concat(listed.effects ?? []),
      session: { ...handled.session, offer: undefined, ...listed.session },
    };
  }
  // A detour's question follows the answer and a release's farewell precedes it; their sessions are assigned
  // onto the next session after the answer's (a detour's last, a release's first): the same keys, order and
  // values as merging them into one object first, without the copies (the merges were most of the step's own time).
  let replies = handled.replies;
  let effects = handled.effects ?? [];
  const patches: (Partial<Session> | undefined)[] = [handled.session];
  if (flowTurn?.kind === 'detour') {
    replies = replies.concat(flowTurn.after);
    patches.push(flowTurn.session);
  } else if (flowTurn?.kind === 'release') {
    replies = flowTurn.before.concat(replies);
    patches.unshift(flowTurn.session);
  }
  if ((flowTurn?.kind === 'detour' || flowTurn?.kind === 'release') && flowTurn.effects?.length) effects = flowTurn.effects.concat(effects);

  const last = replies[replies.length - 1];
  // Assigned onto one copy: the same keys in the same order as spreading each part after the other, at half
  // the cost (the spreads were a third of the step's own time).
  const next: Session = { ...base };
  next.noneStreak = 0;
  next.offer = undefined;
  next.justSubscribed = intent === 'subscribe' ? true : undefined;
  // What this answer was about, for a follow-up next turn (kept through acknowledgements and thanks).
  if (CONTINUABLE.has(intent)) next.topic = { intent, forms: used.entities.forms, services: used.entities.services, ...(numbered && numbered.length >= 2 ? { numbered } : {}) };
  // A ticket's status or a complaint's form: "kok lama bgt" or "how can I follow up on it?" next leans on it
  // (never answered as a part of another message, so not continuable).
  else if (intent === 'complaint.status' || intent === 'complaint.file') next.topic = { intent, forms: [], services: [] };
  // Asked of another regency's office: "kalo di Tabanan?" next asks the same of this one.
  else if (intent === 'None' && c.elsewhere && CONTINUABLE.has(c.elsewhere.intent)) {
    next.topic = { intent: c.elsewhere.intent, forms: c.elsewhere.entities.forms, services: c.elsewhere.entities.services, elsewhere: true };
  }
  if (last) next.lastReply = replyText(last).slice(0, 1000);
  for (const patch of patches) if (patch) Object.assign(next, patch);
  next.language = language;
  next.turns = base.turns + 1;
  next.touchedAt = isoTime(k.now);
  return {
    session: next,
    replies: notices.length > 0 ? notices.concat(replies) : replies.slice(),
    effects,
    intent,
    score,
    language,
  };
}

/** Merge the features' dialogues. Two features claiming one intent, flow or command is a programming error. */
export function mergeDialogues(
  intents: Readonly<Record<IntentName, IntentHandler>>,
  dialogues: readonly FeatureDialogue[],
  staffCommands: Iterable<string>,
): Dialogue {
  const flows: Record<string, FlowHandler> = {};
  const commands: Record<string, IntentName> = {};
  const startPayloads: Record<string, IntentName> = {};
  const claim = <V>(into: Record<string, V>, from: Readonly<Record<string, V>> | undefined, what: string) => {
    for (const [key, value] of Object.entries(from ?? {})) {
      if (key in into) throw new Error(`two features register the ${what} "${key}"`);
      into[key] = value;
    }
  };
  // Each intent has one answering feature: a spread in the composition root would let a second one win silently.
  const intentOwners: Record<string, true> = {};
  for (const f of dialogues) {
    claim(intentOwners, Object.fromEntries(Object.keys(f.intents ?? {}).map((k) => [k, true as const])), 'intent');
    claim(flows, f.flows, 'flow');
    claim(commands, f.commands, 'command');
    claim(startPayloads, f.startPayloads, 'start payload');
  }
  const menuOwner = dialogues.find((f) => f.menuPick && f.menu);
  if (!menuOwner?.menuPick || !menuOwner.menu) throw new Error('no feature provides the menu');
  return {
    intents,
    flows,
    commands,
    startPayloads,
    preempts: dialogues.flatMap((f) => (f.preempt ? [f.preempt] : [])),
    menuPick: menuOwner.menuPick,
    menu: menuOwner.menu,
    intercepts: dialogues.flatMap((f) => (f.intercept ? [f.intercept] : [])),
    staffCommands: new Set(staffCommands),
  };
}
