/**
 * Causes found in blind set 23, through the real app (classifier, office data, in-memory store): being notified
 * asked for politely, keeping the announcements, declining the offer, a request for a person with nothing asked
 * besides, another agency's words (SPT, KITAS, capil), bringing documents in person, Javanese greetings, an email
 * spelled out.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('announcements', () => {
  it.each(['Can I get notified here when it reopens?', 'Bisa saya diberi kabar jika sudah dibuka kembali?'])('%j subscribes', async (text) => {
    const bot = makeBot();
    await talk(bot, 'telegram:2301', text);
    expect((await bot.subscriptions.get('telegram:2301'))?.subscribed).toBe(true);
  });

  it('"kl udh buka dikabarin gak" still only asks: answered and offered, nobody subscribed', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:2302', 'kl udh buka dikabarin gak');
    expect((await bot.subscriptions.get('telegram:2302'))?.subscribed ?? false).toBe(false);
  });

  it('"eh kok berhenti, maksudnya mau tetap langganan 😅" after a stop subscribes again', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:2303', 'langganan', 'berhenti', 'eh kok berhenti, maksudnya mau tetap langganan 😅');
    expect((await bot.subscriptions.get('telegram:2303'))?.subscribed).toBe(true);
  });

  it('"ga usah dikabari, saya pantau fb aja" after the offer subscribes nobody and says so kindly', async () => {
    const bot = makeBot();
    const [, , declined] = await talk(bot, 'telegram:2304', 'kantor buka ga?', 'sampai kapan?', 'ga usah dikabari, saya pantau fb aja');
    expect(declined).toMatch(/tidak apa-apa/);
  });
});

describe('the consultation desk', () => {
  it('"Selamat pagi. Bisa saya bicara dengan petugasnya saja nak? saya sudah tua tidak paham internet" asks for the question', async () => {
    const bot = makeBot();
    const [ask] = await talk(bot, 'telegram:2305', 'Selamat pagi. Bisa saya bicara dengan petugasnya saja nak? saya sudah tua tidak paham internet');
    expect(ask).toMatch(/tulis pertanyaan/i);
    expect(await bot.app.consultation.service.repo.list()).toEqual([]);
  });

  it('"pokoknya saya mau petugas" at the question step is asked for the question again, nothing sent', async () => {
    const bot = makeBot();
    const [, again] = await talk(bot, 'telegram:2306', 'mau tanya ke petugas', 'pokoknya saya mau petugas');
    expect(again).toMatch(/terlalu singkat|tulis pertanyaan/i);
    expect(await bot.app.consultation.service.repo.list()).toEqual([]);
  });
});

describe('understood as asked', () => {
  it.each([
    ['Mau lapor SPT tahunan dimana ya, efilingnya error terus', /pajak/i],
    ['Hi, I need to extend my KITAS, can you help?', /Imigrasi/i],
    ['gak bisa diantar langsung aja? rumah sy dkt kantor kok', /ditiadakan/],
    ['sugeng enjing pak 🙏', /Selamat datang|selamat datang/],
    ['kak aku mahasiswa lagi nulis skripsi ttg pelayanan publik, mau tanya skrg berapa persen pegawai yg masuk kantor?', /25%/],
    ['oh ini dinas perizinan ya', /asisten otomatis/],
    ['ya udah, bot ini bisa apa aja?', /Saya bisa membantu soal/],
    ['ada info terbaru apa?', /belum ditentukan/],
    ['terus pengaduan tatap muka gimana, bisa datang?', /ditiadakan/],
  ])('%j', async (text, answer) => {
    const [reply] = await talk(makeBot(), 'telegram:2307', text);
    expect(reply).toMatch(answer);
  });

  it('"oke, tapi bisa juga lewat sini kan? saya mau lapor" opens the complaint form', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:2308', 'oke, tapi bisa juga lewat sini kan? saya mau lapor');
    expect((await bot.sessions.get('telegram:2308'))?.flow?.kind).toBe('complaint');
  });

  it('an email spelled out at the contact step is taken', async () => {
    const replies = await talk(makeBot(), 'telegram:2309', 'mau lapor', 'baliho saya di jalan raya dicabut tanpa pemberitahuan', 'lewati', 'Made Arta', 'made dot arta at gmail dot com');
    expect(replies.at(-1)).toContain('made.arta@gmail.com');
  });
});
