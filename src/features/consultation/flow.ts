/**
 * The consultation as a dialogue (pure: no I/O, the clock is `k.now`, no platform names).
 *
 * Asking (`session.flow.kind = 'consultation'`): the question (the first message itself when it is one, else
 * asked for) → summary, who reads it, confirmation. "ya" asks the runtime to store it (`consultation.create`,
 * keyed by the draft id); the number and the expectation are given only once it is stored.
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
import { closureUntil } from '../../kernel/office-text.js';
import type { ConsultationEffect } from './effects.js';
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

const CANCEL = /^\s*\/?(batal|batalkan|cancel|tidak jadi|gak jadi|ga jadi|nggak jadi)(?:@[A-Za-z0-9_]+)?\s*[.!]*\s*$/i;
/** What returns a citizen from a person to the bot. */
const LEAVE = /^\s*\/?(batal|batalkan|cancel|menu|start|stop|selesai|keluar|exit)(?:@[A-Za-z0-9_]+)?\s*[.!]*\s*$/i;
const YES = /^\s*\/?(ya|iya|y|yes|ok|oke|okay|kirim|kirimkan|send|benar|betul|setuju)\s*[.!]*\s*$/i;
const EDIT = /^\s*\/?(ubah|edit|change|ganti|ulang|ulangi)\s*[.!]*\s*$/i;
/** A rating: a digit 1–5 first, then an optional remark ("4 cepat dijawab", "5/5", "3. lumayan"). */
const RATING = /^\s*([1-5])(?:\s*\/\s*5)?(?![0-9])[\s.,:;!)-]*([\s\S]*)$/;

/** Words that only ask for a person; a message with enough other words is the question itself. */
const FILLER = new Set(
  (
    'saya aku sy mau ingin pengen hendak bisa boleh tolong dong min admin kak pak bu mas mbak halo hai mohon ya nih ini ' +
    'di ke dengan sama untuk yang dan konsultasi berkonsultasi bicara ngobrol chat tanya bertanya nanya petugas operator ' +
    'orang manusia cs staf staff pegawai langsung live agen agent i want to talk speak with a an the person human please ' +
    'can could consultation consult ask'
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

function confirm(ctx: TurnCtx, data: FlowData): Reply[] {
  const { t } = ctx;
  return [
    t.reply('consultation.summary', { question: data.question ?? '' }),
    t.reply('consultation.privacy', { office: ctx.k.office.shortName, days: ctx.k.complaintRetentionDays ?? 730 }),
    t.reply('consultation.ask.confirm'),
  ];
}

const effect = (e: ConsultationEffect): Effect => e;

/** A question about face-to-face consultation at the office itself (is it still open?). */
const ABOUT_THE_COUNTER = /tatap muka|face[- ]to[- ]face|offline|\bmasih\b|\bbuka\b|\btutup\b|\bdatang\b|in person/i;

/** Whether face-to-face consultation runs now, from the closure status. */
function counterState(ctx: TurnCtx): Reply {
  const closed = ctx.k.closure.closedServices.includes('consultation');
  const state = closed ? ctx.t.text('service.state.closed', { until: closureUntil(ctx.t, ctx.k.closure, ctx.k.office) }) : ctx.t.text('service.state.open');
  return ctx.t.reply('consultation.state', { state });
}

/** The intent `consultation` (also `/konsultasi`, the start payload): a status lookup, or the asking form. */
export const startConsultation: IntentHandler = (ctx) => {
  const number = findNumber(ctx.text);
  if (number) return { replies: [], effects: [effect({ kind: 'consultation.lookup', number })] };
  const first = ABOUT_THE_COUNTER.test(ctx.text) ? [counterState(ctx)] : [];
  const body = ctx.text
    .replace(/^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?\s*/, '')
    .replace(/^(konsultasi|consultation)\b[\s:,.-]*/i, '')
    .trim();
  const data: FlowData = {
    draftId: draftIdFor(ctx),
    step: 'question',
    question: null,
    language: ctx.t.language,
    botLastReply: ctx.session.lastReply ?? null,
  };
  if (looksLikeQuestion(body) && body.length <= MAX_TEXT) {
    data.question = body;
    data.step = 'confirm';
    return { replies: [...first, ctx.t.reply('consultation.start.noted'), ...confirm(ctx, data)], session: flowOf(data, ctx.k.now.toISOString()) };
  }
  return { replies: [...first, ctx.t.reply('consultation.ask.question')], session: flowOf(data, ctx.k.now.toISOString()) };
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
  if (data.step === 'question') {
    if (text.length < 5) return stay([t.reply('consultation.invalid.question')]);
    data.question = text.slice(0, MAX_TEXT);
    data.step = 'confirm';
    return stay(confirm(ctx, data));
  }
  if (YES.test(text) && data.question) {
    const draft = { draftId: data.draftId, question: data.question, language: data.language, botLastReply: data.botLastReply };
    // The form stays until the runtime has stored the consultation (it then clears it).
    return stay([], [effect({ kind: 'consultation.create', draft })]);
  }
  if (EDIT.test(text)) {
    data.step = 'question';
    return stay([t.reply('consultation.ask.question')]);
  }
  return stay([t.reply('consultation.ask.confirm')]);
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
  const state = ConsultationState.safeParse(ctx.k.features?.[STATE_KEY]);
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
