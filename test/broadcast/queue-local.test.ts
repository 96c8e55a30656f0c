import { describe, expect, it } from 'vitest';
import type { AnnouncementsRuntime } from '../../src/features/announcements/index.js';
import { buildLane, sendPaced, type Lane } from '../../src/features/announcements/lanes.js';
import { LocalBroadcastQueue } from '../../src/features/announcements/queue-local.js';
import type { Broadcast } from '../../src/features/announcements/schema.js';
import { PlatformApiError } from '../../src/lib/errors.js';
import { plain } from '../../src/kernel/message.js';
import { memoryChannel, testAnnouncements, testChannels, testDelivery } from './support.js';

const settings = (over: { rate?: number; dailyCap?: number } = {}) => testDelivery(testChannels({ rate: over.rate ?? 200, minGapMs: 1, maxGapMs: 5, dailyCap: over.dailyCap ?? 1000 }));

async function subscribe(bot: AnnouncementsRuntime, keys: string[]): Promise<void> {
  for (const k of keys) await bot.subscriptions.set(k, true, 'test', new Date());
}

function finalOf(reports: { b: Broadcast; final: boolean }[]): Promise<Broadcast> {
  return new Promise((resolve, reject) => {
    const end = Date.now() + 20_000;
    const check = () => {
      const f = reports.find((r) => r.final);
      if (f) resolve(f.b);
      else if (Date.now() > end) reject(new Error('no final report'));
      else setTimeout(check, 10);
    };
    check();
  });
}

describe('sending one message under the retry policy', () => {
  const lane = (): Lane & { paused: number[] } => {
    const inner = buildLane({ name: 'telegram', delivery: { ratePerSecond: 1000, perChatGapMs: 1000 } });
    const paused: number[] = [];
    return { channel: 'telegram', slot: inner.slot, pause: (ms) => { paused.push(ms); inner.pause(ms); }, paused };
  };
  const signal = new AbortController().signal;
  const replies = [plain('x')];

  it('a 429 pauses the whole lane for retry_after, then the message goes', async () => {
    const l = lane();
    let calls = 0;
    const out = await sendPaced(l, async () => {
      calls += 1;
      if (calls === 1) throw new PlatformApiError('telegram', 'sendMessage', 429, 'Too Many Requests: retry after 1', 1);
    }, 'telegram:1', replies, signal);
    expect(out).toEqual({ kind: 'sent' });
    expect(calls).toBe(2);
    expect(l.paused).toEqual([1000]);
  });

  it('403 is final at once (unreachable); 400 fails without retry; 5xx is retried', async () => {
    let calls = 0;
    expect(await sendPaced(lane(), async () => { calls += 1; throw new PlatformApiError('telegram', 'sendMessage', 403, 'Forbidden: bot was blocked by the user'); }, 'telegram:1', replies, signal)).toEqual({ kind: 'unreachable', code: 403 });
    expect(calls).toBe(1);
    calls = 0;
    expect(await sendPaced(lane(), async () => { calls += 1; throw new PlatformApiError('telegram', 'sendMessage', 400, 'Bad Request: message is too long'); }, 'telegram:1', replies, signal)).toEqual({ kind: 'failed', code: 400 });
    expect(calls).toBe(1);
    calls = 0;
    const out = await sendPaced(lane(), async () => { calls += 1; if (calls < 3) throw new PlatformApiError('telegram', 'sendMessage', 502, 'Bad Gateway'); }, 'telegram:1', replies, signal, { policy: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1000 } });
    expect(out).toEqual({ kind: 'sent' });
    expect(calls).toBe(3);
  });
});

