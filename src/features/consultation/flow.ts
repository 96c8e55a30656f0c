/**
 * The consultation as a dialogue (pure: no I/O, the clock is `k.now`, no platform names).
 *
 * Asking (`session.flow.kind = 'consultation'`): when the bot asks for the question, it says who reads it (the
 * privacy notice) and that the next message goes to staff; that message is stored at once (`consultation.create`,
 * keyed by the draft id) and answered with its number — the citizen has just written what they were asked for,
 * a second "send it?" only made them wait. When the first message itself carries the question (it may be a
 * misread, and the notice was not shown yet) it is shown with the notice and sent on "ya"; anything else than
 * yes / edit / cancel then leaves the form, says the question was not sent, and is answered as a new message.
 * A question about face-to-face consultation at the office ("konsultasi tatap muka masih buka?") is answered
 * with its state and the offer to ask a person online, never taken as the question. The number and the
 * expectation are given only once the consultation is stored.
 *
 * With a person (the intercept, decided by `k.features.consultation`, which the runtime loads each turn):
 * a staff member's reply to a relayed message is an answer; the citizen's messages go to staff and the bot
 * stays silent (one short acknowledgement) until staff close it or it goes quiet; `batal`/`menu` return the
 * citizen to the bot; after closing, the next message may be the 1–5 rating.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FlowHandler, FlowTurn, Handled, IntentHandler, Intercept, TurnCtx } from '../../kernel/feature.js';
import type { Effect } from '../../kernel/effects.js';
import type { Reply } from '../../kernel/message.js';
import { closureUntil, NAMES_A_PERMIT } from '../../kernel/office-text.js';
import type { ConsultationEffect } from './effects.js';
import { leavingWords } from '../../kernel/leaving.js';
import { ONLY_A_PERSON_ASKED } from '../../kernel/person-asked.js';
import { findNumber, isBareNumber } from './numbers.js';
import { ConsultationState, MAX_TEXT } from './schema.js';

/** The flow kind of the asking form. */
export const CONSULTATION_FLOW = 'consultation';

/** The key of this feature's per-turn state in `k.features`. */
export const STATE_KEY = 'consultation';

const FlowData = z.object({
  draftId: z.string().min(8),
  step: z.enum(['question', 'confirm']),
  question: z.string().max(MAX_TEXT).nullable(),
  language: z.enum(['id', 'en']),
  /** The bot's last answer before the person asked for staff (staff see what the bot had said). */
  botLastReply: z.string().max(1000).nullable().default(null),
});
type FlowData = z.infer<typeof FlowData>;

const CANCEL = leavingWords({ later: true });
/** What returns a citizen from a person to the bot. */
const LEAVE = /^\s*\/?(batal|batalkan|cancel|menu|start|stop|selesai|keluar|exit)(?:@[A-Za-z0-9_]+)?\s*[.!]*\s*$/i;
/** A yes to "send it?": a yes word, then at most a few words of the same kind ("iya kirim aja", "ok send it"). */
const YES = /^\s*\/?(ya|iya|iyaa|y|yes|ok|oke|okay|okey|kirim|kirimkan|send|benar|betul|setuju|boleh|silakan|sip|siap|lanjut|lanjutkan)(\s+(ya|iya|kirim|kirimkan|dikirim|aja|saja|deh|dong|min|kak|pak|bu|tolong|please|send|it|sudah|udah|benar|betul|boleh|silakan|lanjut|sekarang|now))*\s*[.!]*\s*$/i;
/** Replies that only acknowledge or greet: never a question for staff ("ok siap", "makasih", "halo"). */
const NOT_A_QUESTION: ReadonlySet<string> = new Set(['ack', 'thanks', 'greeting', 'goodbye']);
const EDIT = /^\s*\/?(ubah|edit|change|ganti|ulang|ulangi)\s*[.!]*\s*$/i;
/** A rating: a digit 1–5 first, then an optional remark ("4 cepat dijawab", "5/5", "3. lumayan"). */
const RATING = /^\s*([1-5])(?:\s*\/\s*5)?(?![0-9])[\s.,:;!)-]*([\s\S]*)$/;

