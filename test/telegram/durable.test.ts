/**
 * Durable, paced answers on Telegram, through the real telegraf client and the fake Bot API enforcing
 * Telegram's limits: above the rate nobody goes unanswered, and an answer cut short by a stop is finished by
 * the next process from the store, without resending what went out.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderReplies } from '../../src/channels/telegram/render.js';
import { plain } from '../../src/kernel/message.js';
import { createMemoryStore, createSqliteStore } from '../../src/store/store.js';
import { makeBot, type TestBot } from '../support/app.js';
import * as tg from '../support/telegram-updates.js';
import { startChannel, startFake, stopAll } from './harness.js';

const bots: TestBot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.app.delivery.stop(0);
  await stopAll();
});

describe('durable answers on Telegram', () => {
  it('answers every citizen, whole, when they write faster than Telegram lets the bot send', async () => {
    // Telegram's ~30/s overall and 1/s per chat, enforced with 429s; 90 citizens write within about 2 s.
    const fake = await startFake({ limits: { globalPerSecond: 30, perChatPerSecond: 1, perChatBurst: 1 } });
    const bot = makeBot({ store: createMemoryStore() });
    bots.push(bot);
    await startChannel(fake, bot);
    const expected = renderReplies((await bot.turn({ userKey: 'telegram:1', text: 'kenapa kantor tutup?' })).replies).map((m) => m.text);
    const citizens = Array.from({ length: 90 }, (_, i): tg.TgUser => ({ id: 700_000 + i, first_name: `Warga ${i}` }));
    for (const [i, c] of citizens.entries()) {
      fake.pushUpdate(tg.privateText(c, 'kenapa kantor tutup?'));
      if (i % 5 === 4) await new Promise((r) => setTimeout(r, 100));
    }
    await fake.waitFor(() => citizens.every((c) => fake.sentTo(c.id).length >= expected.length), 20_000);
    for (const c of citizens) expect(fake.sentTo(c.id).map((m) => m.text)).toEqual(expected);
    // Paced under the limit: the fake refused little or nothing, and what it refused was sent later.
    const refused = fake.callsOf('sendMessage').filter((call) => call.status === 429).length;
    expect(refused).toBeLessThan(10);
  });

  it('a later process finishes an answer a stop cut short, from the first message not confirmed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'layanan-durable-'));
    const fake = await startFake();
    const citizen: tg.TgUser = { id: 310_077, first_name: 'Komang' };
    // A 9,000-character answer is three Telegram messages; the first was confirmed before the stop.
    const long = [plain(`${'Persyaratan PBG. '.repeat(530)}`)];
    const pieces = renderReplies(long).map((m) => m.text);
    expect(pieces.length).toBe(3);
    const first = makeBot({ store: createSqliteStore(dataDir) });
    const now = new Date();
    await first.sessions.set(`telegram:${citizen.id}`, {
      v: 3,
      turns: 1,
      noneStreak: 0,
      subscribeOffered: false,
      touchedAt: now.toISOString(),
      outbox: { owner: 'stopped-process', until: now.getTime() - 1, answers: [{ turn: 1, to: String(citizen.id), replies: long, next: 1, at: now.toISOString() }] },
    });
    await first.store.close();

    const second = makeBot({ store: createSqliteStore(dataDir) });
    bots.push(second);
    await startChannel(fake, second);
    await second.app.delivery.resume('telegram');
    const sent = await fake.waitForSent(citizen.id, 2);
    await second.app.delivery.idle();
    expect(sent.map((m) => m.text)).toEqual(pieces.slice(1));
    expect(fake.sentTo(citizen.id)).toHaveLength(2);
    expect((await second.sessions.get(`telegram:${citizen.id}`))?.outbox).toBeUndefined();
  });
});
