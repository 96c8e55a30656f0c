/**
 * Causes found in blind set 25 (development data once scored), through the real app: Javanese questions, a sure
 * date demanded, how to complain asked before complaining, a complaint filed again from a ticket's status, a phone
 * number grouped with dots, a person asked for after a ticket's status, a farewell that addresses the admin, a
 * forwarded message with a "*Pesan diteruskan*" header, and carrying on after the pickup answer.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('understood as asked', () => {
  it.each([
    // until when, asked in Javanese after a greeting (not only "is it closed")
    ['sugeng enjing, kulo bade tanya, kantor tutup ngantos kapan nggih?', /^Saat ini layanan tatap muka ditiadakan sementara/],
    ['ga jelas bgt. kasih tanggal pasti dong', /^Saat ini layanan tatap muka ditiadakan sementara.*belum ditentukan/s],
    ['matur suwun. terus nek arep ngurus ijin toko bangunan piye?', /online/],
    ['selamat sore pak saya mau tanya2 tapi tidak tahu caranya', /Saya bisa membantu soal/],
    ['ijin bertanya, apakah penyerahan berkas bs di kantor?', /^Semua layanan tatap muka/],
    ['oh salah kirim, ini dinas perizinan ya? jam kerjanya kapan?', /jam|Senin/i],
    ['trm ksh', /Sama-sama/],
    ['bukan itu, maksud saya izin praktek bidan buat anak saya', /SIP/],
    ['*Pesan diteruskan*\n\nINFO PENTING!!! Mulai hari ini DPMPTSP Kab. Tabanan sdh buka normal kembali. Harap sebarkan ke keluarga & kerabat 🙏🙏\n\nini bener gak ya min?', /^Semua layanan tatap muka/],
  ])('%j', async (text, answer) => {
    const [reply] = await talk(makeBot(), 'telegram:2501', text);
    expect(reply).toMatch(answer);
  });
});

describe('forms and follow-ups', () => {
  it('"trus kalo mau lapor gmn caranya? blm mau lapor skrg" opens the form without a description, and "batal" leaves it', async () => {
    const bot = makeBot();
    const [start, ...rest] = await talk(bot, 'telegram:2502', 'oh tutup. trus kalo mau lapor gmn caranya? blm mau lapor skrg, nanya dulu aja');
    expect([start, ...rest].join(' ')).toMatch(/Ceritakan apa yang terjadi/);
    const [left] = await talk(bot, 'telegram:2502', 'batal');
    expect(left).toMatch(/dibatalkan/);
    expect((await bot.sessions.get('telegram:2502'))?.flow).toBeUndefined();
  });

  it('a complaint filed again after a ticket\'s status, with a phone number grouped by dots, is stored with a ticket', async () => {
    const replies = await talk(makeBot(), 'telegram:2503', 'status ADU-X9P2LQ', 'sy lapor lg aja. udh 2 minggu petugas blm nelpon sy sama sekali soal ijin tdup homestay sy', 'lewati', 'Nyoman Arta', '0857.3811.2020', 'ya');
    expect(replies.join(' ')).toContain('0857.3811.2020');
    expect(replies.at(-1)).toMatch(/ADU-[A-Z0-9]{6}/);
  });

  it('"ya udah saya lapor ulang aja" while the ticket is asked for opens the complaint form', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:2504', 'cek status pengaduan', 'ADU-9X2P4L', 'kok gak ada? kemarin saya udah lapor lewat nomor lain', 'ya udah saya lapor ulang aja');
    expect((await bot.sessions.get('telegram:2504'))?.flow?.kind).toBe('complaint');
  });

  it('"kok lama ya. sy mau ngomong sm petugas" after a ticket\'s status asks for the question for staff', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:2505', 'mau cek status pengaduan sy', 'ADU-7K3M9Q', 'kok lama ya. sy mau ngomong sm petugas');
    expect((await bot.sessions.get('telegram:2505'))?.flow?.kind).toBe('consultation');
  });

  it('"udah dulu ya, stop nanya2 dulu 😂 makasih min" is a farewell, not a question for staff, and keeps the subscription', async () => {
    const bot = makeBot();
    const replies = await talk(bot, 'telegram:2506', 'langganan', 'kalo ada info kantor buka lg nanti dikabarin kan?', 'udah dulu ya, stop nanya2 dulu 😂 makasih min');
    expect(replies.at(-1)).not.toMatch(/petugas/);
    expect((await bot.subscriptions.get('telegram:2506'))?.subscribed).toBe(true);
  });

  it('"jadi gak ada survei sama sekali sampai kapan?" after the site-visit answer says until when', async () => {
    const replies = await talk(makeBot(), 'telegram:2507', 'kami sdh ajukan izin utk pembangunan balai banjar, kapan petugas bisa survey lokasi?', 'jadi gak ada survei sama sekali sampai kapan?');
    expect(replies.slice(1).some((r) => /^Saat ini layanan tatap muka untuk verifikasi lapangan/.test(r))).toBe(true);
  });

  it('"trus gmn dong sy butuh buat tender minggu dpn" after the pickup answer carries on from it', async () => {
    const [pickup, next] = await talk(makeBot(), 'telegram:2508', 'selamat pagi, SIUP sy katanya udh jadi, bisa diambil di loket?', 'trus gmn dong sy butuh buat tender minggu dpn');
    expect(next).toBe(pickup);
  });

  it('"udah ya? ga bakal dapet pesan lagi kan" after leaving the announcements confirms it', async () => {
    const replies = await talk(makeBot(), 'telegram:2509', 'langganan', 'berhenti', 'udah ya? ga bakal dapet pesan lagi kan');
    expect(replies.at(-1)).toBe(replies.at(-2));
  });
});

describe("the person's own numbered questions", () => {
  it('"yg no 3 lebih jelasnya gmn" after "1. … 2. … 3. daftar OSS …" answers the third again', async () => {
    const replies = await talk(makeBot(), 'telegram:2510', 'min 1. form reklame dmn 2. call center ada? 3. daftar OSS tp ga punya email gmn', 'mksh, yg no 3 lebih jelasnya gmn');
    expect(replies.at(-1)).toMatch(/oss\.go\.id/);
    expect(replies.at(-1)).not.toMatch(/^Sama-sama/);
  });

  it('"yg nomor 1 td gmn" picks the first of a list written on lines', async () => {
    const replies = await talk(makeBot(), 'telegram:2511', 'pagi min\n1) jam buka?\n2) form pbg dmn', 'yg nomor 1 td gmn');
    expect(replies.at(-1)).toMatch(/ditiadakan|jam/i);
    expect(replies.at(-1)).not.toMatch(/formulir/i);
  });
});
