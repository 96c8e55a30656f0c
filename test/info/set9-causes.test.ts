/**
 * Causes found in blind set 9, through the real app (classifier, office data, in-memory store): wanting to
 * complain said first, a rude answer on the office's phone, a question the network reads as a complaint, another
 * agency's matter beside the office's, a statement naming a permit before a question of its own, the closure's
 * "until when" with what can be done meanwhile, OSS follow-ups after an answer that named OSS, leaving a form with
 * a long reason, a cancel that also thanks, "don't stop" that must not unsubscribe, and impatience with the bot
 * that is no question for staff.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('complaints as people start them', () => {
  it('"mau lapor …" opens the complaint form with the description taken', async () => {
    const bot = makeBot();
    const [first] = await talk(bot, 'telegram:901', 'mau lapor petugas loket sering dtg telat, jam 9 baru buka');
    expect(first).toMatch(/pengaduan Anda saya catat/i);
    expect(first).toMatch(/nomor izin atau nomor permohonan/i);
  });

  it('a rude answer on the office phone, told as a story, is a complaint', async () => {
    const bot = makeBot();
    const [first] = await talk(bot, 'telegram:902', 'kemarin sy telepon ke kantor, yang mengangkat kasar sekali, belum selesai bicara sudah ditutup. begitukah melayani masyarakat?');
    expect(first).toMatch(/pengaduan/i);
  });

  it('a question the network reads as a complaint opens no form ("bisa dikirim lewat email aja gak?")', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:903', 'bisa dikirim lewat email aja gak?');
    expect(answer).not.toMatch(/pengaduan Anda saya catat|Ceritakan masalah/i);
  });

  it('another agency\'s arrears are referred, not filed as a complaint', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:904', 'iuran bpjs sy nunggak 3 bulan, bisa dicicil di sini?');
    expect(answer).toContain('BPJS');
    expect(answer).not.toMatch(/pengaduan Anda saya catat/i);
  });
});

describe('several matters in one message', () => {
  it('another agency\'s matter beside a permit: the office\'s part answered and the other referred', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:905', 'mau ganti kk sekalian ngurus formulir siup, bisa?');
    expect(answer).toContain('formulir-pendaftaran-izin');
    expect(answer).toContain('Disdukcapil');
  });

  it('a statement naming a permit, then "is the office open?": both answered', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:906', 'sy mau ngurus ijin reklame buat toko. kantornya masih buka gak ya?');
    expect(answer).toContain('Reklame');
    expect(answer).toContain('ditiadakan sementara');
  });
});

describe('the closure and OSS, continued', () => {
  it('"until when" says what can be done online meanwhile', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:907', 'kapan sih bisa ngurus izin normal lagi?');
    expect(answer).toContain('belum ditentukan');
    expect(answer).toMatch(/online/i);
  });

  it('after an answer about NIB, "daftarnya dmn? gratis kan" and "ga punya email" continue OSS', async () => {
    const bot = makeBot();
    const [, where, email] = await talk(bot, 'telegram:908', 'nib itu buat apa sih', 'daftarnya dmn? gratis kan', 'kalo ga punya email bisa daftar?');
    expect(where).toContain('oss.go.id');
    expect(email).toMatch(/email/i);
    expect(email).toContain('oss.go.id');
  });

  it('"semua layanan?" after a closure answer says what is closed', async () => {
    const bot = makeBot();
    const [, all] = await talk(bot, 'telegram:909', 'kantor dpmptsp tutup dari kapan?', 'semua layanan?');
    expect(all).toMatch(/pelayanan perizinan/i);
    expect(all).toMatch(/verifikasi lapangan/i);
  });
});

describe('leaving, thanking and the announcements', () => {
  it('leaving the complaint form with a long reason leaves it', async () => {
    const bot = makeBot();
    const [, left] = await talk(bot, 'telegram:910', 'mau komplain', 'eh td gak jadi deh, batal aja. takut nanti urusannya malah dipersulit');
    expect(left).toMatch(/dibatalkan/i);
  });

  it('"ga jd, makasih" with nothing open is thanked, not told there is nothing to cancel', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:911', 'ga jd, makasih');
    expect(answer).not.toMatch(/tidak ada yang perlu dibatalkan/i);
    expect(answer).toMatch(/sama-sama|kembali/i);
  });

  it('"jangan berhenti kirim info ya" keeps a subscriber subscribed', async () => {
    const bot = makeBot();
    await bot.subscriptions.set('telegram:912', true, 'test', new Date());
    await talk(bot, 'telegram:912', 'jangan berhenti kirim info ya min, sy suka');
    expect((await bot.subscriptions.get('telegram:912'))?.subscribed).toBe(true);
  });

  it('"berhenti kirim2 pesan ke sy" unsubscribes', async () => {
    const bot = makeBot();
    await bot.subscriptions.set('telegram:913', true, 'test', new Date());
    await talk(bot, 'telegram:913', 'berhenti kirim2 pesan ke sy');
    expect((await bot.subscriptions.get('telegram:913'))?.subscribed).toBe(false);
  });
});

describe('a person asked for', () => {
  it('impatience with the bot is no question: the question is asked for, then stored as typed', async () => {
    const bot = makeBot();
    const [ask, stored] = await talk(bot, 'telegram:914', 'bisa ngobrol sama orang beneran gak sih, dr td muter2 aja', 'usaha katering rumahan perlu izin apa aja?');
    expect(ask).toMatch(/pertanyaan/i);
    expect(stored).toMatch(/KON-/);
  });
});
