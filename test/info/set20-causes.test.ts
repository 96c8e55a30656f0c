/**
 * Causes found in blind set 20, through the real app (classifier, office data, in-memory store): a complaint wanted
 * with a lead-in and its form asked for, words glued together, a formal yes at the confirmation, "this chat" as the
 * contact, leaving for a person, a self-introduction before the question, follow-ups after a filed complaint, a
 * correction, "the same for …", and the site visit, the reason and the office itself asked in other words.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('the complaint form', () => {
  it('"pokoknya sy mau lapor, mana formnya" opens the complaint form, not the forms page', async () => {
    const bot = makeBot();
    const [reply] = await talk(bot, 'telegram:2001', 'pokoknya sy mau lapor, mana formnya');
    expect(reply).toMatch(/Ceritakan apa yang terjadi/);
    expect((await bot.sessions.get('telegram:2001'))?.flow?.kind).toBe('complaint');
  });

  it('"minsayamaulapor" then a glued description is a complaint filed to the end', async () => {
    const bot = makeBot();
    const replies = await talk(bot, 'telegram:2002', 'minsayamaulapor', 'berkasizinsayasudah3minggubelumadakabarsamasekali', 'lewati', 'lewati', 'lewati', 'kirim');
    expect(replies.at(-1)).toMatch(/ADU-[A-Z0-9]{6}/);
    const [stored] = await bot.complaints.listOpen(new Date());
    expect(stored?.description).toContain('berkasizinsayasudah3minggu');
  });

  it('"Ya, benar. Silakan dikirim." at the confirmation files it; "wa aja ke nomor ini" at the contact step goes on', async () => {
    const bot = makeBot();
    const replies = await talk(bot, 'telegram:2003', 'mau lapor', 'halaman formulir di web dinas dari kemarin gak bisa dibuka', 'lewati', 'Ibu Ketut Rai', 'wa aja ke nomor ini', 'Ya, benar. Silakan dikirim.');
    expect(replies[4]).toMatch(/Ringkasan pengaduan/);
    expect(replies.at(-1)).toMatch(/ADU-[A-Z0-9]{6}/);
  });

  it('"eh salah, sy sebenernya cuma mau tanya2 ke petugas, bukan ngadu" leaves the form for a person', async () => {
    const bot = makeBot();
    const [, person] = await talk(bot, 'telegram:2004', 'mau lapor min', 'eh salah, sy sebenernya cuma mau tanya2 ke petugas, bukan ngadu');
    expect(person).toMatch(/dibatalkan/);
    expect(person).toMatch(/tulis pertanyaan/i);
    expect((await bot.sessions.get('telegram:2004'))?.flow?.kind).toBe('consultation');
  });

  it('"batal, sy cuma nanya" with nothing open says there is nothing to cancel', async () => {
    const [reply] = await talk(makeBot(), 'telegram:2005', 'batal, sy cuma nanya');
    expect(reply).toMatch(/tidak ada yang perlu dibatalkan/);
  });

  it('after a complaint is filed, "Terima kasih. Bagaimana saya dapat memantau tindak lanjutnya?" is about its status', async () => {
    const replies = await talk(makeBot(), 'telegram:2006', 'mau lapor', 'petugas loket minta uang tambahan supaya cepat', 'lewati', 'lewati', 'lewati', 'ya', 'Terima kasih. Bagaimana saya dapat memantau tindak lanjutnya?');
    expect(replies.at(-1)).toMatch(/ADU-|tiket/i);
    expect(replies.at(-1)).not.toMatch(/^Sama-sama/);
  });
});

describe('understood as asked', () => {
  it.each([
    ['Selamat pagi, saya guru SD, mau tanya pelayanan buka jam berapa?', /Jam layanan/],
    ['selamat pagi nak, ini kantor perijinan tabanan ya?', /Saya asisten otomatis|Pilih topik/],
    ['trus nanti ada yg dtg ngecek ke rumah gak kak', /Verifikasi lapangan/],
    ['jadi tidak ada petugas yang turun sama sekali ya?', /Verifikasi lapangan/],
    ['emang ada hubungannya sama galungan?', /zona merah/],
    ['teng kantor saget ngumpulke berkas?', /ditiadakan/],
    ['lha kok ra iso neng kantor to?', /ditiadakan/],
    ['saya udh langganan kok blm dapet info apa2', /belum ditentukan/],
    ['hehe sorry salah chat. makasih min', /Sama-sama/],
    ['kalau sudah diisi, berkasnya dikirim kemana?', /dikirim secara online/],
  ])('%j', async (text, answer) => {
    const [reply] = await talk(makeBot(), 'telegram:2007', text);
    expect(reply).toMatch(answer);
  });

  it('"I don\'t have an Indonesian NIK, only a KITAS" after an OSS answer is a question for staff', async () => {
    const [, reply] = await talk(makeBot(), 'telegram:2008', 'how do I register on OSS?', "I don't have an Indonesian NIK, only a KITAS");
    expect(reply).toMatch(/staff/i);
  });

  it('"eh maksud sy yg reklame" after the SIUP form gets the billboard form', async () => {
    const [, reklame] = await talk(makeBot(), 'telegram:2009', 'formulir siup dmn ya', 'eh maksud sy yg reklame');
    expect(reklame).toMatch(/Reklame/);
    expect(reklame).not.toMatch(/25%/);
  });

  it('"kl krk perlu cek lapangan?" after the KRK form is the site visit', async () => {
    const [, visit] = await talk(makeBot(), 'telegram:2010', 'formulir krk dmn', 'kl krk perlu cek lapangan?');
    expect(visit).toMatch(/Verifikasi lapangan/);
  });

  it('"Kalau sertifikat non perizinan juga sama?" after the pickup answer is not the site visit', async () => {
    const [, same] = await talk(makeBot(), 'telegram:2011', 'Untuk izin klien yang sudah selesai, apakah masih bisa diambil di loket?', 'Baik. Kalau sertifikat non perizinan juga sama?');
    expect(same).not.toMatch(/Verifikasi lapangan/);
    expect(same).toMatch(/ditiadakan/);
  });

  it('"udh kedaftar ya?" right after subscribing confirms the subscription', async () => {
    const [, again] = await talk(makeBot(), 'telegram:2012', 'langganan', 'udh kedaftar ya?');
    expect(again).toMatch(/berlangganan/);
  });

  it('"kapan ditindaklanjuti ya?" after a ticket is looked up stays with the ticket', async () => {
    const [, when] = await talk(makeBot(), 'telegram:2013', 'status ADU-7K3M9Q', 'kapan ditindaklanjuti ya?');
    expect(when).not.toMatch(/belum ditentukan/);
  });
});
