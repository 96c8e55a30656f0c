/**
 * Causes found in blind set 17, through the real app (classifier, office data, in-memory store): nobody subscribed by
 * a question about subscribing or by a forwarded rumour, a fee asked by an officer, a permit named with a profession's
 * words, a person asked for inside the complaint form, being notified asked for, a bold forwarded announcement.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('no subscription from a misread', () => {
  it('"apa itu langganan pengumuman?" explains and offers; only a yes subscribes', async () => {
    const bot = makeBot();
    const [offer] = await talk(bot, 'telegram:1701', 'apa itu langganan pengumuman?');
    expect(offer).toMatch(/Balas \*?ya\*?/);
    expect((await bot.subscriptions.get('telegram:1701'))?.subscribed ?? false).toBe(false);
    await talk(bot, 'telegram:1701', 'ya');
    expect((await bot.subscriptions.get('telegram:1701'))?.subscribed).toBe(true);
  });

  it('a forwarded rumour of the reopening is answered with the closure and subscribes nobody', async () => {
    const bot = makeBot();
    const [reply] = await talk(bot, 'telegram:1702', 'Fwd: INFO TERBARU!!! Kantor perizinan Tabanan BUKA KEMBALI tgl 1 Oktober 2020, silakan datang bawa berkas lengkap. Sebarkan!!! -- bener ini pak?');
    expect(reply).toContain('Kuningan');
    expect((await bot.subscriptions.get('telegram:1702'))?.subscribed ?? false).toBe(false);
  });

  it('"kl udh buka dikabarin gak" asks: the reopening answered and the announcements offered, nobody subscribed; "kabari ya kalau sudah buka" asks for it', async () => {
    const bot = makeBot();
    const [asked] = await talk(bot, 'telegram:1703', 'kl udh buka dikabarin gak');
    expect(asked).toContain('Kuningan');
    expect((await bot.subscriptions.get('telegram:1703'))?.subscribed ?? false).toBe(false);
    await talk(bot, 'telegram:1708', 'tolong kabari ya kalau kantor sudah buka');
    expect((await bot.subscriptions.get('telegram:1708'))?.subscribed).toBe(true);
  });
});

describe('understood as asked', () => {
  it('an officer asking a fee at the pickup is a complaint, not the pickup answer', async () => {
    const [reply] = await talk(makeBot(), 'telegram:1704', 'pak ada petugas yang minta fee tambahan waktu saya ambil izin bulan lalu');
    expect(reply).toMatch(/pengaduan/i);
  });

  it('"kak aku perawat baru pindah ke rs di tabanan, mau perpanjang SIP gmn ya" gets the SIP form', async () => {
    const [reply] = await talk(makeBot(), 'telegram:1705', 'kak aku perawat baru pindah ke rs di tabanan, mau perpanjang SIP gmn ya');
    expect(reply).toContain('SIP');
    expect(reply).toContain('formulir-pendaftaran-izin');
  });

  it('"sy mau ngobrol sm petugas aja" at the description step leaves the complaint form for a person', async () => {
    const bot = makeBot();
    const [, person] = await talk(bot, 'telegram:1706', 'mau lapor', 'eh bentar, sy mau ngobrol sm petugas aja');
    expect(person).toMatch(/dibatalkan/i);
    expect(person).toMatch(/pertanyaan/i);
    expect((await bot.sessions.get('telegram:1706'))?.flow?.kind).toBe('consultation');
  });

  it('a bold "*PENGUMUMAN*" forwarded is answered as the closure stands, not with the staffing it mentions', async () => {
    const [reply] = await talk(
      makeBot(),
      'telegram:1707',
      '*PENGUMUMAN* Diteruskan dari grup banjar: mulai tanggal 14 September 2020 seluruh pelayanan tatap muka DPMPTSP ditutup, hanya 25% pegawai yang masuk. Pelayanan online tetap jalan. bener gak ini?',
    );
    expect(reply).toContain('14 September 2020');
    expect(reply).toMatch(/online|daring/);
  });
});
