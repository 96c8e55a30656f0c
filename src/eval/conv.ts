/**
 * The conversation evaluation (`npm run conv:eval`): a suite of multi-turn conversations (format:
 * test/conv/blind/SCHEMA.md) run through the real application, each turn judged on behaviour, never on wording:
 * - `topic` by the locale keys the replies were rendered from (`Reply.key`), mapped to topics in `TOPIC_KEYS`;
 * - `mentions` / `not_mentions` by the reply text, case-insensitive;
 * - `state` and `no_state_change` by what the store holds before and after the turn.
 * This module is pure (schema, topic map, judge); `run.ts` drives the application.
 */
import { z } from 'zod';

/** Every topic of the suite format. */
export const TOPICS = [
  'greeting',
  'menu',
  'thanks',
  'goodbye',
  'ack',
  'closure_status',
  'closure_until',
  'closure_reason',
  'online_services',
  'forms',
  'oss',
  'field_verification',
  'contact',
  'office_hours',
  'staffing',
  'pickup',
  'referral',
  'out_of_scope',
  'complaint_form',
  'complaint_summary',
  'complaint_filed',
  'complaint_cancelled',
  'complaint_status',
  'consultation',
  'subscribed',
  'unsubscribed',
  'nothing_to_cancel',
  'not_understood',
] as const;
export type Topic = (typeof TOPICS)[number];

const TopicName = z.enum(TOPICS);

/** One expectation of a turn. */
export const Expectation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('topic'), is: TopicName.optional(), oneOf: z.array(TopicName).min(1).optional() }).refine((e) => (e.is === undefined) !== (e.oneOf === undefined), 'a topic expectation has exactly one of "is" and "oneOf"'),
  z.object({ kind: z.literal('mentions'), text: z.string().min(1) }),
  z.object({ kind: z.literal('not_mentions'), text: z.string().min(1) }),
  z.object({
    kind: z.literal('state'),
    subscribed: z.boolean().optional(),
    complaint_stored: z.boolean().optional(),
    consultation_stored: z.boolean().optional(),
    form: z.enum(['complaint', 'consultation', 'none']).optional(),
  }),
  z.object({ kind: z.literal('no_state_change') }),
]);
export type Expectation = z.infer<typeof Expectation>;

/** One conversation of a suite. */
export const Conversation = z.object({
  id: z.string().min(1),
  title: z.string().default(''),
  /** A channel module's name; the person's user key is `<channel>:<conversation id>`. */
  channel: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  setup: z
    .object({ closure: z.enum(['all', 'partial', 'open']).default('all'), subscribed: z.boolean().default(false) })
    .default({ closure: 'all', subscribed: false }),
  turns: z.array(z.object({ say: z.string(), expect: z.array(Expectation).min(1) })).min(1),
});
export type Conversation = z.infer<typeof Conversation>;

/** A suite file. */
export const Suite = z.object({ description: z.string().default(''), conversations: z.array(Conversation) });
export type Suite = z.infer<typeof Suite>;

/**
 * Which reply keys show a topic: an exact key, or a prefix ending in a dot (`referral.` covers every referral
 * reply). A turn shows a topic when any of its replies was rendered from one of these.
 */
export const TOPIC_KEYS: Readonly<Record<Topic, readonly string[]>> = {
  greeting: ['greeting', 'greeting.bali'],
  menu: ['help.intro', 'command.unknown'],
  thanks: ['thanks', 'thanks.bali'],
  goodbye: ['goodbye'],
  ack: ['ack', 'offer.declined'],
  closure_status: ['closure.all', 'closure.some', 'closure.none', 'closure.service.closed', 'closure.service.open'],
  closure_until: ['closure.duration', 'closure.duration.reopened', 'closure.none'],
  closure_reason: ['closure.reason', 'closure.reason.open'],
  online_services: ['online.intro', 'online.documents', 'closure.online', 'closure.service.online'],
  forms: ['form.one', 'form.all', 'form.other'],
  oss: ['oss.info', 'oss.topic'],
  field_verification: ['field.info'],
  contact: ['contact.info', 'contact.unknown'],
  office_hours: ['hours.info'],
  staffing: ['staffing.answer', 'staffing.unknown'],
  pickup: ['pickup.answer', 'pickup.open'],
  referral: ['referral.'],
  out_of_scope: ['fallback.first', 'fallback.repeat', 'fallback.elsewhere'],
  complaint_form: [
    'complaint.start',
    'complaint.start.noted',
    'complaint.ask.description',
    'complaint.ask.permit',
    'complaint.ask.name',
    'complaint.ask.contact',
    'complaint.edit',
    'complaint.resume',
    'complaint.invalid.',
  ],
  complaint_summary: ['complaint.summary'],
  complaint_filed: ['complaint.created', 'complaint.created.again'],
  complaint_cancelled: ['complaint.cancelled'],
  complaint_status: ['complaint.status.', 'complaint.lookup.'],
  // The stalled-application answer offers a person to ask (and a complaint after a yes): the consultation topic.
  consultation: ['consultation.', 'stalled.answer'],
  subscribed: ['subscribe.done'],
  unsubscribed: ['unsubscribe.done'],
  nothing_to_cancel: ['cancel.nothing'],
  not_understood: ['fallback.first', 'fallback.repeat', 'fallback.elsewhere'],
};