/** Words that only ask for a person; a message with enough other words is the question itself. */
const FILLER = new Set(
  (
    'saya aku sy mau ingin pengen hendak bisa boleh tolong dong min admin kak pak bu mas mbak halo hai mohon ya nih ini ' +
    'di ke dengan sama untuk yang dan konsultasi berkonsultasi bicara ngobrol chat tanya bertanya nanya petugas operator ' +
    'orang manusia cs staf staff pegawai langsung live agen agent i want to talk speak with a an the person human please ' +
    'can could consultation consult ask ' +
    // Who the person wants, as people write it: "mau ngobrol sm org beneran bukan bot", "bisa chat dgn cs aja?".
    'sm sma dgn dg bs aja saja org orangnya beneran benar asli nyata real bukan not bot robot mesin sy gw gue mo pengen ' +
    'tlg pls nanya2 tanya2 ngomong hubungi dihubungkan disambungkan sambungkan connect me someone real member ' +
    'petugasnya stafnya pegawainya ga gak nggak ngga kah apa ' +
    // Leading in and saying where: "ok, then I'd rather ask a staff member here in the chat", "kalo gitu sy tanya petugas di sini aja".
    'ok oke okay then so rather prefer would like id d im just instead actually here in this chat me my one of ' +
    'kalau kalo klo gitu begitu deh disini sini lewat pertanyaan question ' +
    // Impatience with the bot is no question either: "bisa bicara sama orang beneran gak sih, dr td muter2 aja".
    'sih dr dari td tadi muter muter2 mutar muter-muter terus trs doang kok capek ribet bingung nih dong robotnya botnya ' +
    // Javanese and Balinese: "kulo pengen takon langsung kaleh petugas mawon, mboten kaleh robot".
    'mas kulo takon kaleh mawon mboten niki tiang nunas sareng pegawe'
  ).split(' '),
);

/** Whether a message is a question in itself (more than "I want to talk to someone"). */
export function looksLikeQuestion(text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return text.length >= 15 && words.filter((w) => !FILLER.has(w)).length >= 3;
}

function draftIdFor(ctx: TurnCtx): string {
  return createHash('sha256')
    .update(`${ctx.message.userKey}\n${ctx.session.turns}\n${ctx.k.now.toISOString()}`)
    .digest('base64url')
    .slice(0, 22);
}

function flowOf(data: FlowData, startedAt: string): Handled['session'] {
  return { flow: { kind: CONSULTATION_FLOW, startedAt, data: { ...data } } };
}

const privacy = (ctx: TurnCtx): Reply =>
  ctx.t.reply('consultation.privacy', { office: ctx.k.office.shortName, days: ctx.k.complaintRetentionDays ?? 730 });

function confirm(ctx: TurnCtx, data: FlowData): Reply[] {
  const { t } = ctx;
  return [t.reply('consultation.summary', { question: data.question ?? '' }), privacy(ctx), t.reply('consultation.ask.confirm')];
}

/** Ask for the question: who reads it first, since the next message is sent as it is. */
const askQuestion = (ctx: TurnCtx): Reply[] => [ctx.t.reply('consultation.ask.question'), privacy(ctx)];

const effect = (e: ConsultationEffect): Effect => e;

/**
 * A question about face-to-face consultation at the office itself: it names the counter ("tatap muka", "datang
 * ke kantor", "in person") or asks whether consultation is open or closed ("konsultasi jg tutup?"). A question
 * that only uses "buka" or "masih" ("sy mau buka apotek", "masih perlu izin?") is not one, nor a business to be
 * opened beside the word ("konsultasi dong, sy mau buka homestay 3 kamar").
 */
