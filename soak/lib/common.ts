/** Pieces shared by the scenarios: citizens from plans, the complaints a store holds, the usual figures. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeTelegram } from '../../test/support/fake-telegram.js';
import { staffNotices as noticeCollection } from '../../src/features/complaints/notices.js';
import { createStore } from '../../src/store/store.js';
import { cli } from './bot.js';
import type { CitizenPlan } from './citizens.js';
import { citizen, verdict, type Citizen } from './driver.js';
import { normalise, total, type ChatVerdict } from './judge.js';
import { staffNotices, ticketsShown, zero, fig, type Context, type Figure } from './setup.js';
import { percentile, secs } from './stats.js';

/** Citizens with the oracle's expectations for their plans. */
export async function citizensFor(ctx: Context, plans: readonly CitizenPlan[]): Promise<Citizen[]> {
  const out: Citizen[] = [];
  for (const plan of plans) out.push(citizen(plan, await ctx.oracle.expect(plan)));
  return out;
}

/** The complaints the store holds, read with the project's CLI (`complaints list --json`). */
export async function storedComplaints(env: Record<string, string>): Promise<{ ticket: string; description?: string | null; ownerKey?: string | null }[]> {
  const out = await cli(env, ['complaints', 'list', '--json']);
  return JSON.parse(out) as { ticket: string; description?: string | null; ownerKey?: string | null }[];
}

/** The verdict over every citizen. */
export function judgeAll(fake: FakeTelegram, citizens: readonly Citizen[], lateMs?: number): ChatVerdict {
  return total(citizens.map((c) => verdict(fake, c, lateMs)));
}

/** The four figures every conversation row reports, and the informative ones after them. */
export function conversationFigures(v: ChatVerdict): Figure[] {
  return [
    fig('turns', v.turns),
    zero('unanswered', v.unanswered),
    zero('answered twice', v.answeredTwice),
    zero('cut short', v.cutShort),
    fig('out of order', v.outOfOrder),
    fig('other answers', v.unexpected),
  ];
}

/** Staff notices against the complaints stored: lost ones (stored, never announced) and repeats. */
export function noticeFigures(fake: FakeTelegram, stored: readonly { ticket: string }[], chatIds: readonly number[]): { figures: Figure[]; notes: string[]; lost: string[] } {
  const notices = staffNotices(fake);
  const lost = stored.filter((c) => !notices.has(c.ticket)).map((c) => c.ticket);
  const repeats = [...notices.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
  const storedSet = new Set(stored.map((c) => c.ticket));
  const shown = ticketsShown(fake, chatIds);
  const shownNotStored = [...shown].filter((t) => !storedSet.has(t));
  const storedNotShown = stored.filter((c) => !shown.has(c.ticket)).length;
  const notes = [
    ...(lost.length ? [`complaints stored but never announced to staff: ${lost.slice(0, 5).join(', ')}`] : []),
    ...(shownNotStored.length ? [`tickets shown to citizens but not stored: ${shownNotStored.join(', ')}`] : []),
  ];
  return {
    figures: [
      fig('staff notices lost', `${lost.length} of ${stored.length}`, '0', lost.length === 0),
      fig('notice repeats', repeats),
      fig('complaints whose ticket the citizen never saw', `${storedNotShown} of ${stored.length}`),
      ...(shownNotStored.length ? [zero('tickets shown, not stored', shownNotStored.length)] : []),
    ],
    notes,
    lost,
  };
}

/** p50 / p95 / max of delays, as one value. */
export function delays(values: readonly number[]): string {
  return `p50 ${secs(percentile(values, 50))} · p95 ${secs(percentile(values, 95))} · max ${secs(percentile(values, 100))}`;
}

/** With --keep: each chat's turns (sent, expected) and what it received, for reading a finding up close. */
export function dumpChats(ctx: Context, rowId: string, fake: FakeTelegram, citizens: readonly Citizen[], extra: Record<string, unknown> = {}): void {
  if (!ctx.keep) return;
  const chats = citizens.map((c) => ({
    chat: c.plan.user.id,
    verdict: verdict(fake, c),
    sent: c.sent,
    received: fake.sentTo(c.plan.user.id).map((m) => ({ at: m.at, text: normalise(m.text) })),
  }));
  writeFileSync(join(ctx.dir, `${rowId}.chats.json`), JSON.stringify({ ...extra, chats, webhookPosts: fake.webhookPosts }, null, 1));
}

/**
 * The stored state of these tickets' staff notices (`pending`, `sending`, …), read through the project's own
 * store on the bot's data (call it with the bot stopped): why a notice is missing.
 */
export async function noticeStates(env: Record<string, string>, tickets: readonly string[]): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  if (tickets.length === 0) return states;
  const store = createStore({
    dataDir: env.DATA_DIR ?? '',
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX ?? 'layanan:tabanan',
    redisCommandTimeoutMs: 2000,
  });
  try {
    const notices = noticeCollection(store);
    for (const t of tickets) {
      const n = await notices.get(t);
      states.set(t, n ? `${n.state}${n.repeat ? ' (repeat)' : ''}, last change ${n.updatedAt.slice(11, 19)}Z` : 'no notice record');
    }
  } finally {
    await store.close();
  }
  return states;
}
