/**
 * Virtual citizens against the fake Bot API: each sends its plan one message at a time, the next only once the
 * answer the oracle predicts has arrived (as many messages as expected) or a timeout passed, then judges its
 * chat against the oracle. Updates are real Update JSON (`test/support/telegram-updates.ts`), queued in the
 * fake, which delivers them by getUpdates or by webhook.
 */
import type { FakeTelegram } from '../../test/support/fake-telegram.js';
import * as tg from '../../test/support/telegram-updates.js';
import type { CitizenPlan } from './citizens.js';
import { judgeChat, normalise, type ChatVerdict, type SentTurn } from './judge.js';
import type { Rng } from './rng.js';
import { sleep } from './stats.js';

export interface Citizen {
  plan: CitizenPlan;
  /** Per message of the plan, the oracle's normalised texts. */
  expected: string[][];
  /** What was sent so far. */
  sent: SentTurn[];
  /** Expected texts given instead of the oracle's for some turns (store down: the error reply). */
  override: Map<number, string[]>;
}

export function citizen(plan: CitizenPlan, expected: string[][]): Citizen {
  return { plan, expected, sent: [], override: new Map() };
}

/** How an update reaches the fake: by default one push; a scenario may push copies (duplicates, replays). */
export type Push = (fake: FakeTelegram, update: Record<string, unknown>) => number;

export const pushOnce: Push = (fake, update) => fake.pushUpdate(update);

export interface DriveOptions {
  /** Give up waiting for an answer after this long (then the next message goes; the answer may still come). */
  turnTimeoutMs: number;
  /** Pause between an answer and the next message. */
  thinkMs: [number, number];
  rng: Rng;
  /** Stop once this says so, and stop waiting for the current answer when `stopped` resolves (the drain waits then). */
  stop?: () => boolean;
  stopped?: Promise<void>;
  /** Send up to this many messages at once before waiting (bursts; default 1). */
  burst?: [number, number];
  push?: Push;
  /** Deadline (epoch ms): no new message after it. */
  until?: number;
}

/** Messages received in a chat so far. */
export function receivedCount(fake: FakeTelegram, chatId: number): number {
  return fake.sentTo(chatId).length;
}

/** Wait until `chatId` has `count` messages or `timeoutMs` passed; true when they arrived. */
export async function waitForCount(fake: FakeTelegram, chatId: number, count: number, timeoutMs: number): Promise<boolean> {
  if (receivedCount(fake, chatId) >= count) return true;
  try {
    await fake.waitFor(() => receivedCount(fake, chatId) >= count, timeoutMs);
    return true;
  } catch {
    return false;
  }
}

/** Send message `i` of the citizen's plan now. */
export function send(fake: FakeTelegram, c: Citizen, i: number, push: Push = pushOnce): void {
  const text = c.plan.messages[i] ?? '';
  const update = tg.privateText(c.plan.user, text);
  c.sent.push({ text, sentAt: Date.now(), expected: c.override.get(i) ?? c.expected[i] ?? [] });
  push(fake, update as unknown as Record<string, unknown>);
}

/** How many messages the chat should have once the first `turns` sent messages are answered. */
export function expectedCount(c: Citizen, turns = c.sent.length): number {
  let n = 0;
  for (let i = 0; i < turns; i++) n += c.sent[i]?.expected.length ?? 0;
  return n;
}

/** Run one citizen's plan (or until stopped); resolves when it has sent its last message and waited for it. */
export async function drive(fake: FakeTelegram, c: Citizen, opts: DriveOptions): Promise<void> {
  const chatId = c.plan.user.id;
  let i = c.sent.length;
  // A little spread so citizens do not all start on the same millisecond.
  await sleep(opts.rng.between(0, opts.thinkMs[1]));
  while (i < c.plan.messages.length) {
    if (opts.stop?.() || (opts.until !== undefined && Date.now() > opts.until)) return;
    const burst = opts.burst ? opts.rng.int(opts.burst[0], opts.burst[1]) : 1;
    for (let b = 0; b < burst && i < c.plan.messages.length; b++, i++) {
      send(fake, c, i, opts.push);
      if (b + 1 < burst) await sleep(15);
    }
    const waiting = waitForCount(fake, chatId, expectedCount(c), opts.turnTimeoutMs);
    await (opts.stopped ? Promise.race([waiting, opts.stopped]) : waiting);
    if (opts.stop?.()) return;
    await sleep(opts.rng.between(opts.thinkMs[0], opts.thinkMs[1]));
  }
}

/** When the bot last tried to send or was offered an update by webhook (its activity, as the fake sees it). */
function lastActivity(fake: FakeTelegram): number {
  const call = fake.calls.findLast((c) => c.method === 'sendMessage');
  return Math.max(call?.at ?? 0, fake.webhookPosts.at(-1)?.at ?? 0);
}

/**
 * Wait until every citizen has every expected message; give up after `timeoutMs`, or once nothing was sent (or
 * tried: a 429 counts) for `quietMs`: a bot with answers pending retries within seconds, so a quiet bot owes
 * nothing more that it remembers.
 */
export async function drain(fake: FakeTelegram, citizens: readonly Citizen[], timeoutMs: number, quietMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const done = () => citizens.every((c) => receivedCount(fake, c.plan.user.id) >= expectedCount(c));
  while (!done()) {
    if (Date.now() > deadline || Date.now() - Math.max(lastActivity(fake), deadline - timeoutMs) > quietMs) return false;
    await sleep(100);
  }
  return true;
}

/** Judge one citizen's chat against the oracle. */
export function verdict(fake: FakeTelegram, c: Citizen, lateMs?: number): ChatVerdict {
  const received = fake.sentTo(c.plan.user.id).map((m) => ({ text: normalise(m.text), at: m.at }));
  return judgeChat(c.sent, received, lateMs);
}
