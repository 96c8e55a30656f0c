import { beforeAll, describe, expect, it } from 'vitest';
import type { TestBot as Bot } from '../support/app.js';
import { makeBot, say } from '../support/app.js';

/**
 * What a citizen sees, through the whole runtime with an in-memory store and the real classifier and data.
 * Facts asserted here come from offices/tabanan.json, never from code.
 */
describe('citizen conversation (Indonesian)', () => {
  let bot: Bot;
  beforeAll(() => {
    bot = makeBot();
  });

  it('greets with the Balinese greeting and shows the numbered menu', async () => {
    const [reply] = await say(bot, 'console:a', 'Om swastiastu');
    expect(reply).toMatch(/^Om Swastiastu/);
    expect(reply).toContain('DPMPTSP Tabanan');
    expect(reply).toMatch(/1\. Status layanan tatap muka/);
    expect(reply).toMatch(/10\. Langganan pengumuman/);
  });

  it('answers which services are closed, since when, until when and what works online', async () => {
    const replies = await say(bot, 'telegram:8001', 'kantor tutup ga?');
    const all = replies.join('\n');
    expect(all).toContain('ditiadakan sementara');
    expect(all).toContain('14 September 2020');
    expect(all).toContain('dievaluasi setelah hari raya Galungan');
    expect(all).toContain('verifikasi lapangan');
    expect(all).toContain('http://dpmptsp.tabanankab.go.id/formulir-pendaftaran-izin');
    // Subscribing is offered after the first closure answer, and only once.
    expect(all).toContain('langganan');
    const again = (await say(bot, 'telegram:8001', 'masih tutup kah kantornya')).join('\n');
    expect(again).not.toContain('Ingin mendapat pengumuman');
    // The console cannot send announcements: it never offers them.
    const onConsole = (await say(bot, 'console:b', 'kantor tutup ga?')).join('\n');
    expect(onConsole).toContain('ditiadakan sementara');
    expect(onConsole).not.toContain('Ingin mendapat pengumuman');
  });

  it('explains why and says the share of staff on duty', async () => {
    const all = (await say(bot, 'console:c', 'knp kok ditutup')).join('\n');
    expect(all).toContain('zona merah COVID-19');
    expect(all).toContain('Galungan');
    expect(all).toContain('25%');
  });

  it('a bare menu number works like the topic', async () => {
    const all = (await say(bot, 'console:d', '4')).join('\n');
    expect(all).toContain('formulir-pendaftaran-izin');
  });

  it('names the permit when a form for it is asked for, falling back to the forms page', async () => {
    const all = (await say(bot, 'console:e', 'formulir imb dmn ya')).join('\n');
    expect(all).toContain('Persetujuan Bangunan Gedung');
    expect(all).toContain('http://dpmptsp.tabanankab.go.id/formulir-pendaftaran-izin');
  });

  it('knows the permits of the office catalogue even when no training example names them', async () => {
    const all = (await say(bot, 'console:e2', 'formulir siup')).join('\n');
    expect(all).toContain('Surat Izin Usaha Perdagangan (SIUP)');
  });

  it('tells how to reach the office without inventing a number', async () => {
    const all = (await say(bot, 'console:f', 'nomor call center brp')).join('\n');
    expect(all).toContain('halaman Facebook DPMPTSP Kabupaten Tabanan');
    expect(all).toContain('http://dpmptsp.tabanankab.go.id');
  });

  it('gives opening hours and notes the closure', async () => {
    const all = (await say(bot, 'console:g', 'jam buka kantor')).join('\n');
    expect(all).toMatch(/Senin–Kamis: 08:00–15:00/);
    expect(all).toContain('Jumat: 08:00–12:00');
    expect(all).toContain('ditiadakan');
  });

  it('first out-of-scope message gets the menu, repeated ones the call center', async () => {
    const first = (await say(bot, 'console:h', 'cuaca hari ini gimana')).join('\n');
    expect(first).toContain('belum paham');
    expect(first).toMatch(/1\. /);
    const second = (await say(bot, 'console:h', 'resep nasi goreng dong')).join('\n');
    expect(second).toContain('hubungi petugas');
    expect(second).toContain('Facebook');
  });

  it('subscribes and unsubscribes with STOP, recorded in the store', async () => {
    expect((await say(bot, 'telegram:8002', '/langganan')).join('\n')).toContain('sudah berlangganan');
    expect((await bot.subscriptions.get('telegram:8002'))?.subscribed).toBe(true);
    expect((await say(bot, 'telegram:8002', 'STOP')).join('\n')).toContain('tidak akan menerima pengumuman');
    const sub = await bot.subscriptions.get('telegram:8002');
    expect(sub?.subscribed).toBe(false);
    expect(sub?.changes.map((c) => c.subscribed)).toEqual([true, false]);
  });

  it('answers an unknown command with the menu', async () => {
    const all = (await say(bot, 'console:j', '/apaini')).join('\n');
    expect(all).toContain('/apaini tidak dikenal');
    expect(all).toMatch(/1\. /);
  });

  it('refuses staff commands to a citizen', async () => {
    expect((await say(bot, 'console:k', '/staf')).join('\n')).toContain('khusus petugas');
  });
});

describe('citizen conversation (English)', () => {
  it('answers in English when the citizen writes English', async () => {
    const bot = makeBot();
    const all = (await say(bot, 'console:en', 'is the office open?')).join('\n');
    expect(all).toContain('temporarily closed');
    expect(all).toContain('red zone');
    const thanks = (await say(bot, 'console:en', 'thank you so much')).join('\n');
    expect(thanks).toContain("You're welcome");
  });
});

describe('closure status is state, not text', () => {
  it('says plainly when nothing is closed', async () => {
    const bot = makeBot();
    const current = await bot.closure.current();
    await bot.closure.set({ ...current, closedServices: [], until: null, untilNote: null });
    const all = (await say(bot, 'console:z', 'kantor tutup ga?')).join('\n');
    expect(all).toContain('buka seperti biasa');
    expect(all).not.toContain('ditiadakan');
  });

  it('answers about one service when it is named', async () => {
    const bot = makeBot();
    const current = await bot.closure.current();
    await bot.closure.set({ ...current, closedServices: ['field_verification'], until: '2026-12-07' });
    const all = (await say(bot, 'console:y', 'layanan perizinan masih tutup ga?')).join('\n');
    expect(all).toContain('pengajuan dan pengambilan izin di loket');
    expect(all).toContain('berjalan seperti biasa');
    const consult = (await say(bot, 'console:w', 'konsultasi tatap muka masih bisa?')).join('\n');
    // (told by the consultation desk's answer or the named service's closure answer: open either way)
    expect(consult).toMatch(/(?:buka|berjalan) seperti biasa/);
    expect(consult).not.toContain('ditiadakan');
    const field = (await say(bot, 'console:x', 'survei lokasi masih jalan ga')).join('\n');
    expect(field).toContain('7 Desember 2026');
  });
});
