/**
 * Causes found in blind set 19, through the real app (classifier, office data, in-memory store): leaving and
 * subscribing said with lead-ins, a complaint announced in so many words, labels typed before a name or a number,
 * a person asked for as "orangnya", asides before a question, "maksudnya?", questions from outside the office
 * after an answer, Javanese krama, words glued together, help for someone who cannot go online.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('forms and what is stored', () => {
  it('"udh deh batal aja" after "ubah" leaves the complaint form instead of becoming its description', async () => {
    const bot = makeBot();
    const replies = await talk(bot, 'telegram:1901', 'lapor', 'petugas di loket judes banget waktu sy tanya syarat SIUP', 'lewati', 'Ni Luh Ayu', 'ayu@example.com', 'ubah', 'udh deh batal aja');
    expect(replies.at(-1)).toMatch(/dibatalkan/);
    expect((await bot.sessions.get('telegram:1901'))?.flow).toBeUndefined();
    expect(await bot.complaints.listOpen(new Date())).toEqual([]);
  });

  it('"Saya ingin menyampaikan pengaduan: …" opens the form with that text; labels before the number and the name are not stored', async () => {
    const bot = makeBot();
    const replies = await talk(
      bot,
      'telegram:1902',
      'Saya ingin menyampaikan pengaduan: sudah dua kali saya mengirim berkas PBG secara online tetapi tidak ada balasan email konfirmasi sama sekali.',
      'Nomor permohonan saya PBG/2020/IX/0178',
      'Nama saya Ir. I Ketut Suardana',
      'Email ketut.suardana@yahoo.co.id, HP 081236655443',
      'ya, kirim',
    );
    expect(replies[0]).toMatch(/pengaduan Anda saya catat/);
    expect(replies.at(-1)).toMatch(/ADU-[A-Z0-9]{6}/);
    const [stored] = await bot.complaints.listOpen(new Date());
    expect(stored?.permitNumber).toBe('PBG/2020/IX/0178');
    expect(stored?.name).toBe('Ir. I Ketut Suardana');
  });

  it('"nama: I Wayan Sukarta" is taken at the name step', async () => {
    const bot = makeBot();
    const replies = await talk(bot, 'telegram:1903', 'Lapor: loket online tidak membalas email saya sejak 2 minggu', 'no. registrasi REG-2020-0912', 'nama: I Wayan Sukarta');
    expect(replies.at(-1)).toMatch(/Nomor HP atau email/);
  });

  it('"mau nanya langsung ke orangnya aja deh" opens the question form', async () => {
    const bot = makeBot();
    const [ask] = await talk(bot, 'telegram:1904', 'mau nanya langsung ke orangnya aja deh');
    expect(ask).toMatch(/tulis pertanyaan/i);
    expect((await bot.sessions.get('telegram:1904'))?.flow?.kind).toBe('consultation');
  });
});

describe('subscribing and leaving in so many words', () => {
  it('"yaudah stop aja deh infonya" unsubscribes a subscriber', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:1905', 'langganan', 'yaudah stop aja deh infonya');
    expect((await bot.subscriptions.get('telegram:1905'))?.subscribed).toBe(false);
  });

  it('"oh blm langganan ya. yaudah langganan deh" and "boleh, saya mau dapat pengumumannya" subscribe', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:1906', 'oh blm langganan ya. yaudah langganan deh');
    expect((await bot.subscriptions.get('telegram:1906'))?.subscribed).toBe(true);
    await talk(bot, 'telegram:1907', 'sampai kapan pelayanan tatap muka ditutup?', 'boleh, saya mau dapat pengumumannya');
    expect((await bot.subscriptions.get('telegram:1907'))?.subscribed).toBe(true);
  });

  it('after a rumour answered, "kalau ada kepastian kabari saya ya, daftar pengumumannya" subscribes', async () => {
    const bot = makeBot();
    const [rumour] = await talk(bot, 'telegram:1908', 'di grup WA banjar katanya kantor perizinan buka lagi hari senin, beneran?', 'kalau ada kepastian kabari saya ya, daftar pengumumannya');
    expect(rumour).toContain('Kuningan');
    expect((await bot.subscriptions.get('telegram:1908'))?.subscribed).toBe(true);
  });
});

describe('understood as asked', () => {
  it.each([
    ['lho ini bukan kurir ya? ini bisa bantu apa aja sih', /Saya bisa membantu soal/],
    ['oh salah kirim, ini dinas perizinan ya? jam kerjanya kapan?', /Jam layanan/],
    ['Nuwun sewu, kantor pun buka malih dereng?', /ditiadakan/],
    ['Pegawe sing mlebu pinten?', /25%/],
    ['FORMULIRSIUPDIMANA', /formulir-pendaftaran-izin/],
    ['Mohon informasi sampai kapan kebijakan ini berlaku.', /belum ditentukan/],
    ['bisa dibantu daftar di kantor aja gak?', /ditiadakan/],
    ['pantes telpon gak diangkat. hubungi kemana kalau gitu?', /Facebook/],
  ])('%j', async (text, answer) => {
    const [reply] = await talk(makeBot(), 'telegram:1909', text);
    expect(reply).toMatch(answer);
  });

  it('an aside before another agency\'s matter gets that agency', async () => {
    const [reply] = await talk(makeBot(), 'telegram:1910', 'oh kirain semua di kantor ini. kalau perpanjang SIM?');
    expect(reply).toContain('Polres');
  });

  it('"maksudnya?" after an OSS answer stays with OSS, never the staffing answer', async () => {
    const [, meant] = await talk(makeBot(), 'telegram:1911', 'terus NIB itu buat apa sih sebenernya', 'maksudnya?');
    expect(meant).toMatch(/OSS/);
    expect(meant).not.toMatch(/25%/);
  });

  it('a question from outside the office after a forms answer is not answered with the form', async () => {
    const [, , other] = await talk(makeBot(), 'telegram:1912', 'form PBG dmn ya', 'btw tau cara daftar ojol gak', 'siapa presiden amerika skrg?');
    expect(other).not.toContain('formulir-pendaftaran-izin');
  });

  it('"yaudh, apotek sy jg perlu NIB kah?" after the pharmacy form is the OSS answer', async () => {
    const [, nib] = await talk(makeBot(), 'telegram:1913', 'form izin apotek dmn', 'yaudh, apotek sy jg perlu NIB kah?');
    expect(nib).toMatch(/NIB/);
    expect(nib).toMatch(/OSS/);
  });

  it('"balik lg yg PBG tadi, itu isi formnya trs dikirim kemana" is where documents go', async () => {
    const [reply] = await talk(makeBot(), 'telegram:1914', 'balik lg yg PBG tadi, itu isi formnya trs dikirim kemana');
    expect(reply).toMatch(/dikirim secara online/);
  });

  it('"trs kalo yg reklame? sy mau pasang spanduk …" after a forms answer gets the billboard form', async () => {
    const [, , reklame] = await talk(makeBot(), 'telegram:1915', 'bikin siup utk warung gmn', 'formnya dmn', 'trs kalo yg reklame? sy mau pasang spanduk di dpn warung');
    expect(reklame).toMatch(/Reklame/);
  });

  it('"jadi bukan di dpmptsp ya?" after a referral says the agency again, not who is at the office', async () => {
    const [, again] = await talk(makeBot(), 'telegram:1916', 'mau bayar PBB tanah dimana ya', 'jadi bukan di dpmptsp ya?');
    expect(again).toMatch(/Bapenda/);
    expect(again).not.toMatch(/25%/);
  });

  it('"itu dimana? sy gak ngerti internet" after a form gets the link again and the call center', async () => {
    const replies = await talk(makeBot(), 'telegram:1917', 'form ijin praktek bidan dmn', 'itu dimana? sy gak ngerti internet');
    expect(replies[1]).toContain('formulir-pendaftaran-izin');
    expect(replies[1]).toMatch(/call center/i);
  });

  it('"Sekolah kami mau minta surat rekomendasi, apa bisa datang ke kantor?" is the counter\'s state, not the reason for the closure', async () => {
    const [reply] = await talk(makeBot(), 'telegram:1918', 'Selamat sore, saya guru SD. Sekolah kami mau minta surat rekomendasi untuk kegiatan, apa bisa datang ke kantor?');
    expect(reply).toMatch(/ditiadakan/);
    expect(reply).not.toMatch(/zona merah/);
  });
});
