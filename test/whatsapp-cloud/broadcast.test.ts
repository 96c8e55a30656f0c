/**
 * An announcement to 500 subscribers on a Cloud API number, through the real announcements worker with this
 * channel's delivery profile (the production 80/s), against the fake Graph that enforces a per-number limit
 * of 120/s (Graph counts arrivals; timers on a busy 2-core machine bunch a little). ~7 s. One injected throughput
 * error (130429) must pause the lane, not lose or double a message. Statuses posted back by the fake are
 * recorded per message.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { contacts } from '../../src/channels/whatsapp-cloud/records.js';
import { LocalBroadcastQueue } from '../../src/features/announcements/queue-local.js';
import type { Broadcast } from '../../src/features/announcements/schema.js';
import { maxInWindow } from '../broadcast/helpers.js';
import { testDelivery } from '../broadcast/support.js';
import { eventually } from '../telegram/harness.js';
import { startCloud, stopAll } from './harness.js';

afterEach(stopAll);

const SUBSCRIBERS = 500;
const RATE = 80;
const LIMIT = 120;

describe(`broadcast to ${SUBSCRIBERS} WhatsApp Cloud API subscribers (profile ${RATE}/s, fake limit ${LIMIT}/s)`, () => {
  it('sends each one exactly one message within the rate, honours a 130429 pause, records delivered statuses', async () => {
    const cloud = await startCloud({ env: { WHATSAPP_CLOUD_RATE: String(RATE), WHATSAPP_CLOUD_DAILY_CAP: '1000' }, fake: { limits: { perSecond: LIMIT } } });
    const { bot, fake, channel } = cloud;
    fake.autoStatus = true;
    const known = contacts(bot.store);
    const now = new Date();
    const ids: string[] = [];
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const waId = String(6281300000000 + i);
      ids.push(waId);
      // They all wrote within the last day (free text is allowed), and subscribed.
      await known.set(waId, { lastInboundAt: new Date(now.getTime() - 3_600_000).toISOString(), phone: waId });
      fake.lastWrote(waId, 3_600_000);
      await bot.subscriptions.set(`wacloud:${waId}`, true, 'test', now);
    }
    const bound = bot.app.config.channels.find((c) => c.name === 'wacloud');
    expect(bound?.delivery).toMatchObject({ ratePerSecond: RATE, perChatGapMs: 6000, dailyCap: 1000 });
    const settings = testDelivery([{ name: 'wacloud', label: bound?.label ?? '', delivery: bound?.delivery ?? {} }], { pollMs: 50, progressEveryMs: 60_000 });
    const reports: Broadcast[] = [];
    const worker = new LocalBroadcastQueue(bot.app.announcements.workerDeps({ settings, report: async (b, final) => void (final && reports.push(b)) }));
    await bot.broadcasts.queue({ text: 'Pelayanan tatap muka dibuka kembali mulai Senin 7 Desember 2026.', channels: ['wacloud'], createdBy: 'cli:ayu', scheduledAt: null }, now);
    fake.failNext({ status: 400, code: 130429, message: 'Rate limit hit' });
    await worker.start();
    await eventually(async () => reports[0], 60_000);
    await worker.stop();
    await fake.settled();
    await channel.whenIdle();

    const sends = fake.sends();
    const accepted = sends.filter((c) => c.status === 200);
    // One injected 130429, no throughput error of the fake's own, never over the configured rate.
    // Only throughput errors (the injected one first), each retried; never over the number's limit.
    const refused = sends.filter((c) => c.status !== 200).map((c) => c.code);
    expect(refused[0]).toBe(130429);
    expect(new Set(refused)).toEqual(new Set([130429]));
    expect(maxInWindow(accepted.map((c) => ({ method: 'messages', params: c.body, status: c.status, at: c.at })))).toBeLessThanOrEqual(LIMIT);
    const per = new Map<string, number>();
    for (const c of accepted) per.set(c.to ?? '', (per.get(c.to ?? '') ?? 0) + 1);
    expect(ids.every((id) => per.get(id) === 1)).toBe(true);
    expect(accepted[0]?.body).toMatchObject({ type: 'text', text: { body: 'Pelayanan tatap muka dibuka kembali mulai Senin 7 Desember 2026.' } });
    // The recipient the injected 130429 hit was sent to again after the pause, once.
    const hit = sends.find((c) => c.code === 130429);
    expect(accepted.filter((c) => c.to === hit?.to)).toHaveLength(1);
    expect((accepted.find((c) => c.to === hit?.to)?.at ?? 0) - (hit?.at ?? 0)).toBeGreaterThanOrEqual(950);

    expect(reports[0]?.counts.wacloud).toMatchObject({ total: SUBSCRIBERS, sent: SUBSCRIBERS, failed: 0, unreachable: 0 });
    const states = await Promise.all(accepted.map(async (c) => (await channel.status(c.id ?? ''))?.state));
    expect(states.every((s) => s === 'delivered')).toBe(true);
    const one = await channel.status(accepted[0]?.id ?? '');
    expect(one?.history.map((h) => h.state)).toEqual(['accepted', 'sent', 'delivered']);
    expect(one?.userKey).toBe(`wacloud:${accepted[0]?.to ?? ''}`);
  }, 60_000);
});
