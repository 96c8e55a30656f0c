/**
 * One dialogue step: (message, classification, session, knowledge) → (new session, replies, effects).
 * Pure and synchronous: no I/O, no clock (the clock is `knowledge.now`), no platform names.
 */
import type { Classification, IntentName, Language } from '../nlu/types.js';
import * as answers from './answers.js';
import { isBareTicket } from '../complaints/tickets.js';
import { CITIZEN_COMMANDS, isStopWord, parseCommand, START_PAYLOADS, type Command } from './commands.js';
import { COMPLAINT_FLOW, continueFlow, startComplaint, startStatus, type StartCtx } from './flows/complaint.js';
import type { Effect } from './effects.js';
import type { Knowledge } from './knowledge.js';
import { Translator } from './locale.js';
import { menuChoice, menuReply } from './menu.js';
import { parseStaffCommand, STAFF_COMMANDS } from './staff.js';
import type { InboundMessage, Reply } from './message.js';
import type { Session } from './session.js';

/** Who is talking, as the runtime established it (the staff allow-list is checked by platform id). */
export interface Caller {
  staff: boolean;
}

/** The outcome of one step. Replies are sent only after every effect has succeeded. */
export interface TurnResult {
  session: Session;
  replies: Reply[];
  effects: Effect[];
  /** The intent that drove the turn (from a command, a menu number or classification). */
  intent: IntentName;
  score: number;
  language: Language;
}

/** What a handler returns; the step adds the bookkeeping. */
interface Handled {
  replies: Reply[];
  effects?: Effect[];
  session?: Partial<Session>;
}

/** State shared by the handlers of one step. */
interface Ctx {
  t: Translator;
  k: Knowledge;
  session: Session;
  message: InboundMessage;
  normalised: string;
  caller: Caller;
}

/** Cut-off for what counts as a real message: longer ones are answered, but classified on their start. */
const MAX_WORDS_FOR_LANGUAGE_SWITCH = 2;

function pickLanguage(c: Classification, session: Session, text: string): Language {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  // Short or unclear messages ("ok", "3", "🙏") keep the language of the conversation.
  if (c.intent === 'None' && words < MAX_WORDS_FOR_LANGUAGE_SWITCH) return session.language ?? 'id';
  if (words < MAX_WORDS_FOR_LANGUAGE_SWITCH && c.language === 'en' && session.language === 'id') return 'id';
  return c.language;
}

function isIdle(session: Session, k: Knowledge): boolean {
  return session.turns > 0 && k.now.getTime() - Date.parse(session.touchedAt) > k.sessionIdleMs;
}

/** Closure answers offer subscribing to announcements, once per person. */
function offerSubscription(ctx: Ctx, h: Handled): Handled {
  if (ctx.session.subscribeOffered || ctx.k.closure.closedServices.length === 0) return h;
  return {
    ...h,
    replies: [...h.replies, ctx.t.reply('subscribe.offer')],
    session: { ...h.session, subscribeOffered: true },
  };
}

function fallback(ctx: Ctx): Handled {
  const streak = ctx.session.noneStreak + 1;
  if (streak === 1) {
    return { replies: [menuReply(ctx.t, 'fallback.first')], session: { noneStreak: streak } };
  }
  return {
    replies: [ctx.t.reply('fallback.repeat', { callcenter: answers.callCenter(ctx.t, ctx.k.office) })],
    session: { noneStreak: streak },
  };
}

function greeting(ctx: Ctx): Handled {
  const bali = /\bswastiastu\b|\brahajeng\b/.test(ctx.normalised);
  return { replies: [menuReply(ctx.t, bali ? 'greeting.bali' : 'greeting', { office: ctx.k.office.shortName })] };
}

/** What a complaint flow needs to start from this turn. */
function flowStart(ctx: Ctx): StartCtx {
  return { k: ctx.k, session: ctx.session, message: ctx.message, text: ctx.message.text.trim(), language: ctx.t.language };
}

/** The handler of each intent. */
function handleIntent(intent: IntentName, ctx: Ctx): Handled {
  const { t, k, normalised } = ctx;
  switch (intent) {
    case 'greeting':
      return greeting(ctx);
    case 'help':
      return { replies: [menuReply(t, 'help.intro', { office: k.office.shortName })] };
    case 'thanks':
      return { replies: [t.reply(/\bsuksma\b/.test(normalised) ? 'thanks.bali' : 'thanks')] };
    case 'goodbye':
      return { replies: [t.reply('goodbye')] };
    case 'closure.status':
      return offerSubscription(ctx, { replies: answers.closureStatus(t, k, normalised) });
    case 'closure.duration':
      return offerSubscription(ctx, { replies: answers.closureDuration(t, k, normalised) });
    case 'closure.reason':
      return offerSubscription(ctx, { replies: answers.closureReason(t, k, normalised) });
    case 'service.online':
      return { replies: answers.serviceOnline(t, k, normalised) };
    case 'form.request':
      return { replies: answers.formRequest(t, k, normalised) };
    case 'oss.registration':
      return { replies: answers.ossRegistration(t, k, normalised) };
    case 'field_verification':
      return { replies: answers.fieldVerification(t, k, normalised) };
    case 'contact.info':
      return { replies: answers.contactInfo(t, k, normalised) };
    case 'office.hours':
      return { replies: answers.officeHours(t, k, normalised) };
    case 'consultation':
      return { replies: answers.consultation(t, k, normalised) };
    case 'complaint.file':
      return startComplaint(flowStart(ctx));
    case 'complaint.status':
      return startStatus(flowStart(ctx));
    case 'subscribe':
      return {
        replies: [t.reply('subscribe.done', { office: k.office.shortName })],
        effects: [{ kind: 'subscription.set', subscribed: true, via: 'chat' }],
        session: { subscribeOffered: true },
      };
    case 'unsubscribe':
      return {
        replies: [t.reply('unsubscribe.done')],
        effects: [{ kind: 'subscription.set', subscribed: false, via: 'chat' }],
      };
    case 'ack': // dialogue: issue 10
    case 'office.staffing': // dialogue: issue 10
    case 'permit.pickup': // dialogue: issue 10
    case 'referral': // dialogue: issue 10
    case 'application.stalled': // dialogue: issue 10
    case 'None':
      return fallback(ctx);
  }
}

