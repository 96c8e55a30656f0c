/**
 * Causes found in blind set 16, through the real app (classifier, office data, in-memory store): a contact given
 * with its label, a question for staff announced before it is asked, the hours asked with a pickup, "terus?"
 * after an answer that also offered a person, a menu choice in words, another agency named beside the closure,
 * the site visit and the reason asked after in a few words.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('forms', () => {
  it('"No Hp 0852 3798 1122" at the contact step is the contact, and the summary follows', async () => {
    const bot = makeBot();
    const replies = await talk(bot, 'telegram:1601', 'mau lapor, petugas loket kasar waktu sy tanya syarat', 'lewati', 'Wayan Regeg', 'No Hp 0852 3798 1122', 'iya');
    expect(replies[3]).toContain('Wayan Regeg');
    expect(replies[3]).toMatch(/Kirim pengaduan ini/);
    expect(replies[4]).toMatch(/ADU-[A-Z0-9]{6}/);
  });

  it('"I have a question for a staff member about …" asks for the question, which is then sent with its number', async () => {
    const bot = makeBot();
    const [asked, sent] = await talk(bot, 'telegram:1602', 'Actually I have a question for a staff member about my guesthouse permit', 'Is a TDUP required if I only rent out two rooms of my house to tourists?');
    expect(asked).not.toMatch(/KON-/);
    expect(sent).toMatch(/KON-[A-Z0-9]+/);
  });
});

describe('answers', () => {
  it('collecting a finished permit on a Friday "bisa jam berapa?" gets the hours too', async () => {
    const bot = makeBot();
    await bot.closure.set({ ...(await bot.closure.read()), closedServices: [] });
    const [reply] = await talk(bot, 'telegram:1603', 'Permisi, izin PBG saya sudah selesai, mau saya ambil hari jumat bisa jam berapa?');
    expect(reply).toMatch(/Jumat: 08:00–12:00/);
  });

  it('"terus?" after "masih tutup nggih? mau ngurus ijin" carries on from the closure, not the offer of a person', async () => {
    const [, next] = await talk(makeBot(), 'telegram:1604', 'tiang mau tanya kantor dpmptsp masih tutup nggih? mau ngurus ijin', 'terus?');
    expect(next).toContain('formulir-pendaftaran-izin');
    expect(next).not.toMatch(/dijawab oleh petugas/);
  });

  it('"yg pertama" after the menu picks its first topic', async () => {
    const [, first] = await talk(makeBot(), 'telegram:1605', 'min bisa bantu apa aja?', 'yg pertama');
    expect(first).toContain('14 September 2020');
  });

  it('"perpanjang SIM dmn ya min, kantor dinas tutup kan?" names the police beside the closure', async () => {
    const [reply] = await talk(makeBot(), 'telegram:1606', 'perpanjang SIM dmn ya min, kantor dinas tutup kan?');
    expect(reply).toContain('Polres');
  });

  it('"jadi gak ada yg dtg gitu?" after the site visit and "alasannya?" after the reopening date stay on their topic', async () => {
    const [, visit] = await talk(makeBot(), 'telegram:1607', 'pak kapan petugas survey ke lokasi saya? udh ngajuin pbg', 'jadi gak ada yg dtg gitu?');
    expect(visit).toMatch(/verifikasi lapangan/i);
    const [, why] = await talk(makeBot(), 'telegram:1608', 'kapan buka lagi kantornya?', 'alasannya?');
    expect(why).toMatch(/zona merah/i);
  });
});