const ABOUT_THE_COUNTER =
  /tatap muka|face[- ]to[- ]face|offline|in person|\b(?:datang|dateng|ke|di) (?:ke )?kantor\b|\blangsung\b.{0,20}\bkantor\b|\b(?:konsultasi|consultation)\b.{0,25}\b(?<!\b(?:mau|ingin|pengen|pingin|rencana|akan|mo|mw|to) )(?:buka|dibuka|tutup|ditutup|open|closed)\b|\b(?<!\b(?:mau|ingin|pengen|pingin|rencana|akan|mo|mw|to) )(?:buka|dibuka|tutup|ditutup|open|closed)\b.{0,25}\b(?:konsultasi|consultation)\b/i;

/** A question announced rather than asked ("I have a question for …", "ada yg mau sy tanyakan soal …"). */
const ANNOUNCES_A_QUESTION = /\b(?:i have a question|i'?ve got a question|i have some questions|ada (?:yang|yg) (?:mau|ingin) (?:saya |sy )?(?:tanya\w*|nanya)|ada pertanyaan)\b|\b(?:mau|ingin|pengen) (?:tanya|nanya|bertanya) (?:sama|sm|ke|dengan|dgn|kepada) (?:petugas|pegawai|staf|staff|orang)\w*(?: langsung)?\s*[.!]*\s*$/i;

/** A short request before a colon ("mau tanya petugas aja lwt chat: …"); the part before the colon is captured. */
const REQUEST_THEN_COLON = /^([^:?\n]{3,80}):(?!\/\/)\s*(?=\S)/;
/** The same before a comma ("mau konsultasi sama petugas, kalau pasang spanduk … perlu izin reklame juga gak?"). */
const REQUEST_THEN_COMMA = /^([^:?\n,]{3,60}),\s*(?=\S)/;

/** A person asked for again, nothing asked ("pokoknya saya mau petugas", "mau orang aja"). */
const ONLY_A_PERSON = /^\s*(?:(?:pokoknya|pokok|yang penting|pokoke)\s+)?(?:(?:saya|sy|aku)\s+)?(?:mau|ingin|minta|butuh)\s+(?:sama\s+|dengan\s+|ke\s+)?(?:petugas|orang|manusia|admin|cs|pegawai)\w*(?:\s+(?:aja|saja|langsung|dong|ya|beneran|asli))*\s*[.!]*\s*$/i;

/** The question put off ("Baik, nanti saja saya hubungi lagi. Selamat malam", "ntar aja deh"). */
const PUT_OFF = /^\s*(?:(?:baik|ok|oke|ya|iya|hmm+|eh)[\s,.!]+)?(?:nanti|ntar|entar|lain kali|kapan-kapan|besok)\s+(?:saja|aja|dulu|deh)\b(?![^?]*\?)/i;

/** A complaint wanted instead of the question ("eh gak jadi, sy mau lapor aja. …", "mending ngadu aja deh"). */
const COMPLAINT_INSTEAD =
  /^\s*(?:(?:eh|oh|maaf|bentar|sorry|ga jadi|gak jadi|nggak jadi|tidak jadi|gk jadi|ga jd|gak jd)[\s,.!]+)*(?:(?:sy|saya|aku|gw)\s+)?(?:mau|ingin|mending|lebih baik)\s+(?:lapor|ngadu|mengadu|komplain|melapor|bikin pengaduan|buat pengaduan)(?:\s+(?:aja|saja|deh|dong))*\b/i;

/** A person asked for in so many words: a verb of asking or talking and a person ("mau tanya ke petugas", "bisa saya bicara dengan petugas", "can I talk to a staff member"). */
const PERSON_REQUESTED =
  /\b(?:mau|ingin|pengen|bisa|boleh|minta|tolong|mohon|can i|could i|may i|i want to|i'd like to|i would like to|i need to|please)\b.{0,20}\b(?:tanya|bertanya|nanya|menanyakan|bicara|berbicara|ngobrol|ngomong|konsultasi|berkonsultasi|disambungkan|sambungkan|dihubungkan|hubungkan|talk|speak|ask|chat|connect)\w*(?:2|-\w+)?\b.{0,25}\b(?:petugas|pegawai|staf|staff|orang|org|admin|cs|customer service|operator|human|person|someone|officer)\w*\b/i;

/** A clause that asks for a person or a consultation ("Bisa saya bicara dengan petugasnya saja nak?", "kulo badhe konsultasi"). */
const REQUEST_CLAUSE = new RegExp(`${PERSON_REQUESTED.source}|\\b(?:mau|ingin|pengen|badhe|arep|minta|butuh)\\s+(?:konsultasi|konsul|berkonsultasi)\\b`, 'i');


/** Words that ask something: a sentence with one is a question, whatever request comes with it. */
const ASKS_SOMETHING_HERE = /\?|\b(?:apa|apakah|bagaimana|gimana|gmn|berapa|brp|kapan|kpn|dimana|di mana|dmn|kenapa|mengapa|perlu|bisakah|bolehkah|what|how|when|where|why|which|whether|can|does|is|are)\b/i;

/**
 * Whether the body only asks for a person: the request itself ("mau tanya ke petugas aja"), or a greeting and who
 * writes before it ("sore, sy dr. Putu dari klinik pratama. mau bicara dengan petugas"), asking nothing yet.
 */
function onlyARequest(body: string): boolean {
  if (ONLY_A_PERSON_ASKED.test(body)) return true;
  const sentences = body.split(/(?<=[.!?])\s+/);
  const last = sentences.pop() ?? '';
  return sentences.length > 0 && ONLY_A_PERSON_ASKED.test(last) && !sentences.some((x) => ASKS_SOMETHING_HERE.test(x));
}

/**
 * Whether the body asks something besides the request for a person: what is left once the clause that asks for the
 * person is taken out ("Can I talk to a staff member? … I want to know if …" does; "bisa ngobrol sm petugas aja gak?
 * ada yg mau sy tanyain", "bapak gak ngerti internet, bisa bicara sama petugasnya langsung saja?" do not).
 */
function asksBeyondTheRequest(body: string): boolean {
  const rest = body
    .split(/(?<=[,.!?;])\s+/)
    .filter((clause) => !REQUEST_CLAUSE.test(clause))
    .join(' ');
  return looksLikeQuestion(rest) && ASKS_SOMETHING_HERE.test(rest) && !ANNOUNCES_A_QUESTION.test(rest);
}

/** Words that ask for a person (a message without one is a question the bot was unsure of, not a request). */
const ASKS_FOR_A_PERSON =
  /\b(?:petugas\w*|staf|staff|stafnya|pegawai\w*|orang|orangnya|org|manusia|manusianya|cs|customer service|operator|human|person|someone|officer|konsultasi|berkonsultasi|konsul|consult|consultation|bicara|ngobrol|diskusi|talk|speak)\b/i;

/** "iya itu pertanyaannya, luas lahan 8 are", "ya, tambahan: …": a yes with more after it. */
const YES_AND_MORE = /^\s*(?:ya|iya|iyaa|y|yes|betul|benar|bener|ok|oke)\b[\s,.!:-]+(?:(?:itu|ini)\s+(?:pertanyaannya|pertanyaan saya|saja|aja)[\s,.!:-]*)?(\S.{3,})$/i;
/** Readings of a longer message at the confirmation that add to the question (a question for staff or a matter of permits). */
const ADDS_TO: ReadonlySet<string> = new Set(['consultation', 'None', 'complaint.file', 'form.request', 'service.online', 'oss.registration', 'field_verification', 'permit.pickup']);

/** "mau konsultasi ttg izin toko swalayan": what the question will be about, before the question itself. */
const ABOUT_A_TOPIC = /\b(?:konsultasi|konsul|tanya|bertanya|nanya|consult\w*|ask)\s+(?:ttg|tentang|soal|mengenai|perihal|masalah|terkait|seputar|about|regarding)\s+(.*)$/i;
/** A question word or mark: what a topic alone lacks. */
const ASKS_SOMETHING = /\?|\b(?:apa|apakah|gimana|gmn|bagaimana|berapa|brp|kapan|kpn|dimana|dmn|mana|bisa|bisakah|boleh|syarat\w*|biaya\w*|what|how|when|where|which|can|could|is|are|do|does)\b/i;

/** Whether a request for a person only names its topic ("sy mau konsultasi ttg izin toko swalayan"): the question is asked for. */
function onlyNamesATopic(body: string): boolean {
  const m = ABOUT_A_TOPIC.exec(body);
  // "… soal pbg ruko 2 lantai, bs sm petugas langsung?": asking for the person is no question about the topic.
  return m !== null && !ASKS_SOMETHING.test((m[1] ?? '').replace(FOR_A_PERSON, ''));
}

/** A closing "bisa sama petugas langsung?", "dengan petugas aja": the request for a person itself. */
const FOR_A_PERSON = /[\s,.;]*(?:(?:apa|apakah)\s+)?(?:bisa|bs|boleh)?\s*(?:sama|sm|dengan|dgn|dg|ke|langsung)?\s*(?:petugas\w*|staf\w*|pegawai\w*|orang|admin)(?:\s+(?:langsung|aja|saja|nya|ya|kah))*\s*[?!.]*\s*$/i;

/** Whether face-to-face consultation runs now, from the closure status. */
function counterState(ctx: TurnCtx): Reply {
  const closed = ctx.k.closure.closedServices.includes('consultation');
  const state = closed ? ctx.t.text('service.state.closed', { until: closureUntil(ctx.t, ctx.k.closure, ctx.k.office) }) : ctx.t.text('service.state.open');
  return ctx.t.reply('consultation.state', { state });
}

/** The intent `consultation` (also `/konsultasi`, the start payload): a status lookup, or the asking form. */
/** The effect that stores the form's question (one shape for the question step and a question given with the request). */
const createDraft = (data: FlowData, question: string): Effect =>
  effect({ kind: 'consultation.create', draft: { draftId: data.draftId, question, language: data.language, botLastReply: data.botLastReply } });

export const startConsultation: IntentHandler = (ctx) => {
  const number = findNumber(ctx.text);
  if (number) return { replies: [], effects: [effect({ kind: 'consultation.lookup', number })] };
  // Whether the office's own consultation desk is open is a question about the closure: answered, and online
  // consultation offered ("konsultasi" opens the form), so the next message is never sent to staff unasked.
  // Judged on the whole message, which may hold several questions ("kantor udh buka? sy mau konsultasi langsung bs?").
  if (ABOUT_THE_COUNTER.test(ctx.message.text)) return { replies: [counterState(ctx), ctx.t.reply('consultation.offer')] };
  const unheaded = ctx.text
    .replace(/^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?\s*/, '')
    .replace(/^(konsultasi|consultation)\b(?:\s+(?:dong|ya|min|kak|pak|bu|please))*[\s:,.-]*/i, '')
    .trim();
  // "oke sy mau tanya petugas aja lwt chat: pbg utk gudang perlu krk dulu ga?": the request, a colon, the question.
  const introduced = REQUEST_THEN_COLON.exec(unheaded) ?? REQUEST_THEN_COMMA.exec(unheaded);
  const body = introduced && PERSON_REQUESTED.test(introduced[1] ?? '') ? unheaded.slice(introduced[0].length).trim() : unheaded;
  // Headed by the word itself ("konsultasi: …", "/konsultasi …") or by the request: the question is given with it.
  const headed = body !== ctx.text.trim();
  // A question that does not ask for a person ("biaya pbg brp ya?"): said to be one for staff, and a person
  // offered; nothing is taken down until the person asks for one.
  const explicit = headed || ASKS_FOR_A_PERSON.test(ctx.text);
  if (!explicit) {
    // A permit it names ("I need a building permit, what is it called now?"): that permit's catalogue entry too.
    const forms = ctx.k.office.forms.filter((f) => ctx.c.entities.forms.includes(f.name)).slice(0, 3);
    const named = forms.map((f) => ctx.t.reply('form.one', { name: f.name, url: f.url ?? ctx.k.office.formsPage }));
    // A permit the catalogue does not list ("izin bengkel motor", "izin usaha perikanan"): its form is on the forms
    // page all the same, the office issues it.
    if (named.length === 0 && NAMES_A_PERMIT.test(ctx.c.normalised)) named.push(ctx.t.reply('form.all', { url: ctx.k.office.formsPage, office: ctx.k.office.shortName }));
    return { replies: [...named, ctx.t.reply('consultation.for_staff'), ctx.t.reply('consultation.offer')] };
  }
  const data: FlowData = {
    draftId: draftIdFor(ctx),
    step: 'question',
    question: null,
    language: ctx.t.language,
    botLastReply: ctx.session.lastReply ?? null,
  };
  // "I have a question for a staff member about my guesthouse permit": the question is announced, still to come.
  if (looksLikeQuestion(body) && body.length <= MAX_TEXT && !onlyNamesATopic(body) && !(ANNOUNCES_A_QUESTION.test(body) && !body.includes('?')) && !onlyARequest(body) && (!REQUEST_CLAUSE.test(body) || asksBeyondTheRequest(body))) {
    data.question = body;
    data.step = 'confirm';
    // "konsultasi: <question>", "mau tanya ke petugas, <question>", "Can I talk to a staff member? <question>": a
    // person asked for in so many words with the question given: sent at once, as the question step does (a
    // confirmation the person never answers would lose the question; the form stays until it is stored, and
    // should the store fail, "ya" sends it again).
    if (headed || (PERSON_REQUESTED.test(ctx.text) && asksBeyondTheRequest(body))) {
      return {
        replies: [],
        effects: [createDraft(data, body)],
        session: flowOf(data, ctx.k.now.toISOString()),
      };
    }
    // A person only hinted at beside a question ("ada orang yg bisa jelasin syarat PBG?"): shown, sent on a yes.
    return { replies: [ctx.t.reply('consultation.start.noted'), ...confirm(ctx, data)], session: flowOf(data, ctx.k.now.toISOString()) };
  }
  return { replies: askQuestion(ctx), session: flowOf(data, ctx.k.now.toISOString()) };
};

const handled = (result: Handled): FlowTurn => ({ kind: 'handled', intent: 'consultation', result });

/** The asking form in progress. */
export const consultationFlow: FlowHandler = (ctx) => {
  const flow = ctx.session.flow;
  const parsed = FlowData.safeParse(flow?.data);
  if (!flow || !parsed.success) return { kind: 'release', before: [], session: { flow: undefined } };
  const data = parsed.data;
  const { t, text } = ctx;
  if (CANCEL.test(text)) return handled({ replies: [t.reply('consultation.cancelled')], session: { flow: undefined } });
  // "menu", "stop", "keluar" leave the asking form too, and the message goes on to the bot (the menu).
  if (LEAVE.test(text)) return { kind: 'release', before: [t.reply('consultation.cancelled')], session: { flow: undefined } };
  const stay = (replies: Reply[], effects: Effect[] = []): FlowTurn =>
    handled({ replies, effects, session: flowOf(data, flow.startedAt) });
  // The form stays until the runtime has stored the consultation (it then clears it).
  const send = (question: string): FlowTurn =>
    stay([], [createDraft(data, question)]);
  // "eh gak jadi, sy mau lapor aja. petugas survei datang terlambat …": a complaint instead; the form is left and
  // the message goes on to the bot (which opens the complaint form with it), never sent to staff as a question.
  if (COMPLAINT_INSTEAD.test(text)) return { kind: 'release', before: [t.reply('consultation.cancelled')], session: { flow: undefined } };
  // "Baik, nanti saja saya hubungi lagi. Selamat malam": put off; the form is left, the farewell answered.
  if (PUT_OFF.test(text)) return { kind: 'release', before: [t.reply('consultation.cancelled')], session: { flow: undefined } };
  if (data.step === 'question') {
    // Asked for the question, told who reads it: what the person writes now is the question, sent as it is.
    // ("pokoknya saya mau petugas": the request again, not the question)
    const bare = YES.test(text) || (NOT_A_QUESTION.has(ctx.c.intent) && text.split(/\s+/).length <= 3) || ONLY_A_PERSON.test(text) || ONLY_A_PERSON_ASKED.test(text);
    if (text.length < 5 || bare) return stay([t.reply('consultation.invalid.question')]);
    // Kept at the confirmation: should the store fail, "ya" sends it again (the failure says so).
    data.question = text.slice(0, MAX_TEXT);
    data.step = 'confirm';
    return send(data.question);
  }
  if (YES.test(text) && data.question) return send(data.question);
  // "iya itu pertanyaannya, luas lahan 8 are": yes, with a detail that goes with the question.
  const more = YES_AND_MORE.exec(text);
  if (more?.[1] && data.question && `${data.question}\n${more[1]}`.length <= MAX_TEXT) return send(`${data.question}\n${more[1].trim()}`);
  if (EDIT.test(text)) {
    data.step = 'question';
    return stay(askQuestion(ctx));
  }
  // A longer question about the same matter ("ruko 2 lantai di jl. pahlawan, bs ngajuin pbg atas nama sy?") is
  // the question told in full: added to it and shown again, still sent only on a yes.
  if (data.question && looksLikeQuestion(text) && ADDS_TO.has(ctx.c.intent) && `${data.question}\n${text}`.length <= MAX_TEXT) {
    data.question = `${data.question}\n${text.trim()}`;
    return stay([t.reply('consultation.question.added'), ...confirm(ctx, data)]);
  }
  // Neither yes nor edit: a new message (another question, a follow-up of the last answer). The question shown
  // is not sent, the person is told so, and the message is answered like every other one.
  return { kind: 'release', before: [t.reply('consultation.not_sent')], session: { flow: undefined } };
};

/** The conversation with a person, outside the session: see the module comment. */
export const consultationIntercept: Intercept = (ctx) => {
  const { message, caller, text, t } = ctx;
  // A staff member's reply to one of the bot's messages (not a command: those stay commands) is an answer.
  if (caller.staff && message.replyTo && !text.startsWith('/')) {
    if (!text) return undefined;
    return handled({
      replies: [],
      effects: [effect({ kind: 'consultation.reply', ref: message.replyTo.messageRef, text: text.slice(0, MAX_TEXT), staffMessageRef: message.messageRef ?? null })],
    });
  }
  // Most people have no consultation (nothing loaded): no parse, whose failure would cost more than the rest.
  const loaded = ctx.k.features?.[STATE_KEY];
  if (loaded === undefined) return undefined;
  const state = ConsultationState.safeParse(loaded);
  if (!state.success) return undefined;
  const s = state.data;
  if (s.withStaff) {
    // "status KON-…" is a question to the bot about the consultation itself, not a message for staff.
    if (isBareNumber(text)) return undefined;
    if (LEAVE.test(text)) return handled({ replies: [t.reply('consultation.left', { number: s.number })], effects: [effect({ kind: 'consultation.leave', number: s.number })] });
    const kinds = (message.attachments ?? []).map((a) => a.kind).join(', ');
    const relayed = [text, kinds ? `[${kinds}]` : ''].filter(Boolean).join(' ');
    if (!relayed) return undefined;
    return handled({ replies: [], effects: [effect({ kind: 'consultation.followup', number: s.number, text: relayed.slice(0, MAX_TEXT) })] });
  }
  if (s.quiet) {
    return { kind: 'release', before: [t.reply('consultation.back', { number: s.number })], session: {}, effects: [effect({ kind: 'consultation.idle', number: s.number })] };
  }
  if (s.awaitingRating) {
    const m = RATING.exec(text);
    if (m?.[1]) {
      const remark = (m[2] ?? '').trim().slice(0, 500) || null;
      return handled({ replies: [], effects: [effect({ kind: 'consultation.rate', number: s.number, score: Number(m[1]), remark })] });
    }
    return { kind: 'release', before: [], session: {}, effects: [effect({ kind: 'consultation.skip_rating', number: s.number })] };
  }
  return undefined;
};
