import { describe, expect, it } from 'vitest';
import { replyText } from '../../src/kernel/message.js';
import { createMemoryStore } from '../../src/store/store.js';
import { makeBot, say } from '../support/app.js';
import { faultyStore } from '../support/faulty-store.js';

describe('runtime: sessions through the store', () => {
  it('100 concurrent messages from one person are all counted (no lost update)', async () => {
    const bot = makeBot();
    await Promise.all(Array.from({ length: 100 }, (_, i) => bot.turn({ userKey: 'telegram:42', text: `halo ${i}` })));
    const session = await bot.sessions.get('telegram:42');
    expect(session?.turns).toBe(100);
  });

  it('different people are not serialised behind each other and keep separate sessions', async () => {
    const bot = makeBot();
    await Promise.all(Array.from({ length: 50 }, (_, i) => bot.turn({ userKey: `whatsapp:${i}@c.us`, text: 'halo' })));
    for (let i = 0; i < 50; i += 7) expect((await bot.sessions.get(`whatsapp:${i}@c.us`))?.turns).toBe(1);
  });

  it('a store that is down gets an honest reply and nothing is written', async () => {
    const inner = createMemoryStore();
    const plan = { down: false };
    const bot = makeBot({ store: faultyStore(inner, plan) });
    await say(bot, 'telegram:7001', 'halo');
    plan.down = true;
    const out = await bot.turn({ userKey: 'telegram:7001', text: '/langganan' });
    expect(out.error).toBeDefined();
    expect(out.replies.map(replyText).join('\n')).toContain('sistem kami sedang gangguan');
    expect(out.replies.map(replyText).join('\n')).not.toContain('sudah berlangganan');
    plan.down = false;
    expect((await bot.sessions.get('telegram:7001'))?.turns).toBe(1);
    expect(await bot.subscriptions.get('telegram:7001')).toBeUndefined();
  });

  it('a failing write of the session does not acknowledge the subscription it follows', async () => {
    const plan = { down: false, fail: (op: string, name: string) => op === 'set' && name === 'sessions' };
    const bot = makeBot({ store: faultyStore(createMemoryStore(), plan) });
    const replies = await say(bot, 'telegram:7002', 'saya mau langganan info');
    expect(replies.join('\n')).toContain('gangguan');
    expect(replies.join('\n')).not.toContain('berlangganan');
    plan.fail = () => false;
    // The subscription is written only after the session: a failed session write leaves it unwritten.
    expect(await bot.subscriptions.get('telegram:7002')).toBeUndefined();
  });

  it('the console cannot push, so it never confirms a subscription', async () => {
    const bot = makeBot();
    const replies = (await say(bot, 'console:u', '/langganan')).join('\n');
    expect(replies).not.toContain('sudah berlangganan');
    expect(await bot.subscriptions.get('console:u')).toBeUndefined();
  });

  it('an idle session is reset and an open form is said to have expired', async () => {
    let now = new Date('2026-11-28T01:00:00Z');
    const bot = makeBot({ now: () => now });
    await say(bot, 'console:idle', 'halo');
    const stored = await bot.sessions.get('console:idle');
    if (!stored) throw new Error('session missing');
    await bot.sessions.set('console:idle', { ...stored, flow: { kind: 'test', startedAt: now.toISOString(), data: {} } });
    now = new Date(now.getTime() + 31 * 60_000);
    const replies = await say(bot, 'console:idle', 'jam buka');
    expect(replies[0]).toContain('kedaluwarsa');
    expect((await bot.sessions.get('console:idle'))?.flow).toBeUndefined();
  });

  it('an unreadable stored session starts over instead of blocking the person', async () => {
    const store = createMemoryStore();
    const bot = makeBot({ store });
    const raw = store.collection('sessions', (await import('zod')).z.unknown());
    await raw.set('console:bad', { turns: 'many' });
    const replies = await say(bot, 'console:bad', 'halo');
    expect(replies[0]).toContain('selamat datang');
  });
});

