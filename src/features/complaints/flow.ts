/**
 * The complaint desk as a dialogue (pure: no I/O, no clock but `k.now`, no platform names).
 *
 * Filing (`session.flow.kind = 'complaint'`): description → permit number (optional) → name (optional) →
 * contact (optional; skipped when the platform gives the phone number) → summary, privacy notice and
 * confirmation. "ya" asks the runtime to store it (effect `complaint.create`, keyed by the draft id made
 * when the form started); the runtime gives the ticket number only once it is stored, and clears the form.
 * `batal`/`cancel` leaves at any step, `lewati`/`skip` skips optional steps, a photo or document is kept as
 * an attachment, and a clear question from outside the form is answered before the current step is re-asked.
 *
 * Status (`kind = 'complaint_status'`): asks for the ticket number when the message had none.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { suggestCategory } from './categories.js';
import { cutText } from '../../lib/format.js';
import {
  AttachmentRecord,
  ComplaintDraft,
  MAX_ATTACHMENTS,
  MAX_CONTACT,
  MAX_DESCRIPTION,
  MAX_FILE_NAME,
  MAX_MIME_TYPE,
  MAX_NAME,
  MAX_PERMIT_NUMBER,
} from './schema.js';
import { findTicket } from './tickets.js';
import type { Classification, IntentName, Language } from '../../nlu/types.js';
import { callCenter } from '../../kernel/office-text.js';
import type { Effect } from '../../kernel/effects.js';
import type { ComplaintCreateEffect, ComplaintLookupEffect } from './effects.js';
import type { Knowledge } from '../../kernel/knowledge.js';
import { Translator } from '../../kernel/locale.js';
import type { InboundMessage, Reply } from '../../kernel/message.js';
import type { Session } from '../../kernel/session.js';
import { leavingWords } from '../../kernel/leaving.js';
import { ONLY_A_PERSON_ASKED } from '../../kernel/person-asked.js';
import { ComplaintFlowData, readState, STEPS, written, type StepName } from './flow-state.js';

/** Flow kinds owned by this module. */
export const COMPLAINT_FLOW = 'complaint';
export const STATUS_FLOW = 'complaint_status';

export { ComplaintFlowData } from './flow-state.js';

const StatusFlowData = z.object({ attempts: z.number().int().nonnegative() });

const lookup = (ticket: string): ComplaintLookupEffect => ({ kind: 'complaint.lookup', ticket });
const create = (draft: ComplaintDraft): ComplaintCreateEffect => ({ kind: 'complaint.create', draft });

/** Everything a flow turn sees. */
export interface FlowCtx {
  k: Knowledge;
  session: Session;
  message: InboundMessage;
  /** The trimmed text. */
  text: string;
  c: Classification;
  /** The language picked for this message (used when a form starts). */
  language: Language;
  /** The intent a bare menu number picks (the dispatcher knows the menu). */
  menuPick: IntentName | undefined;
}

/** What starting a flow sees (no classification needed). */
export type StartCtx = Omit<FlowCtx, 'c' | 'menuPick'>;

/** What a flow turn produced (the same shape as a step handler's result). */
export interface FlowResult {
  replies: Reply[];
  effects?: Effect[];
  session?: Partial<Session>;
}

/**
 * How the step should go on after a flow looked at a message:
 * - `handled`: the flow answered;
 * - `detour`: answer the message as usual, then append `after` (the form's current question); the form stays;
 * - `release`: the flow is over (`session` clears it); answer the message as usual, prefixed by `before`.
 */
export type FlowTurn =
  | { kind: 'handled'; result: FlowResult }
  | { kind: 'detour'; after: Reply[]; session?: Partial<Session> }
  | { kind: 'release'; before: Reply[]; session: Partial<Session> };


/** How sure classification must be before a message inside the form is taken as another question. */
const DETOUR_MIN_SCORE = 0.75;

