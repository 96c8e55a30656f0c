/**
 * End to end: real Update JSON → fake Bot API → real telegraf client → TelegramChannel → real bot runtime
 * (office data, classifier, engine) → sendMessage bodies the fake parses as Telegram would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeBot } from '../support/app.js';
import type { FakeTelegram, SentMessage } from '../support/fake-telegram.js';
import * as tg from '../support/telegram-updates.js';
import { recording, startChannel, startFake, stopAll } from './harness.js';

afterEach(stopAll);

const wayan: tg.TgUser = { id: 310_001, first_name: 'Wayan', username: 'wayan_tbn' };
const keyboardOf = (m: SentMessage | undefined) =>
  (m?.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard;

/** Push an update and wait until `chatId` has `count` messages in all. */
async function exchange(fake: FakeTelegram, update: Record<string, unknown>, chatId: number, count: number): Promise<SentMessage[]> {
  fake.pushUpdate(update);
  return fake.waitForSent(chatId, count);
}

describe('Telegram citizen conversation (real telegraf against the fake Bot API)', () => {
  it('/start → menu buttons → a button press → closure answer → /langganan', async () => {
    const fake = await startFake();
    const bot = makeBot();
    await startChannel(fake, bot);

    // Start-up: Indonesian command list, long polling asking for exactly the updates handled.
    const commands = fake.commands.get(JSON.stringify({ type: 'default' }))?.map((c) => c.command);
    expect(commands).toEqual(expect.arrayContaining(['start', 'menu', 'bantuan', 'langganan', 'berhenti']));
    expect(fake.commands.get(JSON.stringify({ type: 'default' }))?.find((c) => c.command === 'berhenti')?.description).toMatch(/langganan/i);
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 0);
    expect(fake.callsOf('getUpdates')[0]?.params.allowed_updates).toEqual(['message', 'callback_query', 'my_chat_member']);

    const [welcome] = await exchange(fake, tg.privateText(wayan, '/start'), wayan.id, 1);
    expect(welcome?.text).toMatch(/selamat datang/i);
    expect(welcome?.params.parse_mode).toBe('HTML');
    expect(welcome?.params.link_preview_options).toEqual({ is_disabled: true });
    const buttons = keyboardOf(welcome)?.flat() ?? [];
    expect(buttons).toHaveLength(10);
    expect(buttons[0]).toEqual({ text: '1. Status layanan tatap muka', callback_data: 'menu:1' });
    // The office name is bold in the template: it arrives as a bold entity, not as asterisks.
    expect(welcome?.entities.some((e) => e.type === 'bold')).toBe(true);
    expect(welcome?.text).not.toContain('*');

    // Pressing "1" works like sending "1": the callback is answered, the closure status follows.
    const press = tg.callbackQuery(wayan, 'menu:1', welcome?.messageId ?? 0, fake.botUser.id);
    const afterPress = await exchange(fake, press, wayan.id, 2);
    expect(fake.callsOf('answerCallbackQuery').map((c) => c.params.callback_query_id)).toEqual([press.callback_query.id]);
    // The office file's seed status: everything face to face closed since 14 September 2020.
    expect(afterPress[1]?.text).toContain('14 September 2020');
    expect(afterPress[1]?.text).not.toContain('buka seperti biasa');

    const all = await fake.waitFor(() => {
      const sent = fake.sentTo(wayan.id);
      return sent.some((m) => /ketik langganan/.test(m.text)) ? sent : undefined;
    });
    const count = all.length;
    const afterSubscribe = await exchange(fake, tg.privateText(wayan, '/langganan'), wayan.id, count + 1);
    expect(afterSubscribe[count]?.text).toMatch(/sudah berlangganan pengumuman/);
    expect((await bot.subscriptions.get(`telegram:${wayan.id}`))?.subscribed).toBe(true);
    // Nothing was refused along the way.
    expect(fake.calls.filter((c) => c.status !== 200)).toEqual([]);
  });

  it('/start with a deep-link payload opens that topic', async () => {
    const fake = await startFake();
    const bot = makeBot();
    await startChannel(fake, bot);
    const [reply] = await exchange(fake, tg.privateText(wayan, '/start langganan'), wayan.id, 1);
    expect(reply?.text).toMatch(/sudah berlangganan pengumuman/);
  });

  it('handles one chat in order, and a duplicate update_id only once', async () => {
    const fake = await startFake();
    const bot = makeBot();
    await startChannel(fake, bot);
    const first = tg.privateText(wayan, '/kontak');
    const id = fake.pushUpdate(first);
    await fake.waitForSent(wayan.id, 1);
    // Telegram redelivers the same update (same update_id), then the person asks something else.
    fake.pushUpdate({ ...first, update_id: id });
    fake.pushUpdate(tg.privateText(wayan, '/berhenti'));
    fake.pushUpdate(tg.privateText(wayan, '/langganan'));
    const sent = await fake.waitFor(() => {
      const s = fake.sentTo(wayan.id);
      return s.some((m) => /sudah berlangganan/.test(m.text)) ? s : undefined;
    });
    expect(sent.map((m) => m.text.split('\n')[0])).toEqual([
      expect.stringContaining('Kabupaten Tabanan'),
      expect.stringMatching(/tidak akan menerima pengumuman/),
      expect.stringMatching(/sudah berlangganan/),
    ]);
  });

  it('stickers, voice notes and locations get "I can read text"; photos and documents reach the engine as attachments', async () => {
    const fake = await startFake();
    const { host, received } = recording(makeBot());
    await startChannel(fake, host);
    fake.pushUpdate(tg.sticker(wayan));
    fake.pushUpdate(tg.voice(wayan));
    fake.pushUpdate(tg.location(wayan));
    const sent = await fake.waitForSent(wayan.id, 3);
    expect(sent.map((m) => m.text)).toEqual(Array(3).fill(expect.stringMatching(/hanya bisa membaca pesan teks/)));

    fake.pushUpdate(tg.photo(wayan, 'Foto KTP untuk pengaduan'));
    fake.pushUpdate(tg.documentMessage(wayan, 'Berkas NIB'));
    await fake.waitFor(() => received.length === 5);
    expect(received.map((m) => ({ text: m.text, attachments: m.attachments }))).toEqual([
      { text: '', attachments: [{ kind: 'sticker' }] },
      { text: '', attachments: [{ kind: 'voice', fileId: 'AwACAgUAAxkBAAIBamX4-voice', mimeType: 'audio/ogg' }] },
      { text: '', attachments: [{ kind: 'location' }] },
      { text: 'Foto KTP untuk pengaduan', attachments: [{ kind: 'photo', fileId: 'AgACAgUAAxkBAAIBaGX4-photo-x', mimeType: 'image/jpeg' }] },
      { text: 'Berkas NIB', attachments: [{ kind: 'document', fileId: 'BQACAgUAAxkBAAIBaWX4-document', mimeType: 'application/pdf', fileName: 'KTP_dan_NIB.pdf' }] },
    ]);
  });

  it('an edited message is not answered again', async () => {
    const fake = await startFake();
    const bot = makeBot();
    await startChannel(fake, bot);
    fake.pushUpdate(tg.editedText(wayan, 'jam buka kantor?'));
    fake.pushUpdate(tg.privateText(wayan, '/kontak'));
    const sent = await fake.waitForSent(wayan.id, 1);
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 3);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain('Kabupaten Tabanan');
  });
});
