/**
 * Runs a conversation suite through the real application (`createApp`): a fresh in-memory store per
 * conversation, a fixed clock (moved a little each turn), the office's closure as the conversation's setup says
 * (`all`: the office file's; `partial`: only permit services and field verification closed; `open`: nothing
 * closed), the person subscribed first when `setup.subscribed`. Each turn is judged by `judgeTurn`; what was
 * stored (subscription, complaints, consultations) is read from the store after the turn.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../app.js';
import { parseConfig } from '../config.js';
import type { Locales } from '../kernel/locale.js';
import type { OfficeData } from '../kernel/office.js';
import { replyText } from '../kernel/message.js';
import { silentLogger } from '../lib/log.js';
import type { NluClassifier } from '../nlu/classifier.js';
import { createMemoryStore } from '../store/store.js';
import { judgeTurn, type Conversation, type StateSnapshot, type Suite, type SuiteReport } from './conv.js';

/** The clock of every conversation's first turn: a Monday morning during the 2020 closure. */
export const EVAL_START = new Date('2020-09-21T01:30:00.000Z');
/** Services closed under `setup.closure: "partial"`. */
export const PARTIAL_CLOSURE = ['permit', 'field_verification'] as const;

/** What the runner needs (built once: training the classifier is the slow part). */
export interface RunnerDeps {
  office: OfficeData;
  locales: Locales;
  classifier: NluClassifier;
}

/** The office data with the closure a conversation's setup asks for. */
export function officeFor(office: OfficeData, closure: Conversation['setup']['closure']): OfficeData {
  if (closure === 'all') return office;
  const closedServices = closure === 'partial' ? [...PARTIAL_CLOSURE] : [];
  return { ...office, closure: { ...office.closure, closedServices } };
}

async function snapshot(app: App, userKey: string, now: Date): Promise<StateSnapshot> {
  const [subscription, session, open, consultations] = await Promise.all([
    app.announcements.subscriptions.get(userKey),
    app.conversation.sessions.get(userKey),
    app.complaints.service.listOpen(now),
    // Read from the store like the complaints: a consultation counts once it is stored, whatever was said.
    app.consultation.service.repo.list(),
  ]);
  const kind = session?.flow?.kind;
  return {
    subscribed: subscription?.subscribed ?? false,
    complaints: open.filter((c) => c.ownerKey === userKey).length,
    consultations: consultations.filter((c) => c.ownerKey === userKey).length,
    form: kind === 'complaint' ? 'complaint' : kind === 'consultation' ? 'consultation' : 'none',
  };
}

/** Run one conversation; adds its turns to `report`. */
async function runConversation(deps: RunnerDeps, conv: Conversation, report: SuiteReport): Promise<void> {
  let clock = EVAL_START.getTime();
  const now = (): Date => new Date(clock);
  const config = parseConfig({ DATA_DIR: join(tmpdir(), 'layanan-bot-conv-eval'), LOG_LEVEL: 'silent' });
  const app = createApp(config, silentLogger(), {
    office: officeFor(deps.office, conv.setup.closure),
    locales: deps.locales,
    classifier: deps.classifier,
    store: createMemoryStore(),
    now,
  });
  const userKey = `${conv.channel}:${conv.id}`;
  try {
    if (conv.setup.subscribed) await app.announcements.subscriptions.set(userKey, true, 'eval setup', now());
    for (const [i, turn] of conv.turns.entries()) {
      clock += 45_000;
      const before = await snapshot(app, userKey, now());
      const out = await app.conversation.turn({ userKey, text: turn.say, sentAt: now() });
      await app.idle();
      const after = await snapshot(app, userKey, now());
      const texts = out.replies.map(replyText);
      const keys = out.replies.flatMap((r) => (r.key ? [r.key] : []));
      const verdict = judgeTurn(turn.expect, { texts, keys, before, after });
      report.turns += 1;
      for (const s of verdict.skipped) report.skipped[s] = (report.skipped[s] ?? 0) + 1;
      if (verdict.failures.length === 0) report.right += 1;
      else report.failures.push({ conversation: conv.id, turn: i + 1, say: turn.say, expected: verdict.failures, got: { keys, text: texts.join(' | '), state: after } });
    }
  } finally {
    await app.close();
  }
}

/** Run every conversation of `suite` and judge each turn. */
export async function runSuite(deps: RunnerDeps, suite: Suite): Promise<SuiteReport> {
  const report: SuiteReport = { turns: 0, right: 0, failures: [], skipped: {} };
  for (const conv of suite.conversations) await runConversation(deps, conv, report);
  return report;
}
