/**
 * Causes found in blind set 10, through the real app (classifier, office data, in-memory store): money asked at a
 * site visit, a refusal without a reason, "tolong dicatat", a short "mau lapor", withholding a permit number with
 * its reason, leaving with the reason first, unsubscribing as people say it, a person rather than the bot, staff
 * away, land certificates referred, a wave.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('complaints as people tell them', () => {
  it('money asked by a field officer at the site visit is a complaint, and the form runs to its summary', async () => {
    const bot = makeBot();
    const [first, permit, name, contact] = await talk(bot, 'telegram:1001', 'petugas lapangan minta uang bensin 150rb pas survei lokasi tanah sy', 'lewati', 'lewati', 'lewati');
    expect(first).toMatch(/pengaduan Anda saya catat/i);
    expect(permit).toMatch(/Nama Anda/i);
    expect(name).toMatch(/Nomor HP atau email/i);
    expect(contact).toMatch(/Kirim pengaduan ini/i);
  });

  it('"tolong dicatat: …" and a permit refused without a reason are complaints', async () => {
    const bot = makeBot();
    const [recorded] = await talk(bot, 'telegram:1002', 'tolong dicatat: sudah 3 kali email ke kantor soal izin gak pernah dibalas');
    expect(recorded).toMatch(/pengaduan/i);
    const [refused] = await talk(makeBot(), 'telegram:1003', 'izin usaha sy ditolak terus tanpa alasan, padahal berkas lengkap');
    expect(refused).toMatch(/pengaduan/i);
  });

  it('"nomornya gak ada, wkt itu blm daftar" withholds the permit number and goes on to the name', async () => {
    const bot = makeBot();
    const [, skipped] = await talk(bot, 'telegram:1004', 'mau komplain, petugas loket tidak sopan waktu sy tanya syarat', 'nomornya gak ada, wkt itu blm sempet daftar');
    expect(skipped).toMatch(/Nama Anda/i);
  });

  it('leaving with the reason first leaves the form', async () => {
    const bot = makeBot();
    const [, left] = await talk(bot, 'telegram:1005', 'mau komplain', 'eh tp sy takut ketahuan orangnya, gak jadi deh. batal');
    expect(left).toMatch(/dibatalkan/i);
  });
});

describe('the announcements and a person', () => {
  it('"yaudah stop aja langganannya" unsubscribes', async () => {
    const bot = makeBot();
    await bot.subscriptions.set('telegram:1006', true, 'test', new Date());
    await talk(bot, 'telegram:1006', 'yaudah stop aja langganannya, sy pantau fb aja');
    expect((await bot.subscriptions.get('telegram:1006'))?.subscribed).toBe(false);
  });

  it('"gak mau sama robot, mau ngomong sama orang beneran" asks for the question for staff', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:1007', 'sy gak mau sama robot, mau ngomong sama orang beneran');
    expect(answer).toMatch(/pertanyaan/i);
    expect(answer).toMatch(/petugas/i);
  });

  it('staff away is answered with who comes in, not a complaint form', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:1008', 'pantesan lama, pegawainya pada libur semua ya?');
    expect(answer).toContain('25%');
    expect(answer).not.toMatch(/pengaduan Anda saya catat/i);
  });
});

describe('other agencies and emoji', () => {
  it('a land certificate is referred to the Land Office', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:1009', 'mau balik nama sertifikat tanah warisan, ngurusnya di sini juga?');
    expect(answer).toContain('BPN');
  });

  it('a wave is greeted', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:1010', '👋');
    expect(answer).not.toMatch(/belum paham/i);
  });
});

describe('in the middle of a form, and reports for other agencies', () => {
  it('a plain question at the description step is answered, then the description asked again', async () => {
    const bot = makeBot();
    const [, answer] = await talk(bot, 'telegram:1011', 'pengaduan', 'eh btw kantor buka jam brp ya hari ini?');
    expect(answer).toMatch(/08[.:]00|Senin/);
    expect(answer).toMatch(/Ceritakan apa yang terjadi/i);
  });

  it('"mau lapor ktp el sy blm jadi2" is referred to Disdukcapil, no complaint form opened', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:1012', 'mau lapor ktp el sy blm jadi2 udh 3 bulan');
    expect(answer).toContain('Disdukcapil');
    expect(answer).not.toMatch(/pengaduan Anda saya catat/i);
  });

  it('"kok blm ada tindak lanjut, sy mau ngomong sm petugasnya aja" asks for the question for staff', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:1013', 'kok blm ada tindak lanjut, sy mau ngomong sm petugasnya aja');
    expect(answer).toMatch(/pertanyaan/i);
    expect(answer).not.toMatch(/nomor tiket/i);
  });
});
