/**
 * Causes found in blind set 24 (a first pass), through the real app: a fee asked by an officer, Javanese leaving and
 * thanks, a phone number said in words, staff asked to be connected, the counter in English, where a business
 * begins, whether a permit is needed, and rumours of a reopening.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('forms', () => {
  it('"Petugas yang datang cek lokasi kemarin minta uang rokok 200 ribu, …" opens the complaint form', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:2401', 'Petugas yang datang cek lokasi kemarin minta uang rokok 200 ribu, memang aturannya begitu?');
    expect((await bot.sessions.get('telegram:2401'))?.flow?.kind).toBe('complaint');
  });

  it('a phone number said in words is the contact; "mboten sios mas, batal mawon" leaves the form', async () => {
    const [, , , , summary] = await talk(makeBot(), 'telegram:2402', 'mau lapor', 'website error terus waktu upload berkas', 'lewati', 'Wayan', 'nol delapan satu dua - tiga tiga empat - lima lima enam tujuh');
    expect(summary).toContain('08123345567');
    const replies = await talk(makeBot(), 'telegram:2403', 'mau lapor', 'website error terus waktu upload berkas', 'mboten sios mas, batal mawon');
    expect(replies.at(-1)).toMatch(/dibatalkan/);
  });

  it('"Mohon disambungkan ke petugas. Saya ingin bertanya apakah …" sends the question at once', async () => {
    const [sent] = await talk(makeBot(), 'telegram:2404', 'Mohon disambungkan ke petugas. Saya ingin bertanya apakah izin reklame untuk baliho ukuran 4x6 meter di pinggir jalan provinsi bisa diurus di Tabanan?');
    expect(sent).toMatch(/KON-[A-Z0-9]{6}/);
  });
});

describe('understood as asked', () => {
  it.each([
    ['jazakallah khairan', /Sama-sama/],
    ['owh yaudah online aja. makasih bos', /Sama-sama/],
    ['Is face-to-face service available now?', /closed/],
    ['halo min, baru lulus nih mau buka coffee shop kecil2an di Kediri. mulai dr mana ya urus izinnya', /OSS/],
    ['Assalamualaikum. kami takmir masjid Al-Ikhlas Kediri, mau renovasi & nambah lantai 2. perlu PBG gak ya?', /PBG/],
    ['oh salah kirim wkwk. emg ini bisa bantu apa aja?', /Saya bisa membantu soal/],
    ['kak katanya tgl 1 oktober udah buka ya? temen gw bilang', /belum ditentukan/],
  ])('%j', async (text, answer) => {
    const [reply] = await talk(makeBot(), 'telegram:2405', text);
    expect(reply).toMatch(answer);
  });
});
