/**
 * Causes found in blind set 22, through the real app (classifier, office data, in-memory store): "mau pengaduan",
 * "lewati juga", an email typed with spaces, a question put off, an offer declined, a request for staff in English,
 * the office asked after a permit is told, holidays and "until", asides and greetings, forwarded announcements.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('forms', () => {
  it('"saya mau pengaduan. …" opens the complaint form; "lewati juga" skips; an email typed with spaces is taken', async () => {
    const bot = makeBot();
    const replies = await talk(bot, 'telegram:2201', 'saya mau pengaduan. sudah upload berkas izin toko swalayan lewat online 3 minggu lalu tapi statusnya tidak berubah sama sekali', 'lewati', 'lewati juga', 'ayu.putu88 @ gmail . com');
    expect(replies[0]).toMatch(/pengaduan Anda saya catat/);
    expect(replies[3]).toMatch(/Ringkasan pengaduan/);
    expect(replies[3]).toContain('ayu.putu88@gmail.com');
  });

  it('"Baik, nanti saja saya hubungi lagi. Selamat malam" at the question step sends nothing to staff', async () => {
    const bot = makeBot();
    const [, later] = await talk(bot, 'telegram:2202', 'mau tanya ke petugas', 'Baik, nanti saja saya hubungi lagi. Selamat malam');
    expect(later).toMatch(/Konsultasi dibatalkan/);
    expect(await bot.app.consultation.service.repo.list()).toEqual([]);
  });

  it('"Hi, I\'d like to speak with a staff member please. My question: …" sends the question at once', async () => {
    const [sent] = await talk(makeBot(), 'telegram:2203', "Hi, I'd like to speak with a staff member please. My question: my PBG application was submitted online on 1 September, has it been reviewed yet?");
    expect(sent).toMatch(/KON-[A-Z0-9]{6}/);
  });

  it('"gak usah dikabarin, …" declines the offer, subscribing nobody', async () => {
    const bot = makeBot();
    const [, declined] = await talk(bot, 'telegram:2204', 'kapan normal lagi', 'gak usah dikabarin, nanti saya pantau sendiri di fb');
    expect(declined).toMatch(/tidak apa-apa/);
    expect((await bot.subscriptions.get('telegram:2204'))?.subscribed ?? false).toBe(false);
  });

  it('"min sy sering dpt pengumuman dr nomor ini, gmn cara berhentinya?" leaves the announcements', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:2205', 'langganan', 'min sy sering dpt pengumuman dr nomor ini, gmn cara berhentinya?');
    expect((await bot.subscriptions.get('telegram:2205'))?.subscribed).toBe(false);
  });
});

describe('understood as asked', () => {
  it.each([
    ['Tiang punya homestay di Bedugul, mau daftar TDUP. Kantornya buka?', /ditiadakan/],
    ['Hi there, I own a small villa near Kedungu beach and need to sort out my tourism business registration (TDUP). Is your office open at the moment?', /closed/],
    ['oalah salah nomor 🤦 ok deh bye', /Terima kasih telah menghubungi/],
    ['halo ini siapa ya, tadi cucu saya kasih nomor ini', /asisten otomatis/],
    ['woy min', /asisten otomatis/],
    ['ribet ya ada yg bisa bantu langsung gak', /petugas/],
    ['berkase dikirim pundi?', /dikirim secara online/],
    ["Diteruskan dari grup banjar: 'Sehubungan dengan Kabupaten Tabanan ditetapkan sebagai zona merah COVID-19, terhitung mulai 14 September 2020 DPMPTSP Kab. Tabanan menutup seluruh pelayanan tatap muka'. Ini beneran min?", /ditiadakan/],
  ])('%j', async (text, answer) => {
    const [reply] = await talk(makeBot(), 'telegram:2206', text);
    expect(reply).toMatch(answer);
  });

  it('"sampai Kuningan gen?" after the closure is until when, not why', async () => {
    const [, until] = await talk(makeBot(), 'telegram:2207', 'kantor tutup ya?', 'sampai Kuningan gen?');
    expect(until).toMatch(/belum ditentukan/);
    expect(until).not.toMatch(/zona merah/);
  });

  it('"What is NIB and why would I need it?" then "where do I get one?" stay with OSS', async () => {
    const [nib, where] = await talk(makeBot(), 'telegram:2208', 'What is NIB and why would I need it?', 'where do I get one?');
    expect(nib).not.toMatch(/red zone/);
    expect(where).toMatch(/oss\.go\.id/);
  });

  it('"I\'m not Indonesian tho, I don\'t have a NIK. how does that work?" is a question for staff', async () => {
    const [reply] = await talk(makeBot(), 'telegram:2209', "I'm not Indonesian tho, I don't have a NIK. how does that work?");
    expect(reply).toMatch(/staff/i);
  });

  it('"oke deh. btw dpmptsp itu ngurus apa aja sih?" is the menu', async () => {
    const [reply] = await talk(makeBot(), 'telegram:2210', 'oke deh. btw dpmptsp itu ngurus apa aja sih?');
    expect(reply).toMatch(/Saya bisa membantu soal/);
  });
});
