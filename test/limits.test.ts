/**
 * Limits agree everywhere (one constant per field, from the form to the stored record to what a platform
 * takes), and text is cut on whole characters wherever it is cut.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { staffCommandList } from '../src/channels/telegram/commands.js';
import { CHANNEL_MODULES } from '../src/channels/registry.js';
import { TELEGRAM_TEXT_LIMIT } from '../src/channels/telegram/split.js';
import { MAX_BROADCAST_TEXT } from '../src/features/announcements/schema.js';
import { MAX_DESCRIPTION, MAX_FILE_NAME } from '../src/features/complaints/schema.js';
import { Translator } from '../src/kernel/locale.js';
import { cutText } from '../src/lib/format.js';
import { MAX_TEXT } from '../src/runtime/conversation.js';
import { makeBot, say } from './support/app.js';
import { fileComplaint } from './complaints/helpers.js';
import * as tg from './support/telegram-updates.js';
import { startChannel, startFake, stopAll } from './telegram/harness.js';

afterEach(stopAll);

/** Whether `s` holds half a surrogate pair. */
const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** `n` UTF-16 units of complaint text ending in an emoji (two units). */
function description(n: number): string {
  const base = 'Izin usaha saya sudah tiga bulan tidak selesai dan petugas tidak menjawab. ';
  let s = '';
  while (s.length < n - 2) s += base;
  return `${s.slice(0, n - 2)}🙏`;
}

describe('one limit per field', () => {
  it('a complaint of the longest accepted description (3000, emoji last) is filed; one character more is refused with that limit', async () => {
    expect(MAX_TEXT).toBeGreaterThanOrEqual(MAX_DESCRIPTION); // the turn never cuts a description the form accepts
    const bot = makeBot();
    const text = description(MAX_DESCRIPTION);
    expect(text).toHaveLength(MAX_DESCRIPTION);
    const { ticket } = await fileComplaint(bot, 'telegram:320001', text);
    expect(ticket).toBeDefined();
    expect((await bot.complaints.require(ticket ?? '')).description).toBe(text);

    // One unit more (the emoji's second half past the limit) is refused with the limit named, as is the
    // same text sent as the answer to the form's question.
    const tooLong = await say(bot, 'telegram:320002', `/aduan ${description(MAX_DESCRIPTION + 1)}`);
    expect(tooLong.join('\n')).toMatch(/Ceritakan apa yang terjadi/);
    const again = await say(bot, 'telegram:320002', description(MAX_DESCRIPTION + 1));
    expect(again.join('\n')).toContain(`paling banyak ${MAX_DESCRIPTION} huruf`);
  });

  it('a broadcast of the longest accepted text, with its staff preview, is one message on every channel', () => {
    const pushing = CHANNEL_MODULES.filter((m) => m.capabilities.push);
    expect(pushing.length).toBeGreaterThan(0);
    for (const m of pushing) expect(MAX_BROADCAST_TEXT).toBeLessThanOrEqual(m.capabilities.maxText);
    const bot = makeBot();
    const t = new Translator(bot.app.locales, 'id');
    const preview = t.text('broadcast.preview', { when: t.text('broadcast.when.now'), text: 'x'.repeat(MAX_BROADCAST_TEXT), recipients: '12.345' });
    expect(preview.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
  });

  it('a long attachment file name is kept cut on whole characters, and the complaint is still filed', async () => {
    const bot = makeBot();
    const user = 'telegram:320003';
    await say(bot, user, '/aduan izin saya sudah 3 bulan tidak selesai, mau protes');
    const name = `${'a'.repeat(MAX_FILE_NAME - 1)}📄${'b'.repeat(50)}.pdf`;
    await say(bot, user, '', { attachments: [{ kind: 'document', fileId: 'BQACAgUAAx-doc', fileName: name }] });
    for (let i = 0; i < 3; i++) {
      const s = await bot.sessions.get(user);
      if ((s?.flow?.data as { step?: string } | undefined)?.step === 'confirm') break;
      await say(bot, user, 'lewati');
    }
    const ticket = /ADU-[0-9A-Z]{6}/.exec((await say(bot, user, 'ya')).join('\n'))?.[0];
    expect(ticket).toBeDefined();
    const stored = (await bot.complaints.require(ticket ?? '')).attachments[0]?.fileName ?? '';
    expect(stored).toBe('a'.repeat(MAX_FILE_NAME - 1));
    expect(hasLoneSurrogate(stored)).toBe(false);
  });
});

describe('cutting text on whole characters', () => {
  it('never leaves half a surrogate pair', () => {
    const text = `${'x'.repeat(9)}😀tail`;
    expect(cutText(text, 10)).toBe('x'.repeat(9));
    expect(cutText(text, 11)).toBe(`${'x'.repeat(9)}😀`);
    expect(cutText('abc', 10)).toBe('abc');
    for (let n = 0; n <= text.length; n++) expect(hasLoneSurrogate(cutText(text, n))).toBe(false);
  });

  it('a message longer than the turn reads is cut before an emoji it would halve', async () => {
    const bot = makeBot();
    const out = await bot.turn({ userKey: 'telegram:320004', text: `${'a'.repeat(MAX_TEXT - 1)}😀 kantor buka?` });
    expect(out.error).toBeUndefined();
    expect(out.result).toBeDefined();
  });

  it('staff command descriptions for Telegram\'s menu (256 at most) are cut whole', () => {
    const [c] = staffCommandList([{ name: 'siaran', help: `${'h'.repeat(255)}😀 more` }]);
    expect(c?.description).toBe('h'.repeat(255));
  });
});

describe('Telegram groups', () => {
  it('/batal@<bot> from the group "/" menu cancels the form', async () => {
    const fake = await startFake();
    const bot = makeBot();
    await startChannel(fake, bot);
    const group = tg.supergroup(-1_001_555_000_111);
    const ketut: tg.TgUser = { id: 320_010, first_name: 'Ketut' };
    const at = `@${fake.botUser.username}`;
    fake.pushUpdate(tg.groupText(ketut, group, `/aduan${at}`));
    await fake.waitFor(() => fake.sentTo(group.id).some((m) => /Ceritakan apa yang terjadi/.test(m.text)));
    expect((await bot.sessions.get(`telegram:${ketut.id}`))?.flow).toBeDefined();
    const before = fake.sentTo(group.id).length;
    fake.pushUpdate(tg.groupText(ketut, group, `/batal${at}`));
    const sent = await fake.waitForSent(group.id, before + 1);
    expect(sent[sent.length - 1]?.text).toMatch(/Pengaduan dibatalkan/);
    expect((await bot.sessions.get(`telegram:${ketut.id}`))?.flow).toBeUndefined();
  });
});
