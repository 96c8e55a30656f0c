/**
 * Causes found in blind set 18, through the real app (classifier, office data, in-memory store): a question for
 * staff given after a colon, being put on the announcements inside a long letter, "dah ya", help by telephone
 * asked after the pickup answer, the counter asked for a named service or a permit, a permit wanted in a few words,
 * where documents go said as "online".
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('what the person asked for, done', () => {
  it('"sy mau tanya petugas aja lwt chat: <question>" stores the question at once, without the request before the colon', async () => {
    const bot = makeBot();
    const [stored] = await talk(bot, 'telegram:1801', 'oke sy mau tanya petugas aja lwt chat: pbg utk gudang perlu krk dulu ga?');
    expect(stored).toMatch(/KON-[A-Z0-9]+/);
    const [question] = await bot.app.consultation.service.repo.list();
    expect(question?.question).toBe('pbg utk gudang perlu krk dulu ga?');
  });

  it('a letter that asks to be put on the announcements subscribes, beside the closure answer', async () => {
    const bot = makeBot();
    const replies = await talk(
      bot,
      'telegram:1802',
      'selamat siang, saya pemilik usaha restoran kecil di tanah lot. sy dengar kantor tutup krn covid. mohon info kalau nanti ada pengumuman buka lagi, saya mau didaftarkan dapat info. trims',
    );
    expect(replies.join('\n')).toContain('Kuningan');
    expect(replies.join('\n')).not.toMatch(/Balas \*?ya\*?/);
    expect((await bot.subscriptions.get('telegram:1802'))?.subscribed).toBe(true);
  });

  it('a forwarded text asking to be listed subscribes nobody', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:1803', 'Fwd: kantor perizinan tutup sampai Kuningan. daftarkan diri anda utk dapat info pembukaan!!');
    expect((await bot.subscriptions.get('telegram:1803'))?.subscribed ?? false).toBe(false);
  });
});

describe('understood as asked', () => {
  it('"dah ya" takes leave', async () => {
    const [, bye] = await talk(makeBot(), 'telegram:1804', 'jam buka kantor?', 'dah ya');
    expect(bye).not.toMatch(/Ada lagi yang bisa saya bantu/);
    expect(bye).toMatch(/sampai jumpa|terima kasih telah/i);
  });

  it('help by telephone asked after the pickup answer gets the call center, not the pickup again', async () => {
    const [, phone] = await talk(
      makeBot(),
      'telegram:1805',
      'kakek sy mau tanya izin toko swalayan nya sdh jadi, bisa diambil di loket?',
      'kakek gak bisa internet, bisa dibantu lewat telpon?',
    );
    expect(phone).toMatch(/call center/i);
    expect(phone).not.toMatch(/Pengambilan izin/);
  });

  it('a telco outage asked by telephone stays out of scope', async () => {
    const [reply] = await talk(makeBot(), 'telegram:1806', 'internet saya mati, bisa dibantu lewat telpon?');
    expect(reply).toMatch(/belum paham/);
  });

  it('"pendampingan oss di loket masih bisa?" is told the counter is closed and OSS goes online', async () => {
    const [reply] = await talk(makeBot(), 'telegram:1807', 'mau minta rekomendasi, sama pendampingan oss di loket masih bisa?');
    expect(reply).toMatch(/ditiadakan|ditutup/);
    expect(reply).toMatch(/OSS/);
  });

  it('"KRK tanah di Kediri, hrs datang ke kantor?" is the counter\'s state, not the site visit', async () => {
    const [reply] = await talk(makeBot(), 'telegram:1808', 'Om swastiastu. sy anaknya bu Ketut, beliau mau minta KRK tanah di Kediri, hrs datang ke kantor?');
    expect(reply).toMatch(/ditiadakan|ditutup/);
    expect(reply).not.toMatch(/^Verifikasi lapangan/);
  });

  it.each(['mau minta KRK', 'mau bikin SIUP', 'butuh TDUP'])('"%s" gets that permit\'s form, not "a question for staff"', async (text) => {
    const [form] = await talk(makeBot(), 'telegram:1809', text);
    expect(form).toContain('formulir-pendaftaran-izin');
    expect(form).not.toMatch(/dijawab oleh petugas/);
  });

  it('where documents go is said as online', async () => {
    const [reply] = await talk(makeBot(), 'telegram:1810', 'berkas persyaratan dikirim kemana ya klo ga bisa ke kantor');
    expect(reply).toMatch(/online/);
  });
});
