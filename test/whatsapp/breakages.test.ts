/**
 * WhatsApp Web's known breakages (issue 13), each on the fake client: `ready` never following `authenticated`,
 * a page gone stale with no event ("detached Frame"), one person under an @c.us and an @lid id, a reply that
 * resolves with no chat, and delivery acks. Waiting is done on fake timers (minutes pass in milliseconds).
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '../../src/lib/log.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WHATSAPP_ALIASES, WhatsAppAlias } from '../../src/channels/whatsapp/aliases.js';
import { WHATSAPP_CONTACTS, WhatsAppContact } from '../../src/channels/whatsapp/adapter.js';
import { isEvaluationFailure } from '../../src/channels/whatsapp/health.js';
import { plain } from '../../src/kernel/message.js';
import { detachedFrameError } from '../support/fake-whatsapp.js';
import { harness, type Harness } from './harness.js';

const CITIZEN = '6281234567890@c.us';
const CITIZEN_LID = '204938475610234@lid';
const STAFF_PHONE = '6281111111111';
const STAFF_LID = '99887766554433@lid';

let h: Harness | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await h?.channel.stop();
  h = undefined;
});

/** The real timer, kept before any test fakes it: file I/O (the profile-lock check) needs real time to finish. */
const realSetTimeout = globalThis.setTimeout;

/** Fake only the clocks the channel waits on; setImmediate (the fake client's events) and Date stay real. */
function fakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
}

/** Let `ms` of fake time pass, then let promises and real I/O callbacks run. */
async function pass(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => realSetTimeout(resolve, 1));
}

/** Advance fake time in small steps until `check()` holds. */
async function eventually(check: () => boolean, what: string, stepMs = 10, steps = 500): Promise<void> {
  for (let i = 0; i < steps; i += 1) {
    if (check()) return;
    await pass(stepMs);
  }
  throw new Error(`never: ${what}`);
}

async function converse(hh: Harness, from: string, text: string): Promise<string[]> {
  const before = hh.wa.current.textsTo(from).length;
  hh.wa.current.receive(from, text);
  await hh.channel.whenIdle();
  return hh.wa.current.textsTo(from).slice(before);
}

/** A logger whose lines the test can read. */
function capturedLog(): { lines: Record<string, unknown>[]; log: Logger } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: pino({ level: 'debug' }, stream) };
}

describe('authenticated, but ready never comes (whatsapp-web.js #3785)', () => {
  it('rebuilds the client after WHATSAPP_READY_TIMEOUT_MS, tells staff once, and answers again', async () => {
    fakeClock();
    h = harness({}, { readyTimeoutMs: 180_000 });
    h.wa.behaviour = { stuckAfterAuth: true };
    await h.start(false);
    await eventually(() => h!.wa.clients.length === 1 && h!.wa.current.initializeCalls === 1, 'first client');
    await pass(179_000);
    // Still waiting: a slow WhatsApp Web is given its three minutes.
    expect(h.wa.clients).toHaveLength(1);
    expect(h.alerts).toEqual([]);

    await pass(1_000);
    await eventually(() => h!.wa.clients.length === 2, 'rebuilt client');
    expect(h.wa.clients[0]?.destroyCalls).toBe(1);
    expect(h.alerts).toHaveLength(1);
    expect(h.alerts[0]).toContain('tidak siap setelah 3 menit');

    // The second client is stuck too: rebuilt again, but staff are not told twice.
    await pass(180_000);
    await eventually(() => h!.wa.clients.length === 3, 'third client');
    expect(h.alerts).toHaveLength(1);

    h.wa.behaviour = {};
    await pass(181_000);
    await eventually(() => h!.channel.isReady, 'ready');
    expect(await converse(h, CITIZEN, 'halo')).toHaveLength(1);
  });

  it('leaves a client that became ready alone', async () => {
    fakeClock();
    h = harness({}, { readyTimeoutMs: 180_000, healthMs: 0 });
    await h.start(false);
    await eventually(() => h!.channel.isReady, 'ready');
    await pass(10 * 60_000);
    expect(h.wa.clients).toHaveLength(1);
    expect(h.alerts).toEqual([]);
  });
});