/** A staff command: refused (as if unknown) off the allow-list, a usage reply when invalid, else an effect. */
function staffCommand(name: string, args: string, ctx: Ctx): Handled {
  const { t } = ctx;
  if (!ctx.caller.staff) return { replies: [t.reply('staff.refused')] };
  const parsed = parseStaffCommand(name, args);
  if (!parsed || !parsed.ok) {
    return { replies: [t.reply('staff.usage', { command: `/${name}`, problem: parsed && !parsed.ok ? parsed.problem : '' })] };
  }
  if (parsed.command.name === 'staf') {
    const lines = Object.keys(STAFF_COMMANDS).map((n) => `/${n} ${t.has(`staff.help.${n}`) ? t.text(`staff.help.${n}`) : ''}`);
    return { replies: [t.reply('staff.help', { lines: lines.join('\n') })] };
  }
  return { replies: [], effects: [{ kind: 'staff.command', command: parsed.command }] };
}

/** Resolve what the message asks for before classification: commands, STOP, menu numbers. */
function directIntent(text: string, command: Command | undefined): { intent: IntentName; unknownCommand?: string } | undefined {
  if (command) {
    if (command.name === 'start' && command.args) {
      const payload = START_PAYLOADS[command.args.toLowerCase()];
      if (payload) return { intent: payload };
    }
    const intent = CITIZEN_COMMANDS[command.name];
    return intent ? { intent } : { intent: 'help', unknownCommand: command.name };
  }
  if (isStopWord(text)) return { intent: 'unsubscribe' };
  const choice = menuChoice(text);
  return choice ? { intent: choice } : undefined;
}

/**
 * Run one dialogue step.
 * @param message what the person sent
 * @param c the classification of `message.text`
 * @param session the person's session (a fresh one for a first message)
 * @param k knowledge of this turn
 * @param caller who is talking
 */
export function step(
  message: InboundMessage,
  c: Classification,
  session: Session,
  k: Knowledge,
  caller: Caller = { staff: false },
): TurnResult {
  const idle = isIdle(session, k);
  const base: Session = idle ? { ...session, flow: undefined, noneStreak: 0 } : session;
  const text = message.text.trim();
  let language = pickLanguage(c, base, text);
  const t = new Translator(k.locales, language);
  const ctx: Ctx = { t, k, session: base, message, normalised: c.normalised, caller };
  const notices: Reply[] = idle && session.flow ? [t.reply('session.expired.flow')] : [];

  let intent: IntentName = c.intent;
  let score = c.score;
  let handled: Handled;
  const command = text ? parseCommand(text) : undefined;
  const direct = text ? directIntent(text, command) : undefined;
  // A name both lists know (`/aduan`: citizens file, staff list) is the staff command only for staff.
  const isStaffCommand =
    command !== undefined && command.name in STAFF_COMMANDS && (caller.staff || !(command.name in CITIZEN_COMMANDS));
  // A form in progress sees the message first (a staff member's staff commands excepted, so a citizen's
  // "/batal" cancels the form): its answer, a detour or the end of the form.
  const flowTurn = isStaffCommand && caller.staff ? undefined : continueFlow({ k, session: base, message, text, c, language });
  if (flowTurn?.kind === 'handled') {
    intent = base.flow?.kind === COMPLAINT_FLOW ? 'complaint.file' : 'complaint.status';
    score = 1;
    language = base.language ?? language;
    handled = flowTurn.result;
  } else if (isStaffCommand && command) {
    intent = 'None';
    score = 1;
    handled = staffCommand(command.name, command.args, ctx);
  } else if (!text && !message.attachments?.length) {
    handled = { replies: [t.reply('input.empty')] };
  } else if (!text) {
    handled = { replies: [t.reply('input.media')] };
  } else if (direct) {
    intent = direct.intent;
    score = 1;
    handled = direct.unknownCommand
      ? { replies: [menuReply(t, 'command.unknown', { command: `/${direct.unknownCommand}` })] }
      : handleIntent(intent, ctx);
  } else {
    if (isBareTicket(text)) intent = 'complaint.status';
    handled = handleIntent(intent, ctx);
  }
  if (flowTurn?.kind === 'detour') {
    handled = { ...handled, replies: [...handled.replies, ...flowTurn.after], session: { ...handled.session, ...flowTurn.session } };
  } else if (flowTurn?.kind === 'release') {
    handled = { ...handled, replies: [...flowTurn.before, ...handled.replies], session: { ...flowTurn.session, ...handled.session } };
  }

  const next: Session = {
    ...base,
    noneStreak: 0,
    ...handled.session,
    language,
    turns: base.turns + 1,
    touchedAt: k.now.toISOString(),
  };
  return {
    session: next,
    replies: [...notices, ...handled.replies],
    effects: handled.effects ?? [],
    intent,
    score,
    language,
  };
}
