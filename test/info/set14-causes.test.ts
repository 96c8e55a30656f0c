/**
 * Causes found in blind set 14, through the real app (classifier, office data, in-memory store): leaving the
 * announcements in other words, asking to keep them, a yes typed with held letters, putting a form off with a
 * reason, a ticket's wait and following a complaint up, a long letter, a pasted announcement, a consultation
 * headed by its word, OSS saying a NIK is taken.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('the announcements', () => {
  it('"udh gk mau dapet info lg min, stop aja" and "notifnya berisik. berhenti" unsubscribe a subscriber', async () => {
    const bot = makeBot();
    for (const [user, text] of [
      ['telegram:1401', 'udh gk mau dapet info lg min, stop aja'],
      ['telegram:1402', 'eh ternyata notifnya berisik. berhenti'],
    ] as const) {
      await bot.subscriptions.set(user, true, 'test', new Date());
      const [reply] = await talk(bot, user, text);
      expect(reply).toMatch(/berhenti berlangganan|tidak akan menerima|sudah berhenti/i);
      expect((await bot.subscriptions.get(user))?.subscribed).toBe(false);
    }
  });

  it('"tolong jgn stop kirim info ya" keeps a subscriber subscribed and says so', async () => {
    const bot = makeBot();
    await bot.subscriptions.set('telegram:1403', true, 'test', new Date());
    const [reply] = await talk(bot, 'telegram:1403', 'tolong jgn stop kirim info ya, sy butuh bgt');
    expect(reply).toMatch(/berlangganan/i);
    expect((await bot.subscriptions.get('telegram:1403'))?.subscribed).toBe(true);
  });
});

describe('the complaint form', () => {
  it('"yaa kirimm" at the summary files the complaint', async () => {
    const bot = makeBot();
    const replies = await talk(bot, 'telegram:1404', 'sy mau melaporkan website dpmptsp lemot bgt gk bisa upload berkas', 'lewati', 'Putu Eka', '085738112233', 'yaa kirimm');
    expect(replies[4]).toMatch(/ADU-[A-Z0-9]{6}/);
  });

  it('"ntar aja deh min, lg sibuk" leaves the form without storing anything', async () => {
    const bot = makeBot();
    const replies = await talk(bot, 'telegram:1405', 'mau ngadu', 'petugasnya judes bgt waktu sy tanya di telp', 'lewati', 'ntar aja deh min, lg sibuk');
    expect(replies[3]).toMatch(/dibatalkan/i);
    expect((await bot.sessions.get('telegram:1405'))?.flow).toBeUndefined();
  });

  it('"how can I follow up on it?" right after filing is about the complaint\'s status, not the online services', async () => {
    const bot = makeBot();
    const replies = await talk(
      bot,
      'telegram:1406',
      "I want to report an officer who asked me for an 'extra fee' to speed up my building permit",
      'PBG-2020-0456',
      'John Miller',
      'jmiller.bali@gmail.com',
      'yes, send it',
      'how can I follow up on it?',
    );
    expect(replies[4]).toMatch(/ADU-[A-Z0-9]{6}/);
    expect(replies[5]).toMatch(/ADU-/);
    expect(replies[5]).not.toMatch(/still do online/i);
  });

  it('"kok lama bgt, udh seminggu" after a ticket\'s status stays with the ticket, not the closure', async () => {
    const bot = makeBot();
    const [, wait] = await talk(bot, 'telegram:1407', 'status ADU-7K3M9Q', 'kok lama bgt, udh seminggu');
    expect(wait).toMatch(/tiket/i);
    expect(wait).not.toContain('ditiadakan');
  });
});

describe('questions as people ask them', () => {
  it('a long formal letter with a Balinese closing is answered, not taken for a farewell', async () => {
    const bot = makeBot();
    const [reply] = await talk(
      bot,
      'telegram:1408',
      'Om Swastiastu. Selamat pagi Bapak/Ibu petugas DPMPTSP. Perkenalkan, saya Nyoman, pensiunan guru di Kediri. Saya bermaksud mengurus izin membangun rumah tinggal. Mohon penjelasan, apakah saat ini saya dapat datang langsung ke kantor untuk mengajukan permohonan, dan persyaratan apa saja yang harus saya siapkan. Atas perhatiannya saya ucapkan terima kasih. Om Santih, Santih, Santih Om.',
    );
    expect(reply).toContain('formulir-pendaftaran-izin');
    expect(reply).toMatch(/ditiadakan|tutup/i);
  });

  it('a pasted announcement headed "PENGUMUMAN" on its own line is answered with the closure as it stands', async () => {
    const bot = makeBot();
    const [reply] = await talk(
      bot,
      'telegram:1409',
      'PENGUMUMAN\nSehubungan dengan Kabupaten Tabanan masuk zona merah COVID-19, maka mulai tanggal 14 September 2020 seluruh pelayanan tatap muka ditutup sampai waktu yang belum ditentukan. Pelayanan perizinan tetap online. Hanya 25% pegawai masuk.\n\nini beneran min?? hoax bukan',
    );
    expect(reply).toContain('14 September 2020');
    expect(reply).not.toMatch(/^Selama penutupan layanan tatap muka, 25%/);
  });

  it('"konsultasi: <question>" stores the question at once; a question beside a person only hinted at is shown first', async () => {
    const bot = makeBot();
    const [sent] = await talk(bot, 'telegram:1410', 'konsultasi: sy mau batalin permohonan izin reklame no 45/RK/2020 yg udh dikirim online, caranya gmn?');
    expect(sent).toMatch(/KON-[A-Z0-9]+/);
    const [shown] = await talk(bot, 'telegram:1411', 'pertanyaan buat petugas, syarat PBG ruko dua lantai apa saja?');
    expect(shown).toContain('Kirim ke petugas sekarang');
  });

  it('OSS saying a NIK is already registered, after OSS answers, gets that sub-topic', async () => {
    const bot = makeBot();
    const [, , nik] = await talk(bot, 'telegram:1412', 'daftar oss harus pake email ya? sy gk punya email', 'NIB itu buat apa sih', 'muncul tulisan gini min: "NIK yang Anda masukkan sudah terdaftar" pdhl sy blm prnh daftar');
    expect(nik).toMatch(/sudah terdaftar/);
    expect(nik).toContain('oss.go.id');
  });

  it('how to renew a permit while the office is closed is answered with the online way and that permit\'s form', async () => {
    const bot = makeBot();
    const [reply] = await talk(bot, 'telegram:1413', 'bli sy lg bangun villa, mau urus IMB nya. msh bisa diurus ga pas tutup gini?');
    expect(reply).toContain('PBG');
    expect(reply).toContain('formulir-pendaftaran-izin');
  });
});