describe('a stale page: "Attempted to use detached Frame" with no disconnected event (#5678)', () => {
  it('probes getState() every WHATSAPP_HEALTH_MS and rebuilds after three failed probes in a row', async () => {
    fakeClock();
    h = harness({}, { healthMs: 60_000 });
    await h.start(false);
    await eventually(() => h!.channel.isReady, 'ready');
    const first = h.wa.current;
    await pass(5 * 60_000);
    // A healthy page: probed, never rebuilt.
    expect(first.stateCalls).toBe(5);
    expect(h.wa.clients).toHaveLength(1);

    first.detach();
    await pass(60_000);
    await pass(60_000);
    expect(h.wa.clients).toHaveLength(1);
    expect(h.channel.isReady).toBe(true);
    await pass(60_000);
    await eventually(() => h!.wa.clients.length === 2 && h!.channel.isReady, 'rebuilt and ready');
    expect(first.destroyCalls).toBe(1);
    // A stale page heals without anyone's help: not a staff matter.
    expect(h.alerts).toEqual([]);
    expect(await converse(h, CITIZEN, 'halo')).toHaveLength(1);
  });

  it('one good probe between failures starts the count again', async () => {
    fakeClock();
    h = harness({}, { healthMs: 60_000 });
    await h.start(false);
    await eventually(() => h!.channel.isReady, 'ready');
    const c = h.wa.current;
    let calls = 0;
    // fail, fail, answer, fail, fail, answer …: never three in a row.
    c.getState = async () => {
      calls += 1;
      if (calls % 3 !== 0) throw detachedFrameError();
      return 'CONNECTED';
    };
    for (let i = 0; i < 9; i += 1) await pass(60_000);
    expect(calls).toBe(9);
    expect(h.wa.clients).toHaveLength(1);
  });

  it('rebuilds at once from failing sends, without waiting for the next probe', async () => {
    fakeClock();
    h = harness({}, { healthMs: 3_600_000 });
    await h.start(false);
    await eventually(() => h!.channel.isReady, 'ready');
    await converse(h, CITIZEN, 'halo');
    const first = h.wa.current;
    first.detach();
    // Each failed send counts and triggers a probe at once, which fails too.
    await expect(h.channel.send(`whatsapp:${CITIZEN}`, [plain('Kantor buka')])).rejects.toMatchObject({ name: 'NetworkError' });
    await pass(0);
    expect(h.wa.clients).toHaveLength(1);
    await expect(h.channel.send(`whatsapp:${CITIZEN}`, [plain('Kantor buka')])).rejects.toMatchObject({ name: 'NetworkError' });
    await eventually(() => h!.wa.clients.length === 2 && h!.channel.isReady, 'rebuilt and ready', 10, 100);
    await h.channel.send(`whatsapp:${CITIZEN}`, [plain('Kantor buka')]);
    expect(h.wa.current.textsTo(CITIZEN)).toEqual(['Kantor buka']);
  });

  it('counts page errors only, not a refusal for one chat', () => {
    expect(isEvaluationFailure(detachedFrameError())).toBe(true);
    expect(isEvaluationFailure(new Error('Execution context was destroyed, most likely because of a navigation.'))).toBe(true);
    expect(isEvaluationFailure(new Error('Protocol error (Runtime.callFunctionOn): Target closed.'))).toBe(true);
    expect(isEvaluationFailure(new Error('Evaluation failed: Error: wid error: invalid wid'))).toBe(false);
  });
});