// `(?:@bot)?`: in groups Telegram's "/" menu sends `/batal@<bot username>`.
/** Leaving words: they work at every step (a re-ask says so), and are never taken as an answer. */
const CANCEL = leavingWords({ later: true, extra: ['stop', 'berhenti', 'keluar', 'exit', 'quit'] });
/** "menu" leaves the form and shows the menu. */
const MENU_WORD = /^\s*\/?(menu|bantuan|help)(?:@[A-Za-z0-9_]+)?\s*[.!]*\s*$/i;
/** Words that answer a yes/no question: never a name, a number or a description. */
const YES_NO = /^\s*(ya|iya|y|yes|ok|oke|okay|no|tidak|ga|gak|nggak|bukan|kirim|benar|betul)\s*[.!]*\s*$/i;
const SKIP_WORD = /^\s*\/?(lewati|lewat|skip|tidak ada|gak ada|ga ada|nggak ada|tidak|tdk|none|no|nope|-)(?:@[A-Za-z0-9_]+)?(?:[\s,]+(?:aja|saja|deh|dulu|ya|kak|min|pak|bu|bli|please|it|juga|jg|lagi))*(?:\s*[,.;]\s*(?:(?:sy|saya|aku|soalnya|karena|krn)\s+)?(?:takut|malu|ga mau|gak mau|tidak mau|privasi|rahasia)\b[^?\d]{0,40})?\s*[.!]*\s*$/i;
/**
 * "ga ada nomornya", "sy gak punya", "belum ada nomor", "lupa", "tanpa nama", "I don't have one": a field the
 * person cannot or will not give, said as people say it. Never a name ("Ada" is one) or a number: every form has
 * a negation or a word of withholding.
 */
