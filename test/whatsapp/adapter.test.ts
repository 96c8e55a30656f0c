/**
 * The WhatsApp channel driven through a fake whatsapp-web.js client and the real bot (engine, classifier,
 * office data): what a citizen sends, what they get back, and what is never answered or never sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WHATSAPP_CONTACTS, WhatsAppContact } from '../../src/channels/whatsapp/adapter.js';
import { plain } from '../../src/kernel/message.js';
import { PlatformApiError } from '../../src/lib/errors.js';
import { harness, type Harness } from './harness.js';

const CITIZEN = '6281234567890@c.us';
const LID = '204938475610234@lid';

let h: Harness | undefined;
afterEach(async () => {
  await h?.channel.stop();
  h = undefined;
});

async function converse(hh: Harness, from: string, text: string): Promise<string[]> {
  const before = hh.wa.current.textsTo(from).length;
  hh.wa.current.receive(from, text);
  await hh.channel.whenIdle();
  return hh.wa.current.textsTo(from).slice(before);
}

describe('WhatsApp conversation', () => {
  it('answers a whole citizen conversation: greeting, menu number, closure answer, subscription', async () => {
    h = harness();
    await h.start();

    const greeting = await converse(h, CITIZEN, 'halo');
    expect(greeting).toHaveLength(1);
    expect(greeting[0]).toContain('selamat datang di layanan chat *DPMPTSP Tabanan*');
    // The menu is numbered text (no buttons on WhatsApp).
    expect(greeting[0]).toContain('1. Status layanan tatap muka');
    expect(greeting[0]).toContain('10. Langganan pengumuman');

    const closure = await converse(h, CITIZEN, '1');
    expect(closure[0]).toContain('*ditiadakan sementara*');
    expect(closure[0]).toContain('14 September 2020');
    // Links stay plain and intact (no formatting fences inside them).
    expect(closure.join('\n')).toContain('(http://dpmptsp.tabanankab.go.id/formulir-pendaftaran-izin)');
    expect(closure.at(-1)).toBe('Ingin mendapat pengumuman saat layanan dibuka kembali? Balas *ya* atau ketik *langganan*.');

    const subscribed = await converse(h, CITIZEN, 'langganan');
    expect(subscribed).toEqual(['Anda sudah berlangganan pengumuman DPMPTSP Tabanan. Ketik *berhenti* kapan saja untuk berhenti.']);
    expect((await h.bot.subscriptions.get(`whatsapp:${CITIZEN}`))?.subscribed).toBe(true);
    // Replies go to the chat they came from, with sendSeen off (whatsapp-web.js #5718).
    expect(h.wa.current.sent.every((s) => s.chatId === CITIZEN && s.options?.sendSeen === false)).toBe(true);
  });

  it('ignores groups, status updates, channels, broadcast lists and its own messages', async () => {
    h = harness();
    await h.start();
    const c = h.wa.current;
    c.receive('120363041234567890@g.us', 'halo', { author: CITIZEN });
    c.receive('status@broadcast', 'halo', { isStatus: true });
    c.receive('120363022222222222@newsletter', 'halo');
    c.receive('1234567890@broadcast', 'halo', { broadcast: true });
    c.receive(CITIZEN, 'halo', { fromMe: true });
    c.receive(CITIZEN, '', { type: 'e2e_notification' });
    await h.channel.whenIdle();
    expect(c.sent).toEqual([]);
    expect(h.inbound).toEqual([]);
    // A real message after them is answered: the filter is not just "answer nothing".
    expect(await converse(h, CITIZEN, 'halo')).toHaveLength(1);
  });

  it('keys @lid and @c.us senders by the id WhatsApp gives; a phone number only from @c.us', async () => {
    h = harness();
    await h.start();
    await converse(h, LID, 'halo');
    await converse(h, LID, 'langganan');
    await converse(h, CITIZEN, 'halo');
    expect(h.inbound.map((m) => m.userKey)).toEqual([`whatsapp:${LID}`, `whatsapp:${LID}`, `whatsapp:${CITIZEN}`]);
    expect(h.inbound[0]?.phone).toBeUndefined();
    expect(h.inbound[2]?.phone).toBe('6281234567890');
    // One person, one key: both @lid turns landed in the same session, and the subscription is theirs.
    expect((await h.bot.sessions.get(`whatsapp:${LID}`))?.turns).toBe(2);
    expect((await h.bot.subscriptions.get(`whatsapp:${LID}`))?.subscribed).toBe(true);
    expect(h.wa.current.textsTo(LID)[1]).toContain('berlangganan');
  });

  it('passes an image with a caption as an attachment and answers the caption', async () => {
    h = harness();
    await h.start();
    h.wa.current.receive(CITIZEN, 'formulir izin', {
      type: 'image',
      hasMedia: true,
      mediaKey: 'MEDIAKEY1',
      _data: { mimetype: 'image/jpeg' },
    });
    await h.channel.whenIdle();
    const msg = h.inbound[0];
    expect(msg?.text).toBe('formulir izin');
    expect(msg?.attachments).toEqual([{ kind: 'photo', fileId: expect.stringMatching(/^false_6281234567890@c\.us_/), mimeType: 'image/jpeg' }]);
    const answer = h.wa.current.textsTo(CITIZEN).join('\n');
    expect(answer).toMatch(/formulir pendaftaran izin/i);
    expect(answer).toContain('http://dpmptsp.tabanankab.go.id/formulir-pendaftaran-izin');
    expect(answer).not.toContain('hanya bisa membaca pesan teks');
  });

  it('tells the sender of a voice note that it reads text', async () => {
    h = harness();
    await h.start();
    h.wa.current.receive(CITIZEN, '', { type: 'ptt', hasMedia: true, _data: { mimetype: 'audio/ogg; codecs=opus' } });
    await h.channel.whenIdle();
    expect(h.inbound[0]?.attachments?.[0]).toMatchObject({ kind: 'voice', mimeType: 'audio/ogg; codecs=opus' });
    expect(h.wa.current.textsTo(CITIZEN)).toEqual(['Maaf, saya hanya bisa membaca pesan teks. Tulis pertanyaan Anda, atau ketik *menu*.']);
  });

  it('does not read a location thumbnail as text', async () => {
    h = harness();
    await h.start();
    h.wa.current.receive(CITIZEN, '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQ', { type: 'location' });
    await h.channel.whenIdle();
    expect(h.inbound[0]).toMatchObject({ text: '', attachments: [{ kind: 'location' }] });
    expect(h.wa.current.textsTo(CITIZEN)[0]).toContain('hanya bisa membaca pesan teks');
  });

  it('runs a staff command for an allow-listed number (bare digits or @lid) and refuses it for anyone else', async () => {
    h = harness({ STAFF_WHATSAPP_IDS: `6281111111111,${LID}` });
    await h.start();
    const staff = await converse(h, '6281111111111@c.us', '/staf');
    expect(staff[0]).toContain('Perintah petugas:');
    const staffLid = await converse(h, LID, '/staf');
    expect(staffLid[0]).toContain('Perintah petugas:');
    const other = await converse(h, CITIZEN, '/staf');
    expect(other).toEqual(['Perintah ini khusus petugas kantor.']);
  });

  it('answers one chat in order while another chat is served in parallel', async () => {
    h = harness({}, { typingMaxMs: 20, typingMsPerChar: 1 });
    await h.start();
    const c = h.wa.current;
    c.receive(CITIZEN, 'halo');
    c.receive(LID, 'halo');
    c.receive(CITIZEN, 'langganan');
    await h.channel.whenIdle();
    const mine = c.textsTo(CITIZEN);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toContain('selamat datang');
    expect(mine[1]).toContain('berlangganan');
    expect(c.textsTo(LID)).toHaveLength(1);
    // A "typing…" state was shown before replying.
    expect(c.typing).toContain(CITIZEN);
  });
});

describe('WhatsApp send (notifications, broadcasts)', () => {
  it('refuses to send to someone who never wrote first, with a 403 PlatformApiError', async () => {
    h = harness();
    await h.start();
    const err = await h.channel.send('whatsapp:6289999999999@c.us', [plain('Kantor buka kembali')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformApiError);
    expect((err as PlatformApiError).code).toBe(403);
    expect((err as PlatformApiError).message).toMatch(/never wrote to the bot/);
    expect(h.wa.current.sent).toEqual([]);
  });

  it('sends to someone who wrote first, recorded with the first-seen time', async () => {
    h = harness();
    await h.start();
    await converse(h, LID, 'halo');
    const contact = await h.store.collection(WHATSAPP_CONTACTS, WhatsAppContact).get(`whatsapp:${LID}`);
    expect(Date.parse(contact?.firstSeen ?? '')).not.toBeNaN();
    await h.bot.sendTo(`whatsapp:${LID}`, [{ parts: [{ text: 'Kantor ' }, { text: 'buka', bold: true }, { text: ' 1 Oktober' }] }]);
    expect(h.wa.current.textsTo(LID).at(-1)).toBe('Kantor *buka* 1 Oktober');
  });

  it('refuses a key of another platform', async () => {
    h = harness();
    await h.start();
    await expect(h.channel.send('telegram:123', [plain('x')])).rejects.toMatchObject({ code: 400 });
  });
});