describe('one person under two ids (@c.us before the LID migration, @lid now)', () => {
  it('recognises a staff member listed by phone number when they write from their @lid, asking WhatsApp once at start', async () => {
    h = harness({ STAFF_WHATSAPP_IDS: STAFF_PHONE });
    h.wa.behaviour = { links: new Map([[STAFF_LID, `${STAFF_PHONE}@c.us`]]) };
    await h.start();
    await h.channel.whenIdle();
    expect(h.wa.current.lookups).toEqual([[`${STAFF_PHONE}@c.us`]]);

    const staff = await converse(h, STAFF_LID, '/staf');
    expect(staff[0]).toContain('Perintah petugas:');
    expect(h.inbound.at(-1)?.userKey).toBe(`whatsapp:${STAFF_PHONE}@c.us`);
    // The link came from the start-up lookup: no second question to WhatsApp.
    expect(h.wa.current.lookups).toHaveLength(1);
    // Staff alerts to the listed phone number reach the chat they write from.
    await h.bot.sendTo(`whatsapp:${STAFF_PHONE}@c.us`, [plain('Pengaduan baru')]);
    expect(h.wa.current.textsTo(STAFF_LID).at(-1)).toBe('Pengaduan baru');
    expect(h.wa.current.textsTo(`${STAFF_PHONE}@c.us`)).toEqual([]);

    // Another @lid, linked to no staff number, stays a citizen.
    const other = await converse(h, CITIZEN_LID, '/staf');
    expect(other).toEqual(['Perintah ini khusus petugas kantor.']);
  });

  it('keeps a citizen who subscribed as @c.us one person when they write from their @lid', async () => {
    h = harness();
    h.wa.behaviour = { links: new Map([[CITIZEN_LID, CITIZEN]]) };
    await h.start();
    await converse(h, CITIZEN, 'halo');
    await converse(h, CITIZEN, 'langganan');
    expect(h.wa.current.lookups).toEqual([]); // an @c.us sender is not looked up

    const answer = await converse(h, CITIZEN_LID, 'langganan');
    expect(answer).toEqual(['Anda sudah berlangganan pengumuman DPMPTSP Tabanan. Ketik *berhenti* kapan saja untuk berhenti.']);
    expect(h.inbound.at(-1)).toMatchObject({ userKey: `whatsapp:${CITIZEN}`, phone: '6281234567890' });
    expect(h.wa.current.lookups).toEqual([[CITIZEN_LID]]);
    // Not doubled: no second contact, no second subscription.
    expect(await h.store.collection(WHATSAPP_CONTACTS, WhatsAppContact).get(`whatsapp:${CITIZEN_LID}`)).toBeUndefined();
    expect(await h.bot.subscriptions.get(`whatsapp:${CITIZEN_LID}`)).toBeUndefined();
    // The link is stored under both ids.
    const aliases = h.store.collection(WHATSAPP_ALIASES, WhatsAppAlias);
    expect(await aliases.get(CITIZEN_LID)).toMatchObject({ lid: CITIZEN_LID, pn: CITIZEN });
    expect(await aliases.get(CITIZEN)).toMatchObject({ lid: CITIZEN_LID, pn: CITIZEN });

    // Unsubscribing from the @lid ends the one subscription; asking again costs no lookup.
    await converse(h, CITIZEN_LID, 'berhenti');
    expect((await h.bot.subscriptions.get(`whatsapp:${CITIZEN}`))?.subscribed).toBe(false);
    expect(h.wa.current.lookups).toHaveLength(1);

    // An announcement to the old key goes to the chat the person uses now.
    await h.channel.send(`whatsapp:${CITIZEN}`, [plain('Kantor buka kembali')]);
    expect(h.wa.current.textsTo(CITIZEN_LID).at(-1)).toBe('Kantor buka kembali');
  });

  it('sends to an old @c.us that has no chat any more through its @lid, asking WhatsApp once', async () => {
    h = harness();
    h.wa.behaviour = { links: new Map([[CITIZEN_LID, CITIZEN]]), noChatFor: new Set([CITIZEN]) };
    await h.start();
    // Wrote before the migration (an old record).
    await h.store.collection(WHATSAPP_CONTACTS, WhatsAppContact).set(`whatsapp:${CITIZEN}`, { firstSeen: '2025-01-02T03:04:05.000Z' });
    await h.channel.send(`whatsapp:${CITIZEN}`, [plain('Pengaduan ADU-7K3M9Q selesai')]);
    await h.channel.send(`whatsapp:${CITIZEN}`, [plain('Terima kasih')]);
    expect(h.wa.current.textsTo(CITIZEN_LID)).toEqual(['Pengaduan ADU-7K3M9Q selesai', 'Terima kasih']);
    expect(h.wa.current.lookups).toEqual([[CITIZEN]]);
  });

  it('keeps a new person under the id they write from, and asks about an unknown @lid only once', async () => {
    h = harness();
    await h.start();
    await converse(h, CITIZEN_LID, 'halo');
    await converse(h, CITIZEN_LID, 'langganan');
    expect(h.inbound.map((m) => m.userKey)).toEqual([`whatsapp:${CITIZEN_LID}`, `whatsapp:${CITIZEN_LID}`]);
    // WhatsApp did not know a phone number: that answer is kept too, so it is not asked again.
    expect(h.wa.current.lookups).toEqual([[CITIZEN_LID]]);
    expect(await h.store.collection(WHATSAPP_ALIASES, WhatsAppAlias).get(CITIZEN_LID)).toMatchObject({ lid: CITIZEN_LID, pn: null });
  });
});