const SKIP_SAID =
  /^\s*(?:(?:oh|wah|waduh|maaf|mohon maaf|aduh|hmm+|ya|iya|eh)[\s,]+)?(?:(?:sy|saya|aku|aq|gue|gw|kami)\s+)?(?:(?:nomor\w*|nomer\w*|nama\w*)\s+)?(?:(?:tidak|tdk|gak|ga|gk|nggak|ngga|enggak|engga|blm|belum|blom)\s+(?:ada|punya|tau|tahu|ingat|inget|hafal|apal|pake|pakai|usah|perlu)|(?:ga|gak|gk|nggak|tidak|tdk)\s+usah\s+(?:pake|pakai)|lupa|tanpa nama|anonim|anonymous|rahasia(?:kan)?|(?:i\s+)?(?:don'?t|do not)\s+(?:have|know|remember)(?:\s+(?:one|it))?|no\s+(?:number|name)|not\s+sure)(?:\s+(?:nomor\w*|nomer\w*|no|nya|izin\w*|ijin\w*|permohonan\w*|nama\w*|kontak\w*|hp|wa|kak|min|pak|bu|bli|mbok|deh|sih|ya|juga|jg|the|number|name|it|one))*(?:[\s,.]+(?:lewati|lewat|skip)(?:\s+(?:aja|saja|deh|dulu|ya))*)?(?:[,.;]\s*(?:wkt|waktu|soalnya|krn|karena|kan|dulu|td|tadi|blm|belum|because|since)\b[^?\d]{0,60})?\s*[.!]*\s*$/i;
/** A field withheld: the skip word, or a sentence saying the person has none (with its reason after: "nomornya gak ada, wkt itu blm sempet daftar"). */
/** A phone number said in words ("nol delapan satu dua - tiga tiga empat …"). */
const DIGIT_WORDS: Readonly<Record<string, string>> = { nol: '0', kosong: '0', satu: '1', dua: '2', tiga: '3', empat: '4', lima: '5', enam: '6', tujuh: '7', delapan: '8', sembilan: '9' };
const SPOKEN_NUMBER = /^\s*(?:(?:nol|kosong|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)[\s,.-]*){8,}$/i;
const spokenDigits = (text: string): string => (text.toLowerCase().match(/[a-z]+/g) ?? []).map((w) => DIGIT_WORDS[w] ?? '').join('');
/** An email spelled out ("made dot arta at gmail dot com"). */
const SPELLED_EMAIL = /^\s*[\w.-]+(?:\s+dot\s+[\w-]+)*\s+at\s+[\w-]+(?:\s+dot\s+[\w-]+)+\s*$/i;
/** The contact is this chat ("wa aja ke nomor ini", "lewat chat ini aja", "this number"). */
const THIS_CHAT = /^\s*(?:(?:hubungi|kontak|wa|whatsapp|chat|telp|telpon|telepon|call|lewat|via|ke|di|aja|saja)\s+){0,4}(?:nomor|nomer|no|wa|whatsapp|chat|hp|akun)\s+(?:ini|yg ini|yang ini|ini saja|ini aja)(?:\s+(?:aja|saja|ya|kak|min|pak|bu|deh))*\s*[.!]*\s*$|^\s*(?:(?:just|use|via|on)\s+)*this (?:number|chat|whatsapp)(?:\s+please)?\s*[.!]*\s*$/i;
const isSkip = (text: string): boolean => SKIP_WORD.test(text) || SKIP_SAID.test(text);
const YES = /^\s*\/?(?:(?:ya|iya|y|yes|ok|oke|okay|sudah|udah|udh|nggih|inggih|injih)[\s,]+)?(ya|iya|y|yes|ok|oke|okay|nggih|inggih|injih|kirim|kirimkan|send|submit|benar|betul|setuju|send it|submit it)(?:@[A-Za-z0-9_]+)?(?:[\s,]+(?:aja|saja|deh|ya|kak|min|sekarang|now|please))*\s*[.!]*\s*$|^\s*(?:ya|iya|yes|ok|oke|baik)[\s,.!]+(?:benar|betul|sudah benar|sudah sesuai|sesuai)?[\s,.!]*(?:silakan|silahkan|tolong|mohon|please)?\s*(?:di)?(?:kirim|kirimkan|proses|send|submit)(?:kan)?(?:\s+(?:saja|aja|sekarang|ya|now))*\s*[.!]*\s*$/i;
/** A yes, also typed with held letters ("yaa kirimm", "okee"): none of the yes words has a double letter of its own. */
const isYes = (text: string): boolean => YES.test(text) || YES.test(text.replace(/(\p{L})\1+/gu, '$1'));
const EDIT = /^\s*\/?(ubah|edit|change|ganti|perbaiki|ulang|ulangi)(?:@[A-Za-z0-9_]+)?\s*[.!]*\s*$/i;
/**
 * Whether complaining here is what is asked ("kalau warga mau mengadu, bisa lewat chat ini?"): a question about the
 * desk, not what went wrong, so the form asks for the description instead of taking the question as one.
 */
const ASKS_WHERE_TO_COMPLAIN =
  /\b(?:mengadu|ngadu|lapor|melapor|komplain|pengaduan)\b.{0,25}\b(?:bisa|boleh|dapat|bs)\b.{0,10}\b(?:lewat|via|melalui|di)\s+(?:chat|wa|whatsapp|telegram|sini|bot)\w*(?:\s+(?:ini|aja|saja|ya|kah|gak|tidak|nggak|kak|min))*\s*\?*\s*$/i;

/** How to complain asked ("trus kalo mau lapor gmn caranya? blm mau lapor skrg"): no description either. */
const HOW_TO_COMPLAIN = /\b(?:lapor|melapor|mengadu|ngadu|komplain)\s+(?:gmn|gimana|bagaimana|gmana)\s+(?:caranya|cara)\b|\bcara\s*(?:nya\s+)?(?:lapor|melapor|mengadu|ngadu|komplain)\b/i;

const QUESTION_START =
  /^(apa|apakah|kapan|berapa|bagaimana|gimana|gmn|dimana|di mana|kemana|siapa|kenapa|mengapa|bisakah|bolehkah|what|when|where|how|why|who|is|are|can|could|do|does|will)\b/i;
// Greetings and thanks only: short answers such as "besok saja" are often taken for `help` or `goodbye`.
const SOCIAL: ReadonlySet<IntentName> = new Set(['greeting', 'thanks', 'goodbye']);

/** Words that only say "I want to complain"; a first message with enough other words is the description. */
const FILLER = new Set(
  (
    'saya aku sy gue gw kami mau ingin pengen pingin hendak akan lapor melapor laporan melaporkan pengaduan aduan ' +
    'mengadu adukan mengadukan komplain complain keluhan mengeluh protes ajukan mengajukan sampaikan ' +
    'menyampaikan buat membuat bikin cara caranya bagaimana gimana bisa tolong dong min admin kak pak bu ibu ' +
    'bapak halo hai mohon ya nih ini di ke untuk yang dan ada dengan soal tentang terkait sebuah satu ' +
    'i want to file a an the complaint complaints make how do can report lodge submit my please hello hi about'
  ).split(' '),
);

/** A first message is taken as the description when it says more than "I want to complain". */
export function looksLikeDescription(text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return text.length >= 20 && words.filter((w) => !FILLER.has(w)).length >= 4;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function isQuestion(text: string): boolean {
  return /\?\s*$/.test(text) || QUESTION_START.test(text.trim());
}

/** A stable id for this form: the same person, turn and time always give the same id (the step stays pure). */
function draftIdFor(message: InboundMessage, session: Session, now: Date): string {
  return createHash('sha256')
    .update(`${message.userKey}\n${session.turns}\n${now.toISOString()}`)
    .digest('base64url')
    .slice(0, 22);
}

function keepAttachments(data: ComplaintFlowData, message: InboundMessage): number {
  const incoming = (message.attachments ?? []).map((a) =>
    AttachmentRecord.parse({
      kind: a.kind,
      ...(a.fileId ? { fileId: a.fileId } : {}),
      // A platform's long file name must not make the whole form unsavable: kept cut, on whole characters.
      ...(a.mimeType ? { mimeType: cutText(a.mimeType, MAX_MIME_TYPE) } : {}),
      ...(a.fileName ? { fileName: cutText(a.fileName, MAX_FILE_NAME) } : {}),
    }),
  );
  const room = MAX_ATTACHMENTS - data.attachments.length;
  data.attachments.push(...incoming.slice(0, Math.max(0, room)));
  return Math.min(incoming.length, Math.max(0, room));
}

function flowOf(data: ComplaintFlowData, startedAt: string): Partial<Session> {
  return { flow: { kind: COMPLAINT_FLOW, startedAt, data: written(data) } };
}

function retentionDays(k: Knowledge): number {
  return k.complaintRetentionDays ?? 730;
}

/** The question of a step (with the summary and privacy notice for the confirmation). */
function ask(t: Translator, k: Knowledge, data: ComplaintFlowData): Reply[] {
  switch (data.step) {
    case 'description':
      return [t.reply('complaint.ask.description')];
    case 'permit':
      return [t.reply('complaint.ask.permit')];
    case 'name':
      return [t.reply('complaint.ask.name')];
    case 'contact':
      return [t.reply('complaint.ask.contact')];
    case 'confirm':
      return [summary(t, data), t.reply('complaint.privacy', { office: k.office.shortName, days: retentionDays(k) }), t.reply('complaint.ask.confirm')];
  }
}

function summary(t: Translator, data: ComplaintFlowData): Reply {
  const none = t.text('complaint.summary.none');
  return t.reply('complaint.summary', {
    description: data.description ?? none,
    permit: data.permitNumber ?? none,
    name: data.name ?? none,
    contact: data.contact ?? none,
    category: t.text(`complaint.category.${suggestCategory(data.description ?? '')}`),
    attachments: data.attachments.length,
  });
}

/** The step after `step` for this message (the contact step is skipped when the platform gave a number). */
function advance(data: ComplaintFlowData, message: InboundMessage): void {
  const i = STEPS.indexOf(data.step);
  let next: StepName = STEPS[i + 1] ?? 'confirm';
  // A contact given ahead (a phone number typed at the permit step) is not asked again.
  if (next === 'contact' && data.contact !== null && !message.phone) next = 'confirm';
  if (next === 'contact' && message.phone) {
    data.contact = message.phone;
    data.contactFromPlatform = true;
    next = 'confirm';
  }
  data.step = next;
}

// zod's max counts code points; the limit is in UTF-16 units like every other text limit here (the turn's
// MAX_TEXT, Telegram's 4096), so a description of emoji is never longer than what the turn reads.
const Description = z
  .string()
  .trim()
  .min(10)
  .refine((d) => d.length <= MAX_DESCRIPTION);
/** A label before a permit number ("nomor permohonan saya", "no. registrasi", "no izin:"). */
const PERMIT_LABEL = /^\s*(?:(?:nomor|nomer|nmr|no)\.?\s*(?:izin|ijin|permohonan|registrasi|reg|pendaftaran|berkas)?(?:nya)?(?:\s+(?:saya|sy|kami))?(?:\s+(?:adalah|yaitu))?\s*[:=-]?\s+)(?=[A-Za-z0-9./_-]*\d)/i;
const PERMIT_SHAPE = /^[A-Za-z0-9][A-Za-z0-9 ./\-_]{2,}$/;
/** A label before a name ("nama:", "nama saya", "nama sy adalah", "my name is"). */
const NAME_LABEL = /^\s*(?:(?:nama(?:nya| saya| sy| aku| lengkap)?(?: adalah)?|my name is|name)\s*[:=-]?\s+|nama\s*[:=-]\s*)(?=\p{L})/iu;
// (a company or a role in brackets, "I Gusti Ngurah Rai (PT Sinar Tabanan)", and "&" or "/" between two names)
const NAME_SHAPE = /^\p{L}[\p{L} .,'"“”‘’()&/-]+$/u;
// (dots and brackets as people group the digits: "0857.3811.2020", "(0361) 81234")
const PHONE_SHAPE = /^\+?\(?[0-9][0-9 ().-]{6,20}$/;
const PermitNumber = z
  .string()
  .trim()
  .max(MAX_PERMIT_NUMBER)
  .regex(PERMIT_SHAPE)
  .refine((s) => /\d/.test(s));
const Name = z
  .string()
  .trim()
  .max(MAX_NAME)
  .regex(NAME_SHAPE);
const Phone = z
  .string()
  .trim()
  .regex(PHONE_SHAPE)
  .refine((s) => {
    const digits = s.replace(/\D/g, '').length;
    return digits >= 8 && digits <= 15;
  });
/** An email address or a phone number inside a sentence (the first one). */
const CONTACT_INSIDE = /[^\s@,;:()<>]+@[^\s@,;:()<>]+\.[A-Za-z]{2,}|\+?\d[\d ().-]{6,18}\d/;
const Contact = z.union([Phone, z.string().trim().max(MAX_CONTACT).pipe(z.email())]);

/**
 * Necessary conditions of the schemas above, checked first: most messages in the form are no permit number,
 * name or contact, and a failed zod parse (which builds its issues) costs several times this. Only what the
 * schema would refuse anyway is refused here; the schema decides the rest.
 */
const mayBe = {
  description: (text: string) => text.trim().length >= 10,
  // A permit number is ASCII (its shape), so its length in code points (zod's max) is its length, and it has
  // a digit (the schema's refinement): words alone ("izin saya lama") are refused here, not by a failed parse.
  permit: (text: string) => {
    const s = text.trim();
    return s.length <= MAX_PERMIT_NUMBER && PERMIT_SHAPE.test(s) && /\d/.test(s);
  },
  name: (text: string) => NAME_SHAPE.test(text.trim()),
  contact: (text: string) => {
    const s = text.trim();
    return PHONE_SHAPE.test(s) || s.includes('@');
  },
};

/** Validate the answer for the current step; returns a re-ask key when it does not fit. */
function accept(data: ComplaintFlowData, text: string): string | undefined {
  switch (data.step) {
    case 'description': {
      const p = mayBe.description(text) ? Description.safeParse(text) : undefined;
      if (!p?.success) return text.length > MAX_DESCRIPTION ? 'complaint.invalid.description.long' : 'complaint.invalid.description';
      data.description = p.data.replace(/\s+/g, ' ');
      return undefined;
    }
    case 'permit': {
      // "Nomor permohonan saya PBG/2020/IX/0178", "no. registrasi REG-2020-0912": the number, without its label.
      const numbered = text.replace(PERMIT_LABEL, '');
      const p = mayBe.permit(numbered) ? PermitNumber.safeParse(numbered) : undefined;
      if (!p?.success) return 'complaint.invalid.permit';
      data.permitNumber = p.data;
      return undefined;
    }
    case 'name': {
      if (YES_NO.test(text)) return 'complaint.invalid.name';
      // "nama: I Wayan Sukarta", "Nama saya Ir. I Ketut Suardana", "my name is …": the name, without its label.
      const named = text.replace(NAME_LABEL, '');
      const p = mayBe.name(named) ? Name.safeParse(named) : undefined;
      if (!p?.success) return 'complaint.invalid.name';
      data.name = p.data.replace(/\s+/g, ' ');
      return undefined;
    }
    case 'contact': {
      // The whole answer, else the number or address inside a sentence ("wa ini aja 085738112093", "email sy: a@b.id ya").
      const parse = (s: string) => (mayBe.contact(s) ? Contact.safeParse(s) : undefined);
      // ("ayu.putu88 @ gmail . com": an address typed with spaces around its signs is that address)
      const spelled = SPELLED_EMAIL.test(text) ? text.trim().replace(/\s+dot\s+/gi, '.').replace(/\s+at\s+/i, '@') : SPOKEN_NUMBER.test(text) ? spokenDigits(text) : text;
      const spaced = /^\s*\S+(?:\s*[@.]\s*\S+)+\s*$/.test(spelled) && spelled.includes('@') ? spelled.replace(/\s*([@.])\s*/g, '$1').trim() : spelled;
      let p = parse(spaced);
      const inside = p?.success ? undefined : CONTACT_INSIDE.exec(text)?.[0];
      if (inside !== undefined) p = parse(inside);
      if (!p?.success) return 'complaint.invalid.contact';
      data.contact = p.data;
      return undefined;
    }
    case 'confirm':
      return 'complaint.invalid.confirm';
  }
}

/** Words that make a question at the description step a complaint's own ("kenapa berkas sy blm diproses?"). */
const WORD_OF_A_PROBLEM = /\b(?:kenapa|knp|kok|lama|lambat|belum|blm|tidak|tdk|gak|ga|gk|nggak|kasar|ditolak|minta|bayar|uang|pungli|calo|hilang|salah|rusak|error|susah|sulit)\b/i;
/** Words that withhold a number in a sentence ("no permohonannya sy lupa pak, ada di rumah", "blm dpt nomor"). */
const WITHHOLDS = /\b(?:lupa|belum|blm|blom|tidak|tdk|gak|ga|gk|nggak|ngga|enggak|tanpa|hilang|none|don'?t|no)\b/i;
/** Words naming the number asked for at the permit step ("no permohonannya", "nomor izin", "nmr"); not "no" alone ("no telp kantor brp" asks for the office's). */
const NUMBER_WORD = /\b(?:nomor|nomer|nmr|nomornya|nomernya|permohonan\w*|registrasi|number)\b/i;
/** An Indonesian mobile number as typed ("0813 3745 2210", "+62 812-…"); a permit number of digits alone is not one. */
const MOBILE = /^\s*(?:\+?62|0)8[0-9 -]{7,16}\s*$/;
/** A name as people type it at the wrong step: one to four capitalised words ("Nyoman Astawa", "Gede"). */
const TYPED_NAME = /^\s*\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,3}\s*$/u;
/** Capitalised words that answer rather than name ("Ya", "Oke", "Lewati"). */
const NOT_A_NAME = /^\s*(?:ya|iya|tidak|oke|ok|siap|baik|makasih|terima kasih|halo|hai|lewati|skip|kirim|batal|menu|stop)\b/i;

/**
 * At the permit step people often say in a sentence that they have no number, or answer ahead: their name, their
 * phone. A permit number always holds a digit, so a digitless sentence that withholds it skips the number; a name
 * typed there is the name (the number left empty); a mobile number or an email is the contact. Returns whether
 * the answer was taken so.
 */
function answeredAhead(data: ComplaintFlowData, text: string, message: InboundMessage): boolean {
  const digitless = !/\d/.test(text);
  if (digitless && WITHHOLDS.test(text)) {
    advance(data, message);
    return true;
  }
  if (digitless && TYPED_NAME.test(text) && !NOT_A_NAME.test(text)) {
    const name = Name.safeParse(text);
    if (!name.success) return false;
    data.name = name.data.replace(/\s+/g, ' ');
    data.step = 'name';
    advance(data, message);
    return true;
  }
  const trimmed = text.trim();
  if (MOBILE.test(trimmed) || (/^\S+@\S+\.\S+$/.test(trimmed) && mayBe.contact(trimmed))) {
    const contact = Contact.safeParse(trimmed);
    if (!contact.success) return false;
    data.contact = contact.data;
    data.step = 'name';
    return true;
  }
  return false;
}

/** Start the filing form (intent `complaint.file`). A first message that already says what is wrong is the description. */
export function startComplaint(ctx: StartCtx): FlowResult {
  const { k, message, session } = ctx;
  const t = new Translator(k.locales, ctx.language);
  const body = ctx.text.replace(/^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?\s*/, '');
  const data: ComplaintFlowData = {
    draftId: draftIdFor(message, session, k.now),
    step: 'description',
    description: null,
    permitNumber: null,
    name: null,
    contact: null,
    contactFromPlatform: false,
    attachments: [],
    language: ctx.language,
  };
  const replies: Reply[] = [];
  const kept = keepAttachments(data, message);
  if (looksLikeDescription(body) && !ASKS_WHERE_TO_COMPLAIN.test(body) && !HOW_TO_COMPLAIN.test(body) && !accept(data, body)) {
    advance(data, message);
    replies.push(t.reply('complaint.start.noted'));
  } else {
    replies.push(t.reply('complaint.start'));
  }
  if (kept > 0) replies.push(t.reply('complaint.attachment.received', { count: data.attachments.length }));
  replies.push(...ask(t, k, data));
  return { replies, session: flowOf(data, k.now.toISOString()) };
}

/** The status question (intent `complaint.status`): a lookup when the message names a ticket, else ask for it. */
export function startStatus(ctx: StartCtx): FlowResult {
  const ticket = findTicket(ctx.text);
  if (ticket) return { replies: [], effects: [lookup(ticket)] };
  const t = new Translator(ctx.k.locales, ctx.language);
  return {
    replies: [t.reply('complaint.status.ask')],
    session: { flow: { kind: STATUS_FLOW, startedAt: ctx.k.now.toISOString(), data: { attempts: 0 } } },
  };
}

/** Whether `text` is a valid answer to an optional step (a permit number, a name, a contact). */
function answersStep(step: StepName | 'status', text: string): boolean {
  if (step === 'permit') return mayBe.permit(text) && PermitNumber.safeParse(text).success;
  if (step === 'name') return mayBe.name(text) && Name.safeParse(text).success;
  if (step === 'contact') return mayBe.contact(text) && Contact.safeParse(text).success;
  return false;
}

/** Whether a message inside the form is really another question (answered, then the form resumes). */
function isDetour(ctx: FlowCtx, step: StepName | 'status'): boolean {
  const { c, text } = ctx;
  // A bare menu number is a menu choice, never an answer: nobody's permit number or name is "2".
  if (step !== 'confirm' && ctx.menuPick) return true;
  if (c.intent === 'None' || c.intent.startsWith('complaint.') || c.score < DETOUR_MIN_SCORE) return false;
  if (step === 'confirm') return true;
  if (SOCIAL.has(c.intent) && wordCount(text) <= 3) return true;
  // A description may well mention the closure or OSS; only a short question is taken as a detour there.
  // (a longer one too when it asks something plain with no word of a problem: "eh btw kantor buka jam brp ya?")
  if (step === 'description') return isQuestion(text) && (wordCount(text) <= 6 || (wordCount(text) <= 12 && /\?\s*$/.test(text) && !WORD_OF_A_PROBLEM.test(text)));
  // An optional step: anything confidently about something else ("no telp kantor brp", "formulir siup") is
  // a detour unless it also reads as a valid answer here, so nobody gets stuck re-asked for a permit number.
  // (a contact given with its label, "No Hp 0852 3798 1122", "wa: 0812…", is the answer, however "no hp" reads)
  if (step === 'contact' && !isQuestion(text) && CONTACT_INSIDE.test(text)) return false;
  // ("wa aja ke nomor ini" is this chat, an answer here however "wa" reads)
  if (step === 'contact' && THIS_CHAT.test(text)) return false;
  return isQuestion(text) || !answersStep(step, text);
}

/**
 * Continue a form in progress, or undefined when the session's flow is not one of ours.
 * A flow record that no longer validates is dropped (with an apology) instead of blocking the person.
 */
export function continueFlow(ctx: FlowCtx): FlowTurn | undefined {
  const flow = ctx.session.flow;
  if (!flow) return undefined;
  if (flow.kind === COMPLAINT_FLOW) return continueComplaint(ctx, flow.data, flow.startedAt);
  if (flow.kind === STATUS_FLOW) return continueStatus(ctx, flow.data);
  return undefined;
}

function continueComplaint(ctx: FlowCtx, raw: unknown, startedAt: string): FlowTurn {
  const { k, message, text } = ctx;
  const parsed = readState(raw);
  if (!parsed.success) {
    const t = new Translator(k.locales, ctx.language);
    return { kind: 'release', before: [t.reply('complaint.flow.lost')], session: { flow: undefined } };
  }
  const data = parsed.data;
  const t = new Translator(k.locales, data.language);
  if (CANCEL.test(text)) {
    return { kind: 'handled', result: { replies: [t.reply('complaint.cancelled')], session: { flow: undefined } } };
  }
  if (MENU_WORD.test(text)) return { kind: 'release', before: [t.reply('complaint.cancelled')], session: { flow: undefined } };
  // "eh bentar, sy mau ngobrol sm petugas aja": a person instead of the form; the form is left, the bot takes the
  // request for a person (never stored as the complaint's description).
  if (ONLY_A_PERSON_ASKED.test(text)) return { kind: 'release', before: [t.reply('complaint.cancelled')], session: { flow: undefined } };
  const replies: Reply[] = [];
  const hadAttachments = (message.attachments?.length ?? 0) > 0;
  if (hadAttachments) {
    const kept = keepAttachments(data, message);
    replies.push(
      kept > 0
        ? t.reply('complaint.attachment.received', { count: data.attachments.length })
        : t.reply('complaint.attachment.full', { max: MAX_ATTACHMENTS }),
    );
  }
  const done = (more: Reply[]): FlowTurn => ({
    kind: 'handled',
    result: { replies: [...replies, ...more], session: flowOf(data, startedAt) },
  });
  if (!text) return done(ask(t, k, data));

  if (data.step === 'confirm') {
    if (isYes(text)) {
      const draft = ComplaintDraft.safeParse({
        draftId: data.draftId,
        description: data.description,
        permitNumber: data.permitNumber,
        name: data.name,
        contact: data.contact,
        category: suggestCategory(data.description ?? ''),
        attachments: data.attachments,
        language: data.language,
      });
      if (!draft.success) {
        // Only reachable with a hand-edited session: start the questions again rather than store bad data.
        data.step = 'description';
        return done([t.reply('complaint.invalid.description'), ...ask(t, k, data)]);
      }
      // The form stays at "confirm" until the runtime has stored the complaint (it then clears the form).
      return { kind: 'handled', result: { replies, effects: [create(draft.data)], session: flowOf(data, startedAt) } };
    }
    if (EDIT.test(text)) {
      // Filled in again from the start: what is withheld this time is empty, not the earlier answer.
      data.step = 'description';
      data.description = null;
      data.permitNumber = null;
      data.name = null;
      if (!data.contactFromPlatform) data.contact = null;
      return done([t.reply('complaint.edit'), ...ask(t, k, data)]);
    }
  } else if (data.step === 'contact' && THIS_CHAT.test(text)) {
    // "wa aja ke nomor ini": the number the platform gave where it gives one; elsewhere this chat, where the status
    // is sent anyway (no contact stored).
    if (message.phone) {
      data.contact = message.phone;
      data.contactFromPlatform = true;
    }
    advance(data, message);
    return done(ask(t, k, data));
  } else if (data.step !== 'description' && isSkip(text)) {
    advance(data, message);
    return done(ask(t, k, data));
  }

  // "no permohonannya sy lupa pak, ada di rumah" names the number it withholds: an answer, however the network
  // reads it (it names the office's contacts' words too), never a detour.
  if (data.step === 'permit' && !isQuestion(text) && NUMBER_WORD.test(text) && answeredAhead(data, text, message)) return done(ask(t, k, data));
  if (isDetour(ctx, data.step)) {
    return { kind: 'detour', after: [...replies, t.reply('complaint.resume'), ...ask(t, k, data)], session: flowOf(data, startedAt) };
  }
  if (data.step === 'description' && isSkip(text)) {
    return done([t.reply('complaint.invalid.description.required'), ...ask(t, k, data)]);
  }
  if (data.step === 'permit' && answeredAhead(data, text, message)) return done(ask(t, k, data));
  const problem = accept(data, text);
  if (problem) return done([t.reply(problem, { max: MAX_DESCRIPTION }), ...(data.step === 'confirm' ? [t.reply('complaint.ask.confirm')] : ask(t, k, data))]);
  advance(data, message);
  return done(ask(t, k, data));
}

function continueStatus(ctx: FlowCtx, raw: unknown): FlowTurn {
  const { k, text } = ctx;
  const t = new Translator(k.locales, ctx.session.language ?? ctx.language);
  const ticket = findTicket(text);
  if (ticket) {
    return { kind: 'handled', result: { replies: [], effects: [lookup(ticket)], session: { flow: undefined } } };
  }
  if (CANCEL.test(text)) {
    return { kind: 'handled', result: { replies: [t.reply('complaint.status.cancelled')], session: { flow: undefined } } };
  }
  if (ctx.c.intent !== 'None' && ctx.c.score >= DETOUR_MIN_SCORE) {
    return { kind: 'release', before: [], session: { flow: undefined } };
  }
  const attempts = (StatusFlowData.safeParse(raw).data?.attempts ?? 0) + 1;
  if (attempts >= 2) {
    return {
      kind: 'handled',
      result: { replies: [t.reply('complaint.status.giveup', { callcenter: callCenter(t, k.office) })], session: { flow: undefined } },
    };
  }
  return {
    kind: 'handled',
    result: {
      replies: [t.reply('complaint.status.invalid')],
      session: { flow: { kind: STATUS_FLOW, startedAt: k.now.toISOString(), data: { attempts } } },
    },
  };
}