describe('in-process queue', () => {
  it('delivers to both channels, counts failures, unsubscribes the unreachable', async () => {
    const { ann: bot, outbox } = testAnnouncements({ channels: testChannels() });
    const tg = memoryChannel('telegram', (k) => (k === 'telegram:3' ? new PlatformApiError('telegram', 'sendMessage', 403, 'Forbidden: bot was blocked by the user') : k === 'telegram:4' ? new PlatformApiError('telegram', 'sendMessage', 400, 'Bad Request: chat not found') : undefined));
    const wa = memoryChannel('whatsapp');
    outbox.attach(tg);
    outbox.attach(wa);
    await subscribe(bot, ['telegram:1', 'telegram:2', 'telegram:3', 'telegram:4', 'whatsapp:62811@c.us', 'whatsapp:62812@c.us', 'console:x']);
    await bot.subscriptions.set('telegram:2', false, 'chat', new Date());
    const reports: { b: Broadcast; final: boolean }[] = [];
    const q = new LocalBroadcastQueue(bot.workerDeps({ settings: settings(), report: async (b, final) => { reports.push({ b, final }); } }));
    await bot.broadcasts.queue({ text: 'Pelayanan dibuka kembali.', channels: ['telegram', 'whatsapp'], createdBy: 'cli', scheduledAt: null }, new Date());
    await q.start();
    const final = await finalOf(reports);
    await q.stop();
    expect(tg.sent.map((s) => s.to)).toEqual(['telegram:1']);
    expect(wa.sent.map((s) => s.to).sort()).toEqual(['whatsapp:62811@c.us', 'whatsapp:62812@c.us']);
    expect(wa.sent[0]?.text).toBe('Pelayanan dibuka kembali.');
    expect(final.counts.telegram).toMatchObject({ total: 3, sent: 1, unreachable: 2, failed: 0 });
    expect(final.counts.whatsapp).toMatchObject({ total: 2, sent: 2 });
    expect((await bot.subscriptions.get('telegram:3'))?.subscribed).toBe(false);
    expect((await bot.subscriptions.get('telegram:4'))?.subscribed).toBe(false);
    expect((await bot.subscriptions.get('telegram:3'))?.changes.at(-1)?.via).toMatch(/^unreachable/);
  });

  it('WhatsApp stops at the daily cap (counted in the store) and goes on the next day', async () => {
    let now = new Date('2026-12-01T10:00:00+08:00');
    const { ann: bot, outbox } = testAnnouncements();
    const wa = memoryChannel('whatsapp');
    outbox.attach(wa);
    await subscribe(bot, Array.from({ length: 5 }, (_, i) => `whatsapp:6281${i}@c.us`));
    const reports: { b: Broadcast; final: boolean }[] = [];
    const q = new LocalBroadcastQueue(bot.workerDeps({ settings: settings({ dailyCap: 3 }), now: () => now, report: async (b, final) => { reports.push({ b, final }); } }));
    await bot.broadcasts.queue({ text: 'Info', channels: ['whatsapp'], createdBy: 'cli', scheduledAt: null }, now);
    await q.start();
    const deadline = Date.now() + 5000;
    while (wa.sent.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 200));
    expect(wa.sent).toHaveLength(3);
    expect(await bot.broadcasts.repo.sentOn('whatsapp', '2026-12-01')).toBe(3);
    now = new Date('2026-12-02T07:00:00+08:00');
    const final = await finalOf(reports);
    await q.stop();
    expect(wa.sent).toHaveLength(5);
    expect(new Set(wa.sent.map((s) => s.to)).size).toBe(5);
    expect(await bot.broadcasts.repo.sentOn('whatsapp', '2026-12-02')).toBe(2);
    expect(final.counts.whatsapp).toMatchObject({ total: 5, sent: 5 });
  });

  it('a scheduled broadcast waits for its time; a cancelled one stops, the rest counted as not sent', async () => {
    let now = new Date('2026-12-01T07:00:00+08:00');
    const { ann: bot, outbox } = testAnnouncements();
    const tg = memoryChannel('telegram');
    outbox.attach(tg);
    await subscribe(bot, Array.from({ length: 60 }, (_, i) => `telegram:${500 + i}`));
    const reports: { b: Broadcast; final: boolean }[] = [];
    const q = new LocalBroadcastQueue(bot.workerDeps({ settings: settings({ rate: 20 }), now: () => now, report: async (b, final) => { reports.push({ b, final }); } }));
    const b = await bot.broadcasts.queue({ text: 'Jadwal', channels: ['telegram'], createdBy: 'cli', scheduledAt: new Date('2026-12-01T08:00:00+08:00') }, now);
    await q.start();
    await new Promise((r) => setTimeout(r, 200));
    expect(tg.sent).toHaveLength(0);
    expect((await bot.broadcasts.status(b.id))?.status).toBe('queued');
    now = new Date('2026-12-01T08:00:01+08:00');
    while (tg.sent.length < 5) await new Promise((r) => setTimeout(r, 10));
    expect(await bot.broadcasts.cancel(undefined, 'telegram:42', now)).toBeDefined();
    const final = await finalOf(reports);
    await q.stop();
    expect(final.status).toBe('cancelled');
    expect(final.cancelledBy).toBe('telegram:42');
    const c = final.counts.telegram;
    expect(c?.sent).toBe(tg.sent.length);
    expect(c?.skipped).toBeGreaterThan(20);
    expect((c?.sent ?? 0) + (c?.skipped ?? 0)).toBe(60);
    expect(new Set(tg.sent.map((s) => s.to)).size).toBe(tg.sent.length);
  });
});
