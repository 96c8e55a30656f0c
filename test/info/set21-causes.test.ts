/**
 * Causes found in blind set 21, through the real app (classifier, office data, in-memory store): a person asked for
 * with the question is sent at once, a complaint instead of the question, names with brackets, a yes said the
 * Balinese way, complaints asked for in two words or again, greetings with a name, leaving the announcements inside
 * a cancel, the offer made again to whoever asks to be told, words with their vowels dropped, and follow-ups that
 * stand on their own.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('questions for staff and complaints', () => {
  it('"mau konsultasi sama petugas, <question>" sends the question at once, without the request', async () => {
    const bot = makeBot();
    const [sent] = await talk(bot, 'telegram:2101', 'mau konsultasi sama petugas, kalau pasang spanduk buat acara odalan di pura perlu izin reklame juga gak?');
    expect(sent).toMatch(/KON-[A-Z0-9]{6}/);
    const [question] = await bot.app.consultation.service.repo.list();
    expect(question?.question).toBe('kalau pasang spanduk buat acara odalan di pura perlu izin reklame juga gak?');
  });

  it('"Can I talk to a staff member? … I want to know if …" is sent at once', async () => {
    const [sent] = await talk(makeBot(), 'telegram:2102', 'Can I talk to a staff member? In English please. I want to know if a foreign-owned company (PT PMA) can apply for a TDUP for a villa.');
    expect(sent).toMatch(/KON-[A-Z0-9]{6}/);
  });

  it('a greeting and who writes before the request asks for the question, sending nothing yet', async () => {
    const bot = makeBot();
    const [ask] = await talk(bot, 'telegram:2103', 'sore, sy dr. Putu dari klinik pratama. mau bicara dengan petugas');
    expect(ask).toMatch(/tulis pertanyaan/i);
    expect(await bot.app.consultation.service.repo.list()).toEqual([]);
  });

  it('"yaudah kalau gitu saya mau tanya ke petugas aja: <question>" sends the question, not the OSS answer', async () => {
    const [sent] = await talk(makeBot(), 'telegram:2104', 'yaudah kalau gitu saya mau tanya ke petugas aja: bisa pakai email anak saya untuk daftar OSS?');
    expect(sent).toMatch(/KON-[A-Z0-9]{6}/);
  });

  it('"eh gak jadi, sy mau lapor aja. <matter>" at the question step opens the complaint form and sends nothing to staff', async () => {
    const bot = makeBot();
    const [, changed] = await talk(bot, 'telegram:2105', 'bisa ngobrol sama cs / orang beneran?', 'eh gak jadi, sy mau lapor aja. petugas survei datang terlambat 3 jam dan tdk sopan');
    expect(changed).toMatch(/Konsultasi dibatalkan/);
    expect(changed).toMatch(/pengaduan Anda saya catat/);
    expect(await bot.app.consultation.service.repo.list()).toEqual([]);
    expect((await bot.sessions.get('telegram:2105'))?.flow?.kind).toBe('complaint');
  });

  it('"pengaduan dong. …" and "bli, tiang mau ngadu, petugas survei minta amplop …" open the complaint form; "nggih kirim" files it', async () => {
    const bot = makeBot();
    const [first] = await talk(bot, 'telegram:2106', 'pengaduan dong. Izin reklame sy sdh 2 bulan blm diproses padahal berkas lengkap');
    expect((await bot.sessions.get('telegram:2106'))?.flow?.kind).toBe('complaint');
    expect(first).toMatch(/pengaduan Anda saya catat/);
    const replies = await talk(bot, 'telegram:2107', 'bli, tiang mau ngadu, petugas survei minta amplop pas ngecek lokasi villa tiang bulan lalu', 'lewati', 'Ketut', 'lewati', 'nggih kirim');
    expect(replies.at(-1)).toMatch(/ADU-[A-Z0-9]{6}/);
  });

  it('a name with a company in brackets is taken', async () => {
    const replies = await talk(makeBot(), 'telegram:2108', 'mau lapor', 'status di web tidak berubah sejak Agustus untuk izin toko kami', 'MS-2020-118', 'I Gusti Ngurah Rai (PT Sinar Tabanan)');
    expect(replies.at(-1)).toMatch(/Nomor HP atau email/);
  });

  it('"kok belum ada tanggapan, saya mau lapor lagi" after a ticket is looked up opens a new complaint', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:2109', 'cek ADU-7QW2ER', 'kok belum ada tanggapan, saya mau lapor lagi');
    expect((await bot.sessions.get('telegram:2109'))?.flow?.kind).toBe('complaint');
  });
});

describe('announcements', () => {
  it('"eh ga jadi deh, stop aja" after subscribing leaves the announcements', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:2110', 'langganan', '👍', 'eh ga jadi deh, stop aja');
    expect((await bot.subscriptions.get('telegram:2110'))?.subscribed).toBe(false);
  });

  it('asking whether one is told, after the offer was made, gets the offer again; "iya nak mau" takes it', async () => {
    const bot = makeBot();
    const [, asked] = await talk(bot, 'telegram:2111', 'Nak, kantor perizinan itu kapan dibuka lagi', 'bapak ndak punya internet, nanti dikabari gak kalau sudah buka?', 'iya nak mau');
    expect(asked).toMatch(/Balas \*?ya\*?/);
    expect((await bot.subscriptions.get('telegram:2111'))?.subscribed).toBe(true);
  });

  it('"nanti bisa dikabari kalau sudah buka?" asks for it politely: subscribed at once (since blind set 23)', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:2121', 'Nak, kantor perizinan itu kapan dibuka lagi', 'bapak ndak punya internet, nanti bisa dikabari kalau sudah buka?');
    expect((await bot.subscriptions.get('telegram:2121'))?.subscribed).toBe(true);
  });

  it('"Pajak PBB bayarnya di sini juga?" right after subscribing is told who handles it', async () => {
    const [, , pbb] = await talk(makeBot(), 'telegram:2112', 'kapan pelayanan dibuka lagi', 'nggih, kabari tiang nggih yen sampun buka', 'Pajak PBB bayarnya di sini juga?');
    expect(pbb).toMatch(/Bapenda/);
  });

  it('"Selamat sore, saya sudah tidak memerlukan pengumuman lagi. Mohon dihentikan." is no greeting', async () => {
    const [reply] = await talk(makeBot(), 'telegram:2113', 'Selamat sore, saya sudah tidak memerlukan pengumuman lagi. Mohon dihentikan.');
    expect(reply).not.toMatch(/selamat datang/);
  });
});

describe('understood as asked', () => {
  it.each([
    ['Om swastiastu, tiang Komang, punya warung makan di Kediri', /selamat datang|Pilih topik/],
    ['selamat siang nak ini dengan kantor perijinan ya', /selamat datang|Pilih topik/],
    ['buka gk hr ini', /ditiadakan/],
    ['hrs ke knto gk', /ditiadakan|online/],
    ['trs brksnya krm kmn', /dikirim secara online/],
    ['pengumuman terakhir soal penutupan layanan itu isinya apa?', /14 September 2020/],
    ['SIP bidan niku saged online?', /online/],
    ['Ini bener gak katanya pegawai DPMPTSP ada yang positif covid makanya kantor tutup?', /zona merah/],
    ['ada info katanya sekarang ngurus izin harus lewat calo karena kantor tutup, bener?', /online/],
    ['yaudah lewat sini aja, mau lapor. website sering down kalau siang, gak bisa upload', /pengaduan Anda saya catat/],
  ])('%j', async (text, answer) => {
    const [reply] = await talk(makeBot(), 'telegram:2114', text);
    expect(reply).toMatch(answer);
  });

  it('"lho ini bukan polres ya? trus disini ngurus apa aja?" after a referral gets the menu', async () => {
    const [, menu] = await talk(makeBot(), 'telegram:2115', 'perpanjang sim a brp hari ya', 'lho ini bukan polres ya? trus disini ngurus apa aja?');
    expect(menu).toMatch(/Saya bisa membantu soal/);
  });

  it('"tp skrg tutup kan?" after the hours is the closure, "gimana maksudnya" after NIB stays with OSS', async () => {
    const [, , closed] = await talk(makeBot(), 'telegram:2116', 'mau tanya saldo tabungan sy', 'jam buka kantor dpmptsp?', 'tp skrg tutup kan?');
    expect(closed).toMatch(/ditiadakan/);
    const [, meant] = await talk(makeBot(), 'telegram:2117', 'NIB itu buat apa sih kak', 'gimana maksudnya');
    expect(meant).toMatch(/OSS/);
    expect(meant).not.toMatch(/25%/);
  });

  it('"terus saya harus ngapain" after an application gone quiet offers the complaint and a person again', async () => {
    const [, now] = await talk(makeBot(), 'telegram:2118', 'UDAH 2 MINGGU KIRIM BERKAS ONLINE GA ADA KABAR SAMA SEKALI', 'terus saya harus ngapain');
    expect(now).toMatch(/pengaduan/);
    expect(now).not.toMatch(/Saya bisa membantu soal/);
  });

  it('"kalau mau ngobrol langsung sama petugas bisa nggak" after an online answer opens the question form', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:2119', 'berkasnya dikirim ke mana', 'kalau mau ngobrol langsung sama petugas bisa nggak');
    expect((await bot.sessions.get('telegram:2119'))?.flow?.kind).toBe('consultation');
  });

  it('"kalau udah isi form, dokumennya kirim kemana?" is where documents go', async () => {
    const [reply] = await talk(makeBot(), 'telegram:2120', 'kalau udah isi form, dokumennya kirim kemana?');
    expect(reply).toMatch(/dikirim secara online/);
  });
});