/** The topics a reply key shows. */
export function topicsOfKey(key: string): Topic[] {
  return TOPICS.filter((topic) => TOPIC_KEYS[topic].some((k) => (k.endsWith('.') ? key.startsWith(k) : key === k)));
}

/** What the store holds about the person, as the judge compares it. */
export interface StateSnapshot {
  subscribed: boolean;
  /** Complaints whose owner is the person. */
  complaints: number;
  /** Consultations stored for the person; undefined when an application has no consultation feature. */
  consultations: number | undefined;
  /** The form open after the turn. */
  form: 'complaint' | 'consultation' | 'none';
}

/** What one turn produced. */
export interface TurnObservation {
  /** Each reply's text. */
  texts: string[];
  /** Each reply's locale key (replies without one are left out). */
  keys: string[];
  before: StateSnapshot;
  after: StateSnapshot;
}

/** The judgement of one turn. */
export interface TurnVerdict {
  /** One line per expectation that failed. */
  failures: string[];
  /** Expectations that could not be judged here (a feature this application lacks). */
  skipped: string[];
}

const describeTopic = (e: { is?: Topic | undefined; oneOf?: Topic[] | undefined }): string => (e.is ? `topic ${e.is}` : `topic one of ${(e.oneOf ?? []).join('|')}`);

/** Judge one turn against its expectations. */
export function judgeTurn(expect: readonly Expectation[], obs: TurnObservation): TurnVerdict {
  const failures: string[] = [];
  const skipped: string[] = [];
  const shown = new Set(obs.keys.flatMap(topicsOfKey));
  const text = obs.texts.join('\n').toLowerCase();
  for (const e of expect) {
    switch (e.kind) {
      case 'topic': {
        const wanted = e.is ? [e.is] : (e.oneOf ?? []);
        if (!wanted.some((topic) => shown.has(topic))) failures.push(describeTopic(e));
        break;
      }
      case 'mentions':
        if (!text.includes(e.text.toLowerCase())) failures.push(`mentions "${e.text}"`);
        break;
      case 'not_mentions':
        if (text.includes(e.text.toLowerCase())) failures.push(`does not mention "${e.text}"`);
        break;
      case 'state': {
        if (e.subscribed !== undefined && obs.after.subscribed !== e.subscribed) failures.push(`subscribed: ${e.subscribed}`);
        if (e.complaint_stored !== undefined && obs.after.complaints > 0 !== e.complaint_stored) failures.push(`complaint_stored: ${e.complaint_stored}`);
        if (e.consultation_stored !== undefined) {
          if (obs.after.consultations === undefined) skipped.push('consultation_stored (no consultation feature)');
          else if (obs.after.consultations > 0 !== e.consultation_stored) failures.push(`consultation_stored: ${e.consultation_stored}`);
        }
        if (e.form !== undefined) {
          if (e.form === 'consultation' && obs.after.consultations === undefined) skipped.push('form: consultation (no consultation feature)');
          else if (obs.after.form !== e.form) failures.push(`form: ${e.form}`);
        }
        break;
      }
      case 'no_state_change': {
        const b = obs.before;
        const a = obs.after;
        if (b.subscribed !== a.subscribed || b.complaints !== a.complaints || b.consultations !== a.consultations) failures.push('no state change');
        break;
      }
    }
  }
  return { failures, skipped };
}

/** One failed turn, as the report prints it. */
export interface TurnFailure {
  conversation: string;
  /** 1-based. */
  turn: number;
  say: string;
  expected: string[];
  got: { keys: string[]; text: string; state: StateSnapshot };
}

/** The outcome of a suite. */
export interface SuiteReport {
  turns: number;
  right: number;
  failures: TurnFailure[];
  /** How many expectations were not judged, by reason. */
  skipped: Record<string, number>;
}

/** The report as text: the share of turns right, each failure, what was not judged. */
export function formatReport(report: SuiteReport, maxText = 220): string {
  const lines: string[] = [];
  const share = report.turns === 0 ? 0 : (100 * report.right) / report.turns;
  for (const f of report.failures) {
    lines.push(`✗ ${f.conversation} turn ${f.turn}: ${JSON.stringify(f.say)}`);
    lines.push(`    expected: ${f.expected.join('; ')}`);
    const text = f.got.text.replace(/\s+/g, ' ');
    const consultations = f.got.state.consultations === undefined ? '' : ` consultations=${f.got.state.consultations}`;
    lines.push(`    got: [${f.got.keys.join(', ')}] form=${f.got.state.form} subscribed=${f.got.state.subscribed} complaints=${f.got.state.complaints}${consultations}`);
    lines.push(`         ${text.length > maxText ? `${text.slice(0, maxText)}…` : text}`);
  }
  for (const [reason, n] of Object.entries(report.skipped)) lines.push(`not judged: ${n} × ${reason}`);
  lines.push(`turns right: ${report.right}/${report.turns} (${share.toFixed(1)}%)`);
  return lines.join('\n');
}
