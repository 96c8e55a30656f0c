/**
 * Causes found in blind set 24 (a first pass), through the real app: a fee asked by an officer, Javanese leaving and
 * thanks, a phone number said in words, staff asked to be connected, the counter in English, where a business
 * begins, whether a permit is needed, and rumours of a reopening; then (a second pass) Balinese and Javanese words, a
 * person asked for after an aside, whether complaints go through this chat, and answers taken in.
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

describe('second pass', () => {
  it.each([
    ['Halo, kabarnya kantor udah buka ya?', /ditiadakan sementara/],
    ['tiang jagi nakenang, kantor e buka napi ten?', /ditiadakan sementara/],
    ['kulo perantau saking Banyuwangi, badhe buka warung bakso teng Tabanan. izin e piye mas?', /formulir-pendaftaran-izin/],
    ['yaudah deh online aja. apa aja yang bisa online?', /Yang tetap bisa dilakukan secara online/],
    ['trus kalo pasang spanduk pengajian akbar di pinggir jalan, itu izin reklame juga?', /Reklame/],
    ['wkwk cuma nyoba', /belum paham/],
    ['udh dapet 👍', /^Baik\./],
    ['owalah, ok deh', /^Baik\./],
    ['Will someone come to inspect my building site for the PBG application?', /verification|site/i],
  ])('%j', async (text, answer) => {
    const [reply] = await talk(makeBot(), 'telegram:2410', text);
    expect(reply).toMatch(answer);
  });

  it('"kalau warga mau mengadu, bisa lewat chat ini?" opens the form and asks what happened (the question is no description)', async () => {
    const bot = makeBot();
    const replies = await talk(bot, 'telegram:2411', 'kalau warga mau mengadu, bisa lewat chat ini?');
    expect((await bot.sessions.get('telegram:2411'))?.flow?.kind).toBe('complaint');
    expect(replies.join(' ')).not.toMatch(/dicatat|Saya catat/i);
    expect(replies.at(-1)).toMatch(/ceritakan|jelaskan|apa yang terjadi|masalah/i);
  });

  it.each([
    ['nak bisa bicara sama pegawai kantor?', 'saya mau tanya apa tanah saya di desa Kediri boleh dibangun toko'],
    ['wkwk pantes. bisa sambung ke manusia?', 'saya mau nanya syarat SIP bidan untuk praktik mandiri di rumah apa aja'],
    ['ampura, dados tiang metakon langsung ring pegawai?', 'villa sane ring tanah sawah dados polih TDUP napi ten? lokasine ring Kediri'],
  ])('%j asks for the question, and the question next is sent with a KON- number', async (request, question) => {
    const [asked, sent] = await talk(makeBot(), 'telegram:2412', request, question);
    expect(asked).not.toMatch(/KON-/);
    expect(sent).toMatch(/KON-[A-Z0-9]{6}/);
  });

  it('"oke sip, nanti minta tolong anak bikinin email" after the OSS answers is taken in, not OSS again', async () => {
    const replies = await talk(makeBot(), 'telegram:2413', 'min mau daftar NIB buat usaha laundry kiloan gmn caranya', 'hrs pake email ya? sy gak pny email 😅', 'oke sip, nanti minta tolong anak bikinin email');
    expect(replies.at(-1)).toMatch(/^Baik\./);
  });

  it('a ticket not found, "kemarin saya udah lapor lewat nomor lain", is asked for by number', async () => {
    const replies = await talk(makeBot(), 'telegram:2414', 'cek status pengaduan', 'ADU-9X2P4L', 'kok gak ada? kemarin saya udah lapor lewat nomor lain');
    expect(replies.at(-1)).toMatch(/ADU-/);
  });

  it('"lah katanya semua urusan di pelayanan satu pintu" after a referral names the other agency again', async () => {
    const replies = await talk(makeBot(), 'telegram:2415', 'mau bikin akta kelahiran anak, syaratnya apa aja', 'lah katanya semua urusan di pelayanan satu pintu');
    expect(replies.at(-1)).toMatch(/Disdukcapil/);
  });
});
