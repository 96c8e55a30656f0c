/**
 * Online consultation end to end through telegraf and the fake Bot API, with real Update JSON: the question
 * relayed to the staff group, a staff member's reply-to answer reaching the citizen (once, also after a
 * restart between relay and answer), a non-staff reply reaching nobody, the conversation staying with the
 * person, handed back after /selesai or the quiet time, and the rating stored.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore, createMemoryStore, type Store } from '../../src/store/store.js';
import { makeBot, type TestBot } from '../support/app.js';
import type { FakeTelegram } from '../support/fake-telegram.js';
import * as tg from '../support/telegram-updates.js';
import { eventually, startChannel, startFake, stopAll } from './harness.js';

afterEach(stopAll);

const staff: tg.TgUser = { id: 424_242, first_name: 'Made', username: 'made_dpmptsp' };
const member: tg.TgUser = { id: 515_151, first_name: 'Wayan' };
const citizen: tg.TgUser = { id: 310_002, first_name: 'Ketut' };
const group = tg.supergroup(-1_001_234_567_890, 'Petugas DPMPTSP');

/** Tuesday 1 December 2026, 10:00 in Tabanan (WITA, UTC+8): office hours. */
const TUESDAY_10 = Date.parse('2026-12-01T02:00:00Z');

const ENV = { STAFF_TELEGRAM_IDS: String(staff.id), STAFF_TELEGRAM_CHAT_ID: String(group.id), CONSULTATION_IDLE_MINUTES: '120' };

interface Clock {
  now: number;
}

function bot(store: Store, clock: Clock): TestBot {
  return makeBot({ store, env: ENV, now: () => new Date(clock.now) });
}

/** The citizen asks; resolves with the number and the relayed message in the staff group. */
async function ask(fake: FakeTelegram, question: string): Promise<{ number: string; relayId: number }> {
  // (the question given with the command is sent at once)
  fake.pushUpdate(tg.privateText(citizen, `/konsultasi ${question}`));
  const sent = await fake.waitFor(() => fake.sentTo(citizen.id).find((m) => /KON-[0-9A-Z]{6}/.test(m.text) && m.text.includes('tersimpan')));
  const number = /KON-[0-9A-Z]{6}/.exec(sent.text)?.[0] ?? '';
  const relay = await fake.waitFor(() => fake.sentTo(group.id).find((m) => m.text.includes(number)));
  return { number, relayId: relay.messageId };
}

/** A staff member's (or anyone's) reply in the group to the bot's message `messageId`. */
function replyTo(fake: FakeTelegram, from: tg.TgUser, messageId: number, text: string, extra: Record<string, unknown> = {}) {
  return tg.groupText(from, group, text, {
    reply_to_message: {
      message_id: messageId,
      from: { id: fake.botUser.id, is_bot: true, first_name: fake.botUser.first_name, username: fake.botUser.username },
      chat: group,
      date: Math.floor(Date.now() / 1000),
      text: 'Konsultasi baru',
    },
    ...extra,
  });
}

const answersTo = (fake: FakeTelegram) => fake.sentTo(citizen.id).filter((m) => m.text.startsWith('💬 Jawaban petugas'));

