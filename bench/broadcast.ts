/**
 * Broadcast delivery against the fake Telegram Bot API (which enforces a global rate and 1 message/s per chat
 * with 429s): messages/s achieved against the configured rate, as a ratio, plus the busiest sliding second
 * and the duplicates (must be 0). The production setting (25/s against Telegram's ~30/s) runs on 500
 * subscribers; the full 5,000 run is scaled ×4 (100/s against 120/s) so it takes under a minute.
 */
import { LocalBroadcastQueue } from '../src/features/announcements/queue-local.js';
import type { Broadcast } from '../src/features/announcements/schema.js';
import { telegramDelivery, telegramModule } from '../src/channels/telegram/module.js';
import { TelegramChannel } from '../src/channels/telegram/adapter.js';
import { FakeTelegram } from '../test/support/fake-telegram.js';
import { makeBot } from '../test/support/app.js';

/** One measured broadcast. */
export interface BroadcastRow {
  label: string;
  subscribers: number;
  configuredRate: number;
  limit: number;
  seconds: number;
  achieved: number;
  /** achieved / configured. */
  ratio: number;
  /** Most messages the fake received in any sliding second (must be ≤ limit). */
  maxPerSecond: number;
  /** 429 answers (should be 0). */
  rateLimited: number;
  /** Chats that got more than one message (must be 0). */
  duplicates: number;
}

async function run(label: string, subscribers: number, rate: number, limit: number): Promise<BroadcastRow> {
  const fake = await FakeTelegram.start({ limits: { globalPerSecond: limit, perChatPerSecond: 1 } });
  const bot = makeBot();
  const channel = new TelegramChannel({ token: fake.token, apiRoot: fake.apiRoot, linkPreview: false, stopGraceMs: 1000 });
  bot.attach(channel);
  await channel.start(bot.host);
  const now = new Date();
  for (let i = 0; i < subscribers; i++) await bot.subscriptions.set(`telegram:${1_000_000 + i}`, true, 'bench', now);
  let final: Broadcast | undefined;
  // The Telegram module's own delivery profile at the rate under test (the scaled run goes past the 30/s cap).
  const channels = [{ name: telegramModule.name, label: telegramModule.label, delivery: telegramDelivery(rate) }];
  const queue = new LocalBroadcastQueue({
    ...bot.app.announcements.workerDeps({ settings: { channels, timeZone: 'Asia/Makassar', progressEveryMs: 3_600_000, pollMs: 50 } }),
    report: async (b, isFinal) => {
      if (isFinal) final = b;
    },
  });
  await bot.broadcasts.queue({ text: 'Pelayanan tatap muka dibuka kembali.', channels: ['telegram'], createdBy: 'bench', scheduledAt: null }, now);
  await queue.start();
  await fake.waitFor(() => final, 10 * 60_000);
  await queue.stop();
  await channel.stop();
  await fake.close();

  const ok = fake.callsOf('sendMessage').filter((c) => c.status === 200).map((c) => c.at).sort((a, b) => a - b);
  const first = ok[0] ?? 0;
  const last = ok[ok.length - 1] ?? 0;
  const seconds = (last - first) / 1000;
  const achieved = seconds > 0 ? (ok.length - 1) / seconds : 0;
  let maxPerSecond = 0;
  for (let lo = 0, hi = 0; hi < ok.length; hi++) {
    while ((ok[hi] ?? 0) - (ok[lo] ?? 0) >= 1000) lo++;
    maxPerSecond = Math.max(maxPerSecond, hi - lo + 1);
  }
  const perChat = new Map<unknown, number>();
  for (const c of fake.callsOf('sendMessage')) if (c.status === 200) perChat.set(c.params.chat_id, (perChat.get(c.params.chat_id) ?? 0) + 1);
  return {
    label,
    subscribers,
    configuredRate: rate,
    limit,
    seconds,
    achieved,
    ratio: achieved / rate,
    maxPerSecond,
    rateLimited: fake.callsOf('sendMessage').filter((c) => c.status === 429).length,
    duplicates: [...perChat.values()].filter((n) => n > 1).length,
  };
}

/** Run the broadcast benchmarks (about 70 s in all). */
export async function benchBroadcast(): Promise<{ rows: BroadcastRow[] }> {
  return {
    rows: [
      await run('production rate (BROADCAST_TELEGRAM_RATE=25, limit 30/s)', 500, 25, 30),
      await run('5,000 subscribers, scaled ×4 (100/s, limit 120/s)', 5000, 100, 120),
    ],
  };
}
