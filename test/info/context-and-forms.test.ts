/**
 * Causes found in blind sets 5 and 6, through the real app (classifier, office data, in-memory store): a
 * question about another regency's office followed by "kalo di Tabanan?", the hours of named days, "why" after
 * who is at the office, another agency's business read as a question for staff, a where-to-report question after
 * an out-of-scope message, fields withheld in the complaint form as people say it, a request for a person that
 * only names its topic, permits the catalogue does not list, and the pickup answer saying until when; and of
 * blind set 7: laughter around a question, a bribe told without a complaint word, a message headed as a complaint,
 * fields withheld with "lewati" after the reason, a contact inside a sentence, leaving with a reason, a yes with a
 * detail at the consultation's confirmation, "btw" before the question, another office's question answered with
 * which office this is, the hours' time zone, OSS requirements after an OSS answer, the menu asked for.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk, type TestBot } from '../support/app.js';

describe('a question about another regency, then this one', () => {
  it('"kalo di Tabanan?" asks the same of this office: the PBG form', async () => {
    const bot = makeBot();
    const [badung, here] = await talk(bot, 'telegram:1', 'ngurus izin pbg di badung gimana', 'kalo yg di tabanan?');
    expect(badung).not.toContain('formulir-pendaftaran-izin');
    expect(here).toContain('PBG');
    expect(here).toContain('formulir-pendaftaran-izin');
  });

  it('"kalo tabanan?" after another office\'s opening asks whether this one is open', async () => {
    const bot = makeBot();
    const [, here] = await talk(bot, 'telegram:2', 'dpmptsp buleleng udh buka blm?', 'kalo tabanan?');
    expect(here).toContain('14 September 2020');
  });

  it('a follow-up that does not name this office is not answered with this office\'s facts', async () => {
    const bot = makeBot();
    const [, how] = await talk(bot, 'telegram:3', 'ngurus izin pbg di badung gimana', 'syaratnya apa aja?');
    expect(how).not.toContain('formulir-pendaftaran-izin');
  });
});

describe('follow-ups of the hours and of who is at the office', () => {
  it('"and on Saturday?" after the hours gives the hours', async () => {
    const bot = makeBot();
    const [hours, saturday] = await talk(bot, 'telegram:4', 'what are your opening hours on friday?', 'and on saturday?');
    expect(hours).toMatch(/\b12\b|\b11\b/);
    expect(saturday).not.toContain('temporarily closed from');
  });

  it('"kok dikit amat knp?" after the staffing answer asks why (COVID)', async () => {
    const bot = makeBot();
    const [staff, why] = await talk(bot, 'telegram:5', 'skrg pegawai yg ngantor brp org?', 'kok dikit amat knp?');
    expect(staff).toContain('25%');
    expect(why).toContain('COVID');
  });
});

describe('not our business', () => {
  it('a marriage registration read as a question for staff is referred to the agency that handles it', async () => {
    const bot = makeBot();
    const [nikah] = await talk(bot, 'telegram:6', 'min urus izin nikah bisa disini ga?');
    expect(nikah).toMatch(/KUA|Kemenag|pernikahan/i);
    expect(nikah).not.toContain('dijawab oleh petugas');
  });

  it('"trs sy lapor kmn?" after an out-of-scope message asks for no ticket and opens no form', async () => {
    const bot = makeBot();
    const [, where] = await talk(bot, 'telegram:7', 'sinyal indosat di rumah ilang terus', 'trs sy lapor kmn?');
    expect(where).not.toContain('nomor tiket');
    expect((await bot.sessions.get('telegram:7'))?.flow).toBeUndefined();
  });
});

describe('the complaint form: fields withheld as people say it', () => {
  it.each(['ga ada nomornya', 'sy gak punya nomor izin', 'lupa nomornya', 'belum ada nomor'])('"%s" at the permit step skips it', async (skip) => {
    const bot = makeBot();
    const user = `telegram:skip-${skip.length}`;
    const [, afterSkip, , summary] = await talk(bot, user, 'mau lapor, petugas loket kemarin kasar sekali ke saya', skip, 'Ketut Arya', 'ketut@example.com');
    expect(afterSkip).toContain('Nama Anda?');
    expect(summary).toContain('Ketut Arya');
    expect(summary).toContain('ketut@example.com');
  });
});

describe('the consultation desk', () => {
  it('"mau konsultasi ttg izin apotek" asks for the question; the next message is the question, stored', async () => {
    const bot = makeBot();
    const [ask, stored] = await talk(bot, 'telegram:8', 'sy mau konsultasi ttg izin apotek', 'syarat buka apotek di kediri apa aja ya?');
    expect(ask).toContain('tulis pertanyaan');
    expect(ask).not.toContain('Kirim ke petugas sekarang');
    expect(stored).toMatch(/KON-[A-Z0-9]+/);
  });

  it('a question about a permit the catalogue does not list gets the forms page and a person offered', async () => {
    const bot = makeBot();
    const [bengkel] = await talk(bot, 'telegram:9', 'izin bengkel las syaratnya apa?');
    expect(bengkel).toContain('formulir-pendaftaran-izin');
    expect(bengkel).toMatch(/konsultasi/i);
  });
});

describe('collecting a permit', () => {
  it('says until when the counter is closed', async () => {
    const bot = makeBot();
    const [pickup] = await talk(bot, 'telegram:10', 'izin sy udh jadi, bisa diambil di loket?');
    expect(pickup).toContain('Kuningan');
  });
});

describe('blind set 7 causes', () => {
  const formOf = async (bot: TestBot, user: string) => (await bot.sessions.get(user))?.flow?.kind;

  it('laughter around a question is no part of it', async () => {
    const bot = makeBot();
    const [when] = await talk(bot, 'telegram:20', 'wkwk becanda. kapan kantor buka lagi?');
    expect(when).toContain('Kuningan');
  });

  it('a bribe into a private account, told without a complaint word, opens the complaint form', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:21', 'ada yg ngaku org kantor minta tf 2 jt ke rekening pribadi biar izin sy cepet, gmn tuh');
    expect(await formOf(bot, 'telegram:21')).toBe('complaint');
  });

  it('a message headed "komplain:" is a complaint, whatever it tells', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:22', 'komplain: berkas pbg sy dikirim sebulan lalu tp blm ada kabar');
    expect(await formOf(bot, 'telegram:22')).toBe('complaint');
  });

  it('"gak tau nomornya, lewati aja" skips the permit number; a number inside a sentence is the contact', async () => {
    const bot = makeBot();
    const [, , name, summary] = await talk(bot, 'telegram:23', 'mau lapor, petugas loket membentak saya kemarin siang', 'gak tau nomornya, lewati aja', 'Wayan Sudira', 'wa sy aja 081234567890');
    expect(name).toContain('Nomor HP atau email');
    expect(summary).toContain('081234567890');
    expect(summary).toContain('Wayan Sudira');
  });

  it('"batal aja deh, udah beres kok" at the summary leaves the form; "gk jd deh, batal" stores no consultation', async () => {
    const bot = makeBot();
    const [, , , , left] = await talk(bot, 'telegram:24', 'mau lapor, petugas loket membentak saya kemarin siang', 'lewati', 'lewati', 'lewati', 'batal aja deh, udah beres kok');
    expect(left).toMatch(/dibatalkan/i);
    expect(await formOf(bot, 'telegram:24')).toBeUndefined();
    const [, cancelled] = await talk(bot, 'telegram:25', 'bisa ngobrol sama petugas aja?', 'gk jd deh, batal');
    expect(cancelled).not.toContain('KON-');
    expect(await formOf(bot, 'telegram:25')).toBeUndefined();
  });

  it('a yes with a detail at the consultation confirmation sends the question with the detail', async () => {
    const bot = makeBot();
    const [confirm, sent] = await talk(bot, 'telegram:26', 'pertanyaan buat petugas, apakah gudang di lahan sawah bisa dapat PBG?', 'iya itu pertanyaannya, luasnya 8 are');
    expect(confirm).toContain('Kirim ke petugas sekarang');
    expect(sent).toMatch(/KON-[A-Z0-9]+/);
  });

  it('a longer question at the confirmation is added to the question and shown again, not dropped', async () => {
    const bot = makeBot();
    const [, added] = await talk(bot, 'telegram:27', 'pertanyaan buat petugas, syarat PBG ruko dua lantai apa saja?', 'tanahnya masih atas nama bapak saya, bisa diajukan atas nama saya?');
    expect(added).toContain('atas nama bapak saya');
    expect(added).toContain('Kirim ke petugas sekarang');
    expect(added).not.toContain('tidak dikirim');
  });

  it('"konsultasi: <question>" stores the question at once with its number, the whole of it (blind set 14)', async () => {
    const bot = makeBot();
    const [sent] = await talk(bot, 'telegram:31', 'konsultasi dong, sy mau buka homestay 3 kamar di jatiluwih, izinnya apa aja ya dan bisa online semua gk');
    expect(sent).toMatch(/KON-[A-Z0-9]+/);
    expect(sent).not.toContain('ditiadakan');
    expect(await formOf(bot, 'telegram:31')).toBeUndefined();
    const [asked] = await talk(bot, 'telegram:32', 'konsultasi online bisa ga?');
    expect(asked).not.toMatch(/KON-/);
  });

  it('"btw" starts the question after small talk', async () => {
    const bot = makeBot();
    const [closed] = await talk(bot, 'telegram:28', 'kemarin sy abis liburan ke lovina hehe, btw kantor masih tutup?');
    expect(closed).toContain('14 September 2020');
  });

  it('another regency\'s office asked for: says which office this is', async () => {
    const bot = makeBot();
    const [which] = await talk(bot, 'telegram:29', 'ini dpmptsp gianyar ya? mau tanya izin usaha');
    expect(which).toContain('Kabupaten Tabanan');
    expect(which).not.toContain('formulir-pendaftaran-izin');
  });

  it('the hours name the time zone; the OSS requirements follow an OSS answer; the menu asked for', async () => {
    const bot = makeBot();
    const [hours] = await talk(bot, 'telegram:30', 'jam buka kantor brp?');
    expect(hours).toContain('WITA');
    const [, needs] = await talk(bot, 'telegram:31', 'cara daftar oss gmn', 'persyaratannya apa aja');
    expect(needs).toContain('NIK');
    const [menu] = await talk(bot, 'telegram:32', 'salah pencet. bs tampilkan menunya?');
    expect(menu).toContain('1.');
  });
});
