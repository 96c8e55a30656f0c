/**
 * The consultation desk without a chat platform: the expectation from office hours, numbers, the status
 * lookup (owner sees the exchange, others only the status), `/jawab` and `/selesai` as chat commands, claims
 * and handover, the CLI group `consultations`, the reminder of unanswered ones, export and forget.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeFiles } from '../../../src/app.js';
import { runGroup } from '../../../src/cli/operations.js';
import { expectation, workMinutesBetween } from '../../../src/features/consultation/hours.js';
import { findNumber, isBareNumber } from '../../../src/features/consultation/numbers.js';
import { looksLikeQuestion } from '../../../src/features/consultation/flow.js';
import { makeBot, say, testConfig, type TestBot } from '../../support/app.js';
import { RecordingChannel } from '../../complaints/helpers.js';

const { office } = loadKnowledgeFiles(testConfig());
const STAFF = 'telegram:111';
const OTHER_STAFF = 'telegram:222';
const CITIZEN = 'telegram:900';

function setup(start = '2026-12-01T02:00:00Z'): { bot: TestBot; channel: RecordingChannel; clock: { now: number } } {
  const clock = { now: Date.parse(start) };
  const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: '111,222' }, now: () => new Date(clock.now) });
  const channel = new RecordingChannel('telegram');
  bot.attach(channel);
  return { bot, channel, clock };
}

async function ask(bot: TestBot, question: string): Promise<string> {
  // (the question given with the command is sent at once)
  const replies = (await say(bot, CITIZEN, `/konsultasi ${question}`)).join('\n');
  const number = findNumber(replies);
  if (!number) throw new Error(`no number in: ${replies}`);
  await bot.app.idle();
  return number;
}

describe('office hours', () => {
  it('is open on a Tuesday at 10:00 WITA and says until when; on Saturday evening the next opening is Monday 08:00', () => {
    expect(expectation(office, new Date('2026-12-01T02:00:00Z'))).toMatchObject({ kind: 'open' });
    const later = expectation(office, new Date('2026-12-05T11:00:00Z'));
    expect(later.kind).toBe('later');
    if (later.kind === 'later') expect(later.opens.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    // Christmas Eve and Christmas are holidays in the office file: asked on the 23rd after hours → the 28th.
    const holiday = expectation(office, new Date('2026-12-23T10:00:00Z'));
    if (holiday.kind === 'later') expect(holiday.opens.toISOString().slice(0, 10)).toBe('2026-12-28');
  });

  it('gives the same opening when asked again, whatever a caller did to the Date it got (openings are kept per day)', () => {
    const first = expectation(office, new Date('2026-12-05T11:00:00Z'));
    if (first.kind !== 'later') throw new Error('expected a later opening');
    first.opens.setUTCFullYear(1999);
    const again = expectation(office, new Date('2026-12-05T11:00:00Z'));
    expect(again.kind === 'later' && again.opens.toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });

  it('counts working minutes only inside office hours', () => {
    // Friday 16:00 WITA to Monday 09:00 WITA: only Monday 08:00–09:00 counts (Friday closes earlier).
    expect(workMinutesBetween(office, new Date('2026-12-04T08:00:00Z'), new Date('2026-12-07T01:00:00Z'))).toBe(60);
  });
});

describe('numbers and questions', () => {
  it('reads numbers as typed (O as 0, lower case) and tells a question from a request for a person', () => {
    expect(findNumber('cek kon-7k3m9o dong')).toBe('KON-7K3M90');
    expect(isBareNumber('status KON-7K3M9Q')).toBe(true);
    expect(isBareNumber('KON-7K3M9Q kok belum dijawab, padahal sudah lama')).toBe(false);
    expect(looksLikeQuestion('mau bicara dengan petugas')).toBe(false);
    expect(looksLikeQuestion('Berapa biaya retribusi PBG rumah 100 m2?')).toBe(true);
  });
});

describe('consultation desk', () => {
  it('asks for the question when the message is only a request for a person, and cancels on batal', async () => {
    const { bot } = setup();
    expect((await say(bot, CITIZEN, 'mau bicara dengan petugas')).join('\n')).toContain('tulis pertanyaan');
    expect((await say(bot, CITIZEN, 'batal')).join('\n')).toContain('dibatalkan');
    expect(await bot.app.consultation.service.repo.list()).toHaveLength(0);
  });

  it('status: the owner sees the exchange, anyone else only the status', async () => {
    const { bot } = setup();
    const number = await ask(bot, 'Apakah izin klinik pratama perlu rekomendasi Dinkes?');
    await say(bot, STAFF, `/jawab ${number} Ya, perlu rekomendasi Dinas Kesehatan.`);
    const owner = (await say(bot, CITIZEN, `status ${number}`)).join('\n');
    expect(owner).toContain('Ya, perlu rekomendasi Dinas Kesehatan.');
    expect(owner).toContain('izin klinik pratama');
    const other = (await say(bot, 'telegram:901', `status ${number}`)).join('\n');
    expect(other).toContain('sudah dijawab petugas');
    expect(other).not.toContain('klinik');
  });

  it('the first answer claims it; another staff member sees who has it until it is handed over', async () => {
    const { bot, channel } = setup();
    const number = await ask(bot, 'Berapa lama izin usaha mikro terbit?');
    expect((await say(bot, STAFF, `/jawab ${number} Biasanya langsung terbit di OSS.`)).join('\n')).toContain('Jawaban terkirim');
    expect((await say(bot, OTHER_STAFF, `/jawab ${number} Sehari.`)).join('\n')).toContain(`ditangani oleh ${STAFF}`);
    expect((await say(bot, STAFF, `/konsultasi_alih ${number} ${OTHER_STAFF}`)).join('\n')).toContain('dialihkan');
    expect((await say(bot, OTHER_STAFF, `/jawab ${number} Sehari kerja.`)).join('\n')).toContain('Jawaban terkirim');
    expect(channel.to(CITIZEN).filter((t) => t.startsWith('💬'))).toHaveLength(2);
    // A citizen cannot use the staff commands.
    expect((await say(bot, 'telegram:901', `/jawab ${number} halo`)).join('\n')).toContain('khusus petugas');
  });

  it('batal while with a person returns the citizen to the bot', async () => {
    const { bot } = setup();
    const number = await ask(bot, 'Apakah PBG bisa diurus kuasa?');
    await say(bot, STAFF, `/jawab ${number} Bisa, dengan surat kuasa bermeterai.`);
    expect((await say(bot, CITIZEN, 'menu')).join('\n')).toContain('kembali ke layanan bot');
    expect((await say(bot, CITIZEN, 'jam buka kantor kapan?')).join('\n')).toMatch(/Senin/);
  });

  it('raises an unanswered consultation to staff once, after the working hours', async () => {
    const { bot, channel, clock } = setup();
    const number = await ask(bot, 'Kenapa permohonan PBG saya belum diverifikasi?');
    expect((await bot.app.consultation.service.sweep(new Date(clock.now))).overdue).toBe(0);
    const later = new Date(Date.parse('2026-12-02T06:00:00Z'));
    // STAFF_TELEGRAM_IDS without a staff chat: every staff id is told.
    expect((await bot.app.consultation.service.sweep(later)).overdue).toBe(1);
    expect((await bot.app.consultation.service.sweep(later)).overdue).toBe(0);
    expect(channel.to(STAFF).some((t) => t.includes(`${number} belum dijawab`))).toBe(true);
  });

  it('CLI: list, answer, close, export and forget', async () => {
    const { bot, channel } = setup();
    const number = await ask(bot, 'Syarat izin usaha bengkel motor apa saja?');
    const out: string[] = [];
    const run = (argv: string[]) =>
      runGroup('consultations', argv, { catalogue: bot.app.catalogue, locales: bot.app.locales, io: { out: (s) => void out.push(s), err: (s) => void out.push(s) } });
    expect(await run(['list', '--open'])).toBe(0);
    expect(out.join('')).toContain(number);
    expect(await run(['answer', number, '--text', 'NIB dan surat keterangan lingkungan.'])).toBe(0);
    expect(channel.to(CITIZEN).some((t) => t.includes('NIB dan surat keterangan lingkungan.'))).toBe(true);
    expect(await run(['close', number])).toBe(0);
    expect(channel.to(CITIZEN).some((t) => t.includes('angka 1'))).toBe(true);
    out.length = 0;
    expect(await run(['export', '--format', 'csv'])).toBe(0);
    expect(out.join('')).toMatch(/^\uFEFFnumber,status/);
    expect(out.join('')).toContain('Syarat izin usaha bengkel');
    expect(await run(['forget', number])).toBe(0);
    const forgotten = await bot.app.consultation.service.require(number);
    expect(forgotten.question).toBeNull();
    expect(forgotten.messages.every((m) => m.text === null)).toBe(true);
    expect(await run(['answer', 'KON-0000', '--text', 'x'])).toBe(2);
  });
});

describe('leaving the asking form', () => {
  it('"menu" at the question step leaves the form and shows the menu; nothing is stored', async () => {
    const { makeBot, say } = await import('../../support/app.js');
    const bot = makeBot();
    expect((await say(bot, 'telegram:5150', 'mau konsultasi dengan petugas')).join('\n')).toMatch(/pertanyaan/i);
    const out = (await say(bot, 'telegram:5150', 'menu')).join('\n');
    expect(out).toContain('1. Status layanan tatap muka');
    expect((await bot.sessions.get('telegram:5150'))?.flow).toBeUndefined();
  });
});

describe('asking a person, as a citizen expects it', () => {
  const stored = async (bot: TestBot) => (await bot.app.consultation.service.repo.list()).filter((c) => c.ownerKey === CITIZEN);

  it('asked for the question (with who reads it), the next message is sent at once and numbered', async () => {
    const { bot } = setup();
    const ask = (await say(bot, CITIZEN, 'mau tanya langsung ke petugas')).join('\n');
    expect(ask).toContain('langsung diteruskan ke petugas');
    expect(ask).toContain('Pemberitahuan data pribadi');
    const out = (await say(bot, CITIZEN, 'sy mau buka apotek, apotekernya harus punya SIP sendiri?')).join('\n');
    expect(out).toMatch(/KON-[0-9A-Z]{6}/);
    expect(out).not.toContain('Kirim ke petugas');
    expect((await stored(bot)).map((c) => c.question)).toEqual(['sy mau buka apotek, apotekernya harus punya SIP sendiri?']);
    expect((await bot.sessions.get(CITIZEN))?.flow).toBeUndefined();
  });

  it('an acknowledgement at the question step is no question: asked again, nothing stored', async () => {
    const { bot } = setup();
    await say(bot, CITIZEN, 'bisa konsultasi?');
    for (const text of ['ok siap', 'iya', 'makasih']) expect((await say(bot, CITIZEN, text)).join('\n')).toContain('terlalu singkat');
    expect(await stored(bot)).toHaveLength(0);
  });

  it('a question that asks for no person is said to be one for staff; nothing is stored, no form opens', async () => {
    const { bot } = setup();
    const out = (await say(bot, CITIZEN, 'berapa biaya pbg untuk rumah tinggal?')).join('\n');
    expect(out).toContain('dijawab oleh petugas');
    expect(out).toContain('Ketik konsultasi');
    expect(await stored(bot)).toHaveLength(0);
    expect((await bot.sessions.get(CITIZEN))?.flow).toBeUndefined();
  });

  it('a person asked for in so many words with the question is sent at once, without the request before the comma', async () => {
    const { bot } = setup();
    const out = (await say(bot, CITIZEN, 'mau tanya ke petugas, gudang 200 m2 perlu PBG atau cukup KRK?')).join('\n');
    expect(out).toMatch(/KON-[0-9A-Z]{6}/);
    const [question] = await stored(bot);
    expect(question?.question).toBe('gudang 200 m2 perlu PBG atau cukup KRK?');
  });

  it('a question beside a person only hinted at is shown and sent on yes ("iya kirim aja")', async () => {
    const { bot } = setup();
    const out = (await say(bot, CITIZEN, 'pertanyaan buat petugas, gudang 200 m2 perlu PBG atau cukup KRK?')).join('\n');
    expect(out).toContain('gudang 200 m2 perlu PBG atau cukup KRK?');
    expect(out).toContain('Kirim ke petugas sekarang?');
    expect(await stored(bot)).toHaveLength(0);
    expect((await say(bot, CITIZEN, 'iya kirim aja')).join('\n')).toMatch(/KON-[0-9A-Z]{6}/);
    expect(await stored(bot)).toHaveLength(1);
  });

  it('anything but yes / edit / cancel at that confirmation is a new message: not sent, said so, and answered', async () => {
    const { bot } = setup();
    await say(bot, CITIZEN, 'pertanyaan buat petugas, gudang 200 m2 perlu PBG atau cukup KRK?');
    const out = (await say(bot, CITIZEN, 'jam buka kantor kapan?')).join('\n');
    expect(out).toContain('tidak dikirim ke petugas');
    expect(out).toMatch(/Senin/);
    expect(await stored(bot)).toHaveLength(0);
    expect((await bot.sessions.get(CITIZEN))?.flow).toBeUndefined();
  });

  it('whether face-to-face consultation runs is answered from the closure status, with the online offer; no form', async () => {
    const { bot } = setup();
    const out = (await say(bot, CITIZEN, 'bisa konsultasi tatap muka ga?')).join('\n');
    expect(out).toContain('Konsultasi tatap muka di kantor: Layanan tatap mukanya ditiadakan sementara');
    expect(out).toContain('Ketik konsultasi');
    expect((await bot.sessions.get(CITIZEN))?.flow).toBeUndefined();
    // The next message is answered, never sent to staff unasked.
    expect((await say(bot, CITIZEN, 'kalo ngurus izin di loket?')).join('\n')).not.toMatch(/KON-/);
    expect(await stored(bot)).toHaveLength(0);
  });
});