describe('a reply that resolves with no chat', () => {
  it('is not delivered: the rest of the answer is not sent and nothing is recorded as sent', async () => {
    const { lines, log } = capturedLog();
    h = harness({}, { log });
    h.wa.behaviour = { noChatFor: new Set([CITIZEN]) };
    await h.start();
    h.wa.current.receive(CITIZEN, '1'); // an answer of several pieces
    await h.channel.whenIdle();
    expect(h.wa.current.sendCalls).toBe(1);
    expect(h.wa.current.sent).toEqual([]);
    // The runtime's sender gave the answer up (and said so, as an error), not piece after piece.
    const failure = lines.find((l) => l.msg === 'answer not delivered: the platform has no such chat');
    expect(failure?.err).toMatchObject({ message: expect.stringContaining('no chat') });
    expect(failure?.level).toBe(50);
  });
});

describe('delivery acks (message_ack)', () => {
  it('records each sent message by id with the best ack WhatsApp reported', async () => {
    h = harness();
    await h.start();
    await converse(h, CITIZEN, 'halo');
    const c = h.wa.current;
    const replyId = c.sentIds[0] ?? '';
    expect(await h.channel.deliveryOf(replyId)).toMatchObject({ userKey: `whatsapp:${CITIZEN}`, ack: 0, state: 'pending' });

    const [sentId] = await h.channel.sendWithIds(`whatsapp:${CITIZEN}`, [plain('Kantor buka kembali')]);
    expect(sentId).toBe(c.sentIds.at(-1));
    const ack = async (id: string, value: number) => {
      c.ack(id, value);
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await ack(sentId ?? '', 1);
    expect((await h.channel.deliveryOf(sentId ?? ''))?.state).toBe('server');
    await ack(sentId ?? '', 3);
    await ack(sentId ?? '', 2); // late and out of order: read stays read
    expect(await h.channel.deliveryOf(sentId ?? '')).toMatchObject({ ack: 3, state: 'read', userKey: `whatsapp:${CITIZEN}` });

    const [failed] = await h.channel.sendWithIds(`whatsapp:${CITIZEN}`, [plain('Pengumuman kedua')]);
    await ack(failed ?? '', -1);
    expect((await h.channel.deliveryOf(failed ?? ''))?.state).toBe('error');

    // A message typed on the office phone is not the bot's: nothing recorded.
    await ack('true_6281234567890@c.us_PHONE1', 2);
    expect(await h.channel.deliveryOf('true_6281234567890@c.us_PHONE1')).toBeUndefined();
  });

  it('keeps an ack that arrives before the send has resolved', async () => {
    h = harness();
    await h.start();
    await converse(h, CITIZEN, 'halo');
    const c = h.wa.current;
    const send = c.sendMessage.bind(c);
    c.sendMessage = async (chatId, content, options) => {
      const sent = await send(chatId, content, options);
      c.ack(c.sentIds.at(-1) ?? '', 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return sent;
    };
    const [id] = await h.channel.sendWithIds(`whatsapp:${CITIZEN}`, [plain('Kantor buka kembali')]);
    expect((await h.channel.deliveryOf(id ?? ''))?.state).toBe('server');
  });
});