describe('runtime: bad input never crashes and always gets an answer', () => {
  const bot = makeBot();
  const cases: [string, string, RegExp][] = [
    ['empty', '', /kosong/],
    ['spaces', '   \t ', /kosong/],
    // Nonsense at any length gets the menu (greeting or "not understood"), never a form or an error.
    ['100 kB', 'izin '.repeat(20_000), /1\. Status layanan tatap muka/],
    ['binary bytes', '\u0000\u0001\u0002\uFFFD\u0007', /belum paham|kosong/],
    ['emoji only', '🙏🙏🔥', /belum paham/],
    ['RTL text', 'مرحبا كيف حالك', /belum paham/],
    ['lone surrogate', '\uD800abc', /belum paham/],
    ['markup', '<b>halo</b> & *tebal* _miring_', /1\. Status layanan tatap muka/],
  ];
  it.each(cases)('%s', async (name, text, expected) => {
    // One person per case: "izin izin …" (100 kB) opens the complaint form, which would then own the next cases.
    const out = await bot.turn({ userKey: `console:bad-input-${name}`, text });
    expect(out.error).toBeUndefined();
    expect(out.replies.length).toBeGreaterThan(0);
    expect(out.replies.map(replyText).join('\n')).toMatch(expected);
    // Nothing a person typed comes back as markup, and no form was opened by noise.
    expect(out.replies.map(replyText).join('\n')).not.toContain('<b>');
    expect((await bot.sessions.get(`console:bad-input-${name}`))?.flow).toBeUndefined();
  });

  it('media without text gets "I can read text"', async () => {
    const out = await bot.turn({ userKey: 'console:m', text: '', attachments: [{ kind: 'sticker' }] });
    expect(out.replies.map(replyText).join('\n')).toContain('hanya bisa membaca pesan teks');
  });
});

describe.each([
  ['SQLite', false],
  [`Redis${process.env.REDIS_URL ? '' : ' (skipped: REDIS_URL unset; CI sets it)'}`, !process.env.REDIS_URL],
] as const)('runtime over the %s store', (name, skip) => {
  it.skipIf(skip)('counts 100 concurrent messages of one person and keeps subscriptions', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createRedisStore, createSqliteStore } = await import('../../src/store/store.js');
    const store = name === 'SQLite'
      ? createSqliteStore(mkdtempSync(join(tmpdir(), 'layanan-bot-')))
      : createRedisStore(process.env.REDIS_URL ?? '', `test${process.pid}${Date.now()}`);
    try {
      const bot = makeBot({ store });
      await Promise.all(Array.from({ length: 100 }, () => bot.turn({ userKey: 'telegram:7', text: 'halo' })));
      expect((await bot.sessions.get('telegram:7'))?.turns).toBe(100);
      await say(bot, 'telegram:7', '/langganan');
      const active: string[] = [];
      for await (const key of bot.subscriptions.active()) active.push(key);
      expect(active).toEqual(['telegram:7']);
    } finally {
      await store.close();
    }
  });
});

describe('runtime: staff alerts', () => {
  it('renders the alert from the locale and sends it to the staff chat', async () => {
    const bot = makeBot({ env: { STAFF_TELEGRAM_CHAT_ID: '-1001234567890', STAFF_TELEGRAM_IDS: '111' } });
    const sent: [string, string][] = [];
    bot.attach({
      name: 'telegram',
      start: async () => undefined,
      stop: async () => undefined,
      send: async (userKey, replies) => {
        sent.push([userKey, replies.map(replyText).join('\n')]);
        return [];
      },
    });
    await bot.alertStaff('whatsapp.logout', { reason: 'LOGOUT', qr: '/srv/data/whatsapp-qr.png' });
    expect(sent).toEqual([
      ['telegram:-1001234567890', expect.stringContaining('WhatsApp mengeluarkan bot (LOGOUT)') as unknown as string],
    ]);
    expect(sent[0]?.[1]).toContain('/srv/data/whatsapp-qr.png');
  });
});

describe.skipIf(!process.env.REDIS_URL)(
  `two instances on one Redis${process.env.REDIS_URL ? '' : ' (skipped: REDIS_URL unset; CI sets it)'}`,
  () => {
    it('serve one person in turns: 2 × 50 concurrent messages are all counted', async () => {
      const { createRedisStore } = await import('../../src/store/store.js');
      const prefix = `test${process.pid}${Date.now()}`;
      const a = createRedisStore(process.env.REDIS_URL ?? '', prefix);
      const b = createRedisStore(process.env.REDIS_URL ?? '', prefix);
      try {
        const botA = makeBot({ store: a });
        const botB = makeBot({ store: b });
        const fire = (bot: typeof botA) =>
          Array.from({ length: 50 }, () => bot.turn({ userKey: 'whatsapp:628111@c.us', text: 'halo' }));
        const outs = await Promise.all([...fire(botA), ...fire(botB)]);
        expect(outs.filter((o) => o.error)).toEqual([]);
        expect((await botA.sessions.get('whatsapp:628111@c.us'))?.turns).toBe(100);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  },
);