describe('Telegram consultation', () => {
  it('relays the question to the staff group; a staff reply-to answer reaches the citizen once, marked as staff', async () => {
    const fake = await startFake();
    const clock = { now: TUESDAY_10 };
    const b = bot(createMemoryStore(), clock);
    await startChannel(fake, b);

    const { number, relayId } = await ask(fake, 'Berapa lama proses izin PBG untuk rumah tinggal di Kediri?');
    const created = fake.sentTo(citizen.id).find((m) => m.text.includes(number));
    expect(created?.text).toContain('jam kerja hari ini');
    const relay = fake.sentTo(group.id).find((m) => m.messageId === relayId);
    expect(relay?.text).toContain('Berapa lama proses izin PBG');
    expect(relay?.text).toContain('telegram');

    const update = replyTo(fake, staff, relayId, 'Sekitar 14 hari kerja setelah berkas lengkap.');
    fake.pushUpdate(update);
    await fake.waitFor(() => answersTo(fake).length === 1);
    expect(answersTo(fake)[0]?.text).toContain('Sekitar 14 hari kerja setelah berkas lengkap.');
    await fake.waitFor(() => fake.sentTo(group.id).some((m) => m.text.includes('Jawaban terkirim')));

    // The same staff message delivered again (a new update id, as after a restart of the webhook): not sent twice.
    fake.pushUpdate(update);
    await fake.waitFor(() => fake.sentTo(group.id).some((m) => m.text.includes('tidak dikirim dua kali')));
    expect(answersTo(fake)).toHaveLength(1);
    const stored = await b.app.consultation.service.require(number);
    expect(stored.claimedBy).toBe(`telegram:${staff.id}`);
    expect(stored.messages.filter((m) => m.from === 'staff')).toHaveLength(1);
  });

  it('delivers an answer given after the service restarted between relay and answer (same SQLite store)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kon-restart-'));
    const fake = await startFake();
    const clock = { now: TUESDAY_10 };
    const first = bot(createSqliteStore(dir), clock);
    const channel = await startChannel(fake, first);
    const { number, relayId } = await ask(fake, 'Apakah izin usaha warung makan perlu PBG juga?');
    await first.app.idle();
    await channel.stop();
    await first.app.close();

    const second = bot(createSqliteStore(dir), clock);
    await startChannel(fake, second);
    fake.pushUpdate(replyTo(fake, staff, relayId, 'Tidak perlu PBG baru bila bangunannya sudah ber-IMB.'));
    await fake.waitFor(() => answersTo(fake).length === 1);
    expect(answersTo(fake)[0]?.text).toContain(number);
    await second.app.close();
  });

  it("refuses a non-staff member's reply: it reaches nobody", async () => {
    const fake = await startFake();
    const clock = { now: TUESDAY_10 };
    const b = bot(createMemoryStore(), clock);
    await startChannel(fake, b);
    const { number, relayId } = await ask(fake, 'Syarat izin reklame baliho apa saja ya?');
    const citizenBefore = fake.sentTo(citizen.id).length;
    fake.pushUpdate(replyTo(fake, member, relayId, 'Saya jawab saja: tidak perlu izin.'));
    // The bot answers the member in the group as it would anyone; the citizen gets nothing.
    await fake.waitFor(() => fake.sentTo(group.id).length >= 2);
    expect(fake.sentTo(citizen.id)).toHaveLength(citizenBefore);
    const stored = await b.app.consultation.service.require(number);
    expect(stored.messages.filter((m) => m.from === 'staff')).toHaveLength(0);
    expect(stored.claimedBy).toBeNull();
  });

  it('relays follow-ups while with a person without the bot answering; /selesai hands back and the rating is stored', async () => {
    const fake = await startFake();
    const clock = { now: TUESDAY_10 };
    const b = bot(createMemoryStore(), clock);
    await startChannel(fake, b);
    const { number, relayId } = await ask(fake, 'Berkas SIUP saya ditolak di OSS, kenapa ya?');
    fake.pushUpdate(replyTo(fake, staff, relayId, 'Boleh kirim nomor permohonannya?'));
    await fake.waitFor(() => answersTo(fake).length === 1);

    const before = fake.sentTo(citizen.id).length;
    const groupBefore = fake.sentTo(group.id).length;
    fake.pushUpdate(tg.privateText(citizen, 'jam buka kantor kapan?'));
    const ack = await fake.waitForSent(citizen.id, before + 1);
    expect(ack.at(-1)?.text).toContain('diteruskan ke petugas');
    // A question the bot knows (office hours) went to staff, not to the bot's own answer.
    expect(ack.at(-1)?.text).not.toMatch(/Senin|08\.00/);
    const followup = await fake.waitFor(() => fake.sentTo(group.id).slice(groupBefore).find((m) => m.text.includes('jam buka kantor kapan?')));
    expect(followup.text).toContain(number);
    fake.pushUpdate(tg.privateText(citizen, 'nomornya 1234567'));
    await fake.waitFor(() => fake.sentTo(group.id).some((m) => m.text.includes('nomornya 1234567')));
    // No second acknowledgement: the bot stays silent.
    await b.app.idle();
    expect(fake.sentTo(citizen.id)).toHaveLength(before + 1);

    // The staff member answers the follow-up by replying to it.
    fake.pushUpdate(replyTo(fake, staff, followup.messageId, 'Sudah kami cek, silakan unggah ulang KTP.'));
    await fake.waitFor(() => answersTo(fake).length === 2);

    fake.pushUpdate(tg.groupText(staff, group, `/selesai@${fake.botUser.username} ${number}`));
    await fake.waitFor(() => fake.sentTo(citizen.id).some((m) => m.text.includes('sudah diselesaikan')));
    await fake.waitFor(() => fake.sentTo(citizen.id).at(-1)?.text.includes('angka 1'));
    fake.pushUpdate(tg.privateText(citizen, '5 cepat dan jelas'));
    await fake.waitFor(() => fake.sentTo(citizen.id).some((m) => m.text.includes('5/5')));
    const stored = await eventually(async () => {
      const c = await b.app.consultation.service.require(number);
      return c.rating ? c : undefined;
    });
    expect(stored.rating).toMatchObject({ score: 5, remark: 'cepat dan jelas' });

    // The bot answers again.
    fake.pushUpdate(tg.privateText(citizen, 'nomor call center berapa?'));
    await fake.waitFor(() => fake.sentTo(citizen.id).some((m) => /call center/i.test(m.text) && !m.text.includes('petugas (')));
  });

  it('hands the citizen back to the bot after the quiet time', async () => {
    const fake = await startFake();
    const clock = { now: TUESDAY_10 };
    const b = bot(createMemoryStore(), clock);
    await startChannel(fake, b);
    const { relayId } = await ask(fake, 'Retribusi PBG untuk ruko dua lantai berapa?');
    fake.pushUpdate(replyTo(fake, staff, relayId, 'Tergantung luas bangunan; berapa meter persegi?'));
    await fake.waitFor(() => answersTo(fake).length === 1);
    clock.now += 121 * 60_000;
    const before = fake.sentTo(citizen.id).length;
    fake.pushUpdate(tg.privateText(citizen, 'jam buka kantor kapan?'));
    // The hand-back notice and the answer come as one message (consecutive replies are joined).
    const sent = await fake.waitForSent(citizen.id, before + 1);
    const texts = sent.slice(before).map((m) => m.text).join('\n');
    expect(texts).toContain('bot kembali melayani');
    expect(texts).toMatch(/Senin|08\.00/);
  });

  it('tells the honest expectation outside office hours', async () => {
    const fake = await startFake();
    // Saturday 5 December 2026, 19:00 WITA: the next opening is Monday 7 December at 08:00.
    const clock = { now: Date.parse('2026-12-05T11:00:00Z') };
    const b = bot(createMemoryStore(), clock);
    await startChannel(fake, b);
    const { number } = await ask(fake, 'Apakah izin praktik bidan bisa diurus online?');
    const created = fake.sentTo(citizen.id).find((m) => m.text.includes(number));
    expect(created?.text).toContain('di luar jam kerja');
    expect(created?.text).toContain('7 Desember 2026');
    expect(created?.text).toContain('08.00');
  });
});
