/**
 * A citizen's conversation end to end: signed webhooks from the fake Graph → WhatsAppCloudChannel → the
 * real bot (office data, classifier, engine) → Graph message bodies the fake checks as Graph would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GraphCall } from '../support/fake-graph.js';
import { startCloud, stopAll, textsTo } from './harness.js';

afterEach(stopAll);

const WAYAN = { waId: '6281234500002', name: 'Wayan' };
/** A person with a username: Meta gives only the business-scoped id. */
const KOMANG = { userId: 'ID.1502576394655843', name: 'Komang' };

type Interactive = { type: string; body: { text: string }; action: { button?: string; buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string; description?: string }[] }[] } };
const interactiveOf = (c: GraphCall | undefined): Interactive | undefined => (c?.body.type === 'interactive' ? (c.body.interactive as Interactive) : undefined);

describe('WhatsApp Cloud API citizen conversation', () => {
  it('greeting → the menu as a list → a row picked → its answer; a typed number works too', async () => {
    const { fake, channel } = await startCloud();
    await fake.message(WAYAN, 'halo');
    const [welcome] = await fake.waitForSent(WAYAN.waId, 1);
    const list = interactiveOf(welcome);
    expect(list?.type).toBe('list');
    expect(list?.body.text).toMatch(/selamat datang/i);
    // The office name is bold in the template: WhatsApp's *…*.
    expect(list?.body.text).toMatch(/\*DPMPTSP[^*]*\*/);
    expect(list?.action.button).toBe('Pilih topik');
    const rows = list?.action.sections?.[0]?.rows ?? [];
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ id: 'opt:1', title: '1. Status layanan tatap…', description: 'Status layanan tatap muka' });

    // Picking row 1 works like sending "1": the closure status.
    await fake.message(WAYAN, { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'opt:1', title: rows[0]?.title ?? '' } } });
    await fake.waitFor(() => textsTo(fake, WAYAN.waId).slice(1).some((t) => /ditiadakan sementara|buka seperti biasa/.test(t)));
    await channel.whenIdle();
    const before = fake.sentTo(WAYAN.waId).length;
    await fake.message(WAYAN, '6');
    await fake.waitForSent(WAYAN.waId, before + 1);
    await channel.whenIdle();
    expect(textsTo(fake, WAYAN.waId).slice(before).join('\n')).toContain('Kabupaten Tabanan');
    // Nothing was refused along the way; every message went to the phone number.
    expect(fake.calls.filter((c) => c.status !== 200)).toEqual([]);
    expect(fake.sends().every((c) => c.body.to === WAYAN.waId && c.body.recipient === undefined)).toBe(true);
  });

  it('files a complaint to a ticket, keyed by the business-scoped id when Meta withholds the number', async () => {
    const { fake, bot, channel } = await startCloud();
    const to = KOMANG.userId;
    let n = 0;
    const say = async (text: string): Promise<string> => {
      // The webhook is answered once stored; the turn and its replies follow.
      expect((await fake.message(KOMANG, text)).status).toBe(200);
      await channel.whenIdle();
      const texts = textsTo(fake, to).slice(n);
      n = fake.sentTo(to).length;
      return texts.join('\n');
    };
    expect(await say('izin saya sudah 3 bulan tidak selesai, mau protes')).toContain('nomor izin atau nomor permohonan');
    expect(await say('503/123/DPMPTSP/2020')).toContain('Nama Anda?');
    expect(await say('Komang Ayu')).toContain('Nomor HP atau email');
    expect(await say('lewati')).toContain('Ringkasan pengaduan');
    const done = await say('ya');
    const ticket = /ADU-[0-9A-HJKMNP-TV-Z]{6}/.exec(done)?.[0];
    expect(ticket).toBeDefined();
    const stored = await bot.complaints.repo.get(ticket ?? '');
    expect(stored).toMatchObject({ ownerKey: `wacloud:${KOMANG.userId}`, status: 'baru', permitNumber: '503/123/DPMPTSP/2020', name: 'Komang Ayu' });
    // Sent by the business-scoped id: no phone number was ever given.
    expect(fake.sends().every((c) => c.body.recipient === KOMANG.userId && c.body.to === undefined)).toBe(true);
  });

  it('passes media by id (not downloaded), locations, and the phone number only when Meta gives it', async () => {
    const { fake, bot, channel } = await startCloud();
    const received: { userKey: string; text: string; phone?: string; attachments?: readonly unknown[] }[] = [];
    const handle = bot.app.host.handle;
    bot.app.host.handle = async (m) => {
      received.push(m);
      return handle(m);
    };
    await fake.message({ waId: '6281234500003', userId: 'ID.77001' }, { type: 'image', image: { id: 'MEDIA-4411', mime_type: 'image/jpeg', caption: 'Foto KTP untuk pengaduan' } });
    await fake.message(KOMANG, { type: 'location', location: { latitude: -8.54, longitude: 115.12, name: 'Kantor' } });
    await fake.message(KOMANG, { type: 'document', document: { id: 'MEDIA-4412', mime_type: 'application/pdf', filename: 'NIB.pdf' } });
    await fake.waitFor(() => received.length === 3);
    await channel.whenIdle();
    expect(received.map(({ userKey, text, phone, attachments }) => ({ userKey, text, phone, attachments }))).toEqual([
      { userKey: 'wacloud:ID.77001', text: 'Foto KTP untuk pengaduan', phone: '6281234500003', attachments: [{ kind: 'photo', fileId: 'MEDIA-4411', mimeType: 'image/jpeg' }] },
      { userKey: `wacloud:${KOMANG.userId}`, text: '', phone: undefined, attachments: [{ kind: 'location' }] },
      { userKey: `wacloud:${KOMANG.userId}`, text: '', phone: undefined, attachments: [{ kind: 'document', fileId: 'MEDIA-4412', mimeType: 'application/pdf', fileName: 'NIB.pdf' }] },
    ]);
    // Nothing was fetched at arrival; on demand, the media id gives a URL.
    expect(fake.calls.filter((c) => c.method === 'GET')).toEqual([]);
    expect((await channel.media('MEDIA-4411')).url).toContain('MEDIA-4411');
    // With both ids known, replies go to the phone number (Meta's advice).
    expect(fake.sentTo('6281234500003').length).toBeGreaterThan(0);
  });
});
