/**
 * Two instances on one Redis: the same staff answer, taken by both at once (a redelivered update reaching
 * both), is delivered to the citizen once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../../src/store/store.js';
import { makeBot, say } from '../../support/app.js';
import { findNumber } from '../../../src/features/consultation/numbers.js';
import { RecordingChannel } from '../../complaints/helpers.js';

const REDIS_URL = process.env.REDIS_URL;
const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
});

describe.skipIf(!REDIS_URL)(`consultation on one Redis${REDIS_URL ? '' : ' (skipped: REDIS_URL unset; CI sets it)'}`, () => {
  it('two instances never both deliver one answer', async () => {
    const prefix = `kon-test-${randomUUID().slice(0, 8)}`;
    const open = () => {
      const store = createStore({ dataDir: '/tmp', redisUrl: REDIS_URL, redisPrefix: prefix });
      stores.push(store);
      const bot = makeBot({ store, env: { STAFF_TELEGRAM_IDS: '111' } });
      const channel = new RecordingChannel('telegram');
      bot.attach(channel);
      return { bot, channel };
    };
    const a = open();
    const b = open();
    const number = findNumber((await say(a.bot, 'telegram:900', '/konsultasi Apakah izin kos-kosan perlu PBG fungsi hunian?')).join('\n')) ?? '';
    const results = await Promise.all(
      [a, b].map((x) => x.bot.app.consultation.service.answer(number, 'Ya, perlu.', 'telegram:111', 'msg:telegram|-100:77', new Date())),
    );
    expect(results.map((r) => r.kind).sort()).toEqual(['delivered', 'duplicate']);
    expect([...a.channel.to('telegram:900'), ...b.channel.to('telegram:900')].filter((t) => t.startsWith('💬'))).toHaveLength(1);
  });
});
