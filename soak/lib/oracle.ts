/**
 * The oracle: the same messages run in-process through the real application (`createApp`, as in the tests)
 * over a memory store, each update parsed by the Telegram channel's own parser and each reply rendered by its
 * own renderer, then read back as the visible text the fake Bot API derives from the HTML. That is what a
 * chat should receive, message by message, when nothing goes wrong.
 */
import { renderReplies } from '../../src/channels/telegram/render.js';
import { parseUpdate } from '../../src/channels/telegram/update.js';
import { Translator } from '../../src/kernel/locale.js';
import { callCenter } from '../../src/kernel/office-text.js';
import { RecordingChannel } from '../../test/complaints/helpers.js';
import { makeBot, type TestBot } from '../../test/support/app.js';
import { FAKE_TOKEN, parseTelegramHtml } from '../../test/support/fake-telegram.js';
import * as tg from '../../test/support/telegram-updates.js';
import type { CitizenPlan } from './citizens.js';
import { normalise } from './judge.js';

/** The bot identity the fake answers getMe with (its default). */
export const BOT = { id: 7_000_000_001, username: 'tabanan_layanan_bot' };

/** The expected visible texts of one reply list, as Telegram messages. */
export function visibleTexts(replies: Parameters<typeof renderReplies>[0]): string[] {
  return renderReplies(replies).map((m) => {
    const parsed = parseTelegramHtml(m.html);
    return 'error' in parsed ? m.text : parsed.text;
  });
}

export class Oracle {
  private constructor(readonly bot: TestBot) {}

  /** An application configured like the soak's bots (same staff ids, Telegram enabled). */
  static create(env: Record<string, string>): Oracle {
    const bot = makeBot({ env: { TELEGRAM_BOT_TOKEN: FAKE_TOKEN, ...env } });
    bot.attach(new RecordingChannel('telegram'));
    return new Oracle(bot);
  }

  /** Per message of `plan`, the normalised texts the chat should receive. */
  async expect(plan: CitizenPlan): Promise<string[][]> {
    const out: string[][] = [];
    for (const text of plan.messages) {
      const update = { update_id: 1, ...tg.privateText(plan.user, text) };
      const incoming = parseUpdate(update, BOT);
      if (incoming.kind !== 'message') {
        out.push([]);
        continue;
      }
      const replies = await this.bot.handle(incoming.message);
      out.push(visibleTexts(replies).map(normalise));
    }
    return out;
  }

  /** The reply a person gets while the store is down ("sistem kami sedang gangguan …"). */
  storeDownText(): string {
    const t = new Translator(this.bot.app.locales, 'id');
    return normalise(visibleTexts([t.reply('error.store', { callcenter: callCenter(t, this.bot.app.office) })]).join('\n'));
  }

  async close(): Promise<void> {
    await this.bot.app.idle();
    await this.bot.app.close();
  }
}
