/**
 * What the office tells citizens: greetings and the menu, what is closed and until when, what works online,
 * the forms, OSS, contact, hours, and the honest "not understood". Every answer comes from the office data
 * and the current closure status (`src/kernel/knowledge.ts`), worded by the locales.
 */
import type { FeatureDialogue, Handled, IntentHandler, TurnCtx } from '../../kernel/feature.js';
import { callCenter, closureUntil } from '../../kernel/office-text.js';
import * as answers from './answers.js';
import { menuChoice, menuReply } from './menu.js';

/** Asking to be told of the reopening ("bisa dikabari kalau sudah buka?", "let me know when it opens"). */
const ASKS_TO_BE_TOLD = /\b(?:dikabari|dikabarin|kabari|kabarin|diinfokan|diinfoin|diberitahu|diberi tahu|notify|let me know|tell me)\b/i;

/** Closure answers offer subscribing to announcements, once per person, where the channel can push. */
function offerSubscription(ctx: TurnCtx, h: Handled): Handled {
  // (made again to whoever asks to be told, "nanti bisa dikabari kalau sudah buka?", though offered before)
  if (!ctx.caller.canPush || (ctx.session.subscribeOffered && !ASKS_TO_BE_TOLD.test(ctx.text)) || ctx.k.closure.closedServices.length === 0) return h;
  return {
    ...h,
    replies: [...h.replies, ctx.t.reply('subscribe.offer')],
    // A bare "ya" next turn takes the offer up (the subscription then rests on that yes).
    session: { ...h.session, subscribeOffered: true, offer: 'subscribe' },
  };
}

/**
 * The first `None` gets the menu; repeated ones the call center. A message naming another agency's business
 * (KTP, SIM, BPJS, taxes) is told who handles it instead.
 */
const fallback: IntentHandler = (ctx) => {
  // Another agency's business: its answer is the topic a follow-up continues ("dmn itu?").
  if (answers.referralsOf(ctx.k.office, ctx.c.normalised).length > 0) {
    return { replies: answers.referral(ctx.t, ctx.k, ctx.c), session: { topic: { intent: 'referral', forms: [], services: [] } } };
  }
  if (answers.asksUnknownFact(ctx.c.normalised)) return { replies: answers.contactInfo(ctx.t, ctx.k, ctx.c) };
  // Another regency's office: said plainly which office this is (the next "kalo di Tabanan?" is answered).
  if (ctx.c.elsewhere) return { replies: [ctx.t.reply('fallback.elsewhere', { office: ctx.k.office.name, region: ctx.k.office.region })] };
  const streak = ctx.session.noneStreak + 1;
  if (streak === 1) return { replies: [menuReply(ctx.t, 'fallback.first')], session: { noneStreak: streak } };
  return {
    replies: [ctx.t.reply('fallback.repeat', { callcenter: callCenter(ctx.t, ctx.k.office) }), ctx.t.reply('consultation.offer')],
    session: { noneStreak: streak },
  };
};

const greeting: IntentHandler = (ctx) => {
  const bali = /\bswastiastu\b|\brahajeng\b/.test(ctx.c.normalised);
  return { replies: [menuReply(ctx.t, bali ? 'greeting.bali' : 'greeting', { office: ctx.k.office.shortName })] };
};

/** An answer function of `answers.ts` as an intent handler. */
const answer =
  (fn: answers.Answer): IntentHandler =>
  (ctx) => ({ replies: fn(ctx.t, ctx.k, ctx.c) });

/** A closure answer, with the one-time subscription offer. */
const closure =
  (fn: answers.Answer): IntentHandler =>
  (ctx) => offerSubscription(ctx, { replies: fn(ctx.t, ctx.k, ctx.c) });

/** The pure half of the information desk. */
export const infoDialogue = {
  intents: {
    greeting,
    help: (ctx) => ({ replies: [menuReply(ctx.t, 'help.intro', { office: ctx.k.office.shortName })] }),
    thanks: (ctx) => ({ replies: [ctx.t.reply(/\bsuksma\b/.test(ctx.c.normalised) ? 'thanks.bali' : 'thanks')] }),
    goodbye: (ctx) => ({ replies: [ctx.t.reply('goodbye')] }),
    'closure.status': closure(answers.closureStatus),
    'closure.duration': closure(answers.closureDuration),
    'closure.reason': closure(answers.closureReason),
    'service.online': answer(answers.serviceOnline),
    // Requirements, costs and durations the office data cannot settle: a person can answer them.
    'form.request': (ctx) => ({ replies: [...answers.formRequest(ctx.t, ctx.k, ctx.c), ctx.t.reply('consultation.offer')] }),
    'oss.registration': answer(answers.ossRegistration),
    field_verification: answer(answers.fieldVerification),
    'contact.info': answer(answers.contactInfo),
    'office.hours': answer(answers.officeHours),
    ack: (ctx) => ({ replies: [ctx.t.reply('ack')] }),
    'office.staffing': (ctx) => {
      const percent = ctx.k.closure.staffOnDutyPercent;
      const url = ctx.k.office.formsPage;
      return { replies: [percent === null ? ctx.t.reply('staffing.unknown', { url }) : ctx.t.reply('staffing.answer', { percent: `${percent}%`, url })] };
    },
    'permit.pickup': (ctx) => ({
      replies: [
        ctx.k.closure.closedServices.includes('permit')
          ? ctx.t.reply('pickup.answer', { callcenter: callCenter(ctx.t, ctx.k.office), until: closureUntil(ctx.t, ctx.k.closure, ctx.k.office) })
          : ctx.t.reply('pickup.open', { office: ctx.k.office.shortName }),
      ],
    }),
    referral: answer(answers.referral),
    // Offered, not started: a bare "ya" next turn opens the complaint form; a person to ask is offered too.
    'application.stalled': (ctx) => ({
      replies: [ctx.t.reply('stalled.answer', { callcenter: callCenter(ctx.t, ctx.k.office) }), ctx.t.reply('consultation.offer')],
      session: { offer: 'complaint.file' },
    }),
    None: fallback,
  },
  commands: {
    start: 'greeting',
    menu: 'help',
    bantuan: 'help',
    help: 'help',
    status: 'closure.status',
    formulir: 'form.request',
    kontak: 'contact.info',
    oss: 'oss.registration',
  },
  startPayloads: { formulir: 'form.request', status: 'closure.status' },
  // The bare word "menu" (no slash) is the menu, whatever the classifier makes of one word.
  preempt: (text: string) => (/^\s*(menu|bantuan)\s*[.!?]*\s*$/i.test(text) ? 'help' : undefined),
  menuPick: menuChoice,
  menu: menuReply,
} satisfies FeatureDialogue;

