import { describe, expect, it } from 'vitest';
import { announcementsDialogue } from '../../src/features/announcements/index.js';
import { channelOption, findChannel, takeChannelPrefix, type PushChannel } from '../../src/features/announcements/channels.js';
import { isRealDate, parseAnnounce, parseTutup } from '../../src/features/announcements/operations.js';
import type { TurnCtx } from '../../src/kernel/feature.js';
import { Translator } from '../../src/kernel/locale.js';
import { replyText } from '../../src/kernel/message.js';
import type { Operation, OperationCtx } from '../../src/kernel/operation.js';
import { knowledgeFiles, testAnnouncements, testChannels } from './support.js';

/** A registry that is not today's: three channels, one with a two-word label. */
const REGISTRY: PushChannel[] = [
  { name: 'telegram', label: 'Telegram', delivery: {} },
  { name: 'wacloud', label: 'WhatsApp Cloud', delivery: {} },
  { name: 'line', label: 'LINE', delivery: {} },
];

describe('`ke <channel>` over the registry', () => {
  it('takes a registered name or label in any case, or semua/all; anything else stays in the text', () => {
    expect(takeChannelPrefix(REGISTRY, 'ke LINE Kantor buka')).toEqual({ channels: ['line'], rest: 'Kantor buka' });
    expect(takeChannelPrefix(REGISTRY, 'ke whatsapp cloud Kantor buka')).toEqual({ channels: ['wacloud'], rest: 'Kantor buka' });
    expect(takeChannelPrefix(REGISTRY, 'to wacloud x')).toEqual({ channels: ['wacloud'], rest: 'x' });
    expect(takeChannelPrefix(REGISTRY, 'ke semua x')?.channels).toEqual(['telegram', 'wacloud', 'line']);
    expect(takeChannelPrefix(REGISTRY, 'ke all')).toEqual({ channels: ['telegram', 'wacloud', 'line'], rest: '' });
    expect(takeChannelPrefix(REGISTRY, 'ke kantor besok')).toBeUndefined();
    // A name is a whole word: `ke lines` is not LINE.
    expect(takeChannelPrefix(REGISTRY, 'ke lines baru')).toBeUndefined();
    expect(findChannel(REGISTRY, 'Telegram')?.name).toBe('telegram');
  });

  it('parses `[pada TIME] [ke CHANNEL] text` in either order; without `ke` every channel', () => {
    expect(parseAnnounce(REGISTRY, 'ke line pada 2026-12-01T08:00 Tes')).toEqual({ at: '2026-12-01T08:00', channels: ['line'], text: 'Tes' });
    expect(parseAnnounce(REGISTRY, 'pada 2026-12-01 08:00 ke Telegram Tes')).toEqual({ at: '2026-12-01T08:00', channels: ['telegram'], text: 'Tes' });
    expect(parseAnnounce(REGISTRY, 'Kantor buka')).toEqual({ at: null, channels: ['telegram', 'wacloud', 'line'], text: 'Kantor buka' });
  });

  it('reads a CLI --channel value by name or label; all is every channel; an unknown one is kept for the schema', () => {
    expect(channelOption(REGISTRY, 'all')).toEqual(['telegram', 'wacloud', 'line']);
    expect(channelOption(REGISTRY, 'WhatsApp Cloud')).toEqual(['wacloud']);
    expect(channelOption(REGISTRY, 'sms')).toEqual(['sms']);
  });
});

describe('validation, the same on every front-end', () => {
  const now = new Date('2026-12-01T02:00:00Z'); // 10:00 in Bali
  const { ann } = testAnnouncements({ now: () => now });
  const op = (name: string): Operation => {
    const found = ann.operations.find((o) => o.name === name);
    if (!found) throw new Error(`no operation ${name}`);
    return found;
  };
  const problem = (name: string, raw: unknown): string | undefined => {
    const v = op(name).validate(raw, now);
    return v.ok ? undefined : v.problem;
  };
  const cli = (name: string, options: Record<string, string | boolean>): unknown => op(name).cli?.toInput?.({}, options);

  it('refuses a reopening date in the past, today is fine, on chat and on the CLI', () => {
    expect(problem('tutup', parseTutup('semua sampai 2020-01-01'))).toMatch(/^until: .*2020-01-01.*sudah lewat/);
    expect(problem('tutup', cli('tutup', { services: 'all', until: '2020-01-01' }))).toMatch(/^until: .*sudah lewat/);
    expect(problem('tutup', parseTutup('semua sampai 2026-11-30'))).toMatch(/sudah lewat/);
    expect(op('tutup').validate(parseTutup('semua sampai 2026-12-01'), now).ok).toBe(true);
  });

  it('refuses a date that does not exist', () => {
    expect(isRealDate(2026, 2, 30)).toBe(false);
    expect(isRealDate(2028, 2, 29)).toBe(true);
    expect(problem('tutup', parseTutup('semua sampai 2026-02-30'))).toMatch(/^until: 2026-02-30 bukan tanggal/);
    expect(problem('tutup', cli('tutup', { services: 'all', until: '2027-13-01' }))).toMatch(/^until: /);
    expect(problem('tutup', cli('tutup', { services: 'all', until: 'besok' }))).toMatch(/^until: besok bukan tanggal/);
  });

  it('names an unknown service, and a missing one on the CLI, in one line', () => {
    expect(problem('tutup', parseTutup('kantin'))).toMatch(/^services: Layanan tidak dikenal: kantin\. Pilihan: .*permit/);
    expect(problem('tutup', cli('tutup', {}))).toMatch(/^services: /);
    expect(problem('buka', cli('buka', { services: 'oss, kantin' }))).toMatch(/kantin/);
    expect(op('buka').validate(cli('buka', {}), now).ok).toBe(true);
  });

  it('refuses a sending time in the past or that does not exist, on chat and on the CLI', () => {
    const chat = (args: string) => op('umumkan').parseChat(args);
    expect(problem('umumkan', chat('pada 2026-12-01T09:59 Tes'))).toMatch(/^at: .*sudah lewat/);
    expect(op('umumkan').validate(chat('pada 2026-12-01T10:01 Tes'), now).ok).toBe(true);
    expect(problem('umumkan', chat('pada 2026-02-30T08:00 Tes'))).toMatch(/^at: .*tidak dikenal/);
    expect(problem('umumkan', chat('pada 2026-12-02T25:00 Tes'))).toMatch(/^at: /);
    expect(problem('siaran_kirim', cli('siaran_kirim', { text: 'x', at: '2020-01-01T08:00' }))).toMatch(/^at: .*sudah lewat/);
    expect(problem('siaran_kirim', cli('siaran_kirim', { text: 'x', channel: 'sms' }))).toMatch(/^channels: kanal sms tidak dikenal; pilihan: telegram, whatsapp/);
    expect(problem('siaran_kirim', cli('siaran_kirim', { text: '  ' }))).toMatch(/^text: /);
  });

  it('refuses a reopening date before the closure began (it needs the stored status: a one-line reply, exit 1)', async () => {
    const { ann: a } = testAnnouncements({ now: () => now });
    await a.closure.set({ ...(await a.closure.read()), closedServices: ['permit'], since: '2026-12-10' });
    const t = new Translator(knowledgeFiles().locales, 'id');
    const ctx: OperationCtx = { staffKey: 'cli:ayu', t, now, front: 'cli' };
    const tutup = a.operations.find((o) => o.name === 'tutup');
    const v = tutup?.validate(parseTutup('permit sampai 2026-12-05'), now);
    if (!tutup || !v?.ok) throw new Error('valid input expected');
    const out = await tutup.run(v.input, ctx);
    expect(out.exitCode).toBe(1);
    expect(out.replies.map(replyText)).toEqual(['Tanggal buka 2026-12-05 sebelum tanggal tutup 2026-12-10; tulis tanggal sesudahnya.']);
    expect((await a.closure.read()).until).not.toBe('2026-12-05');
  });
});

describe('subscribing', () => {
  const { office, locales } = knowledgeFiles();
  const turn = (text: string, canPush: boolean): TurnCtx =>
    ({
      t: new Translator(locales, 'id'),
      k: { office },
      session: {},
      message: { userKey: canPush ? 'telegram:1' : 'console:local', text },
      text,
      c: { intent: 'subscribe', score: 1, normalised: text },
      caller: { staff: false, canPush },
      menuPick: undefined,
    }) as unknown as TurnCtx;

  it('a channel that cannot push never confirms a subscription and asks for no write', () => {
    const h = announcementsDialogue.intents?.subscribe?.(turn('langganan', false));
    expect(h?.effects ?? []).toEqual([]);
    expect(h?.replies.map(replyText).join('\n')).toContain('tidak bisa dikirim lewat kanal ini');
    expect(h?.replies.map(replyText).join('\n')).not.toContain('sudah berlangganan');
  });

  it('a channel that can push confirms, with the write as an effect', () => {
    const h = announcementsDialogue.intents?.subscribe?.(turn('langganan', true));
    expect(h?.effects).toEqual([{ kind: 'subscription.set', subscribed: true, via: 'chat' }]);
    expect(h?.replies.map(replyText).join('\n')).toContain('sudah berlangganan');
  });

  it('the bare stop word unsubscribes; a sentence with it does not', () => {
    for (const w of ['STOP', 'berhenti', ' Unsubscribe! ']) expect(announcementsDialogue.preempt?.(w)).toBe('unsubscribe');
    expect(announcementsDialogue.preempt?.('stop pelayanan kapan')).toBeUndefined();
    expect(announcementsDialogue.commands?.langganan).toBe('subscribe');
    expect(announcementsDialogue.startPayloads?.langganan).toBe('subscribe');
  });

  it('the subscription is written only by the deferred write, after the session; never for a channel that cannot push', async () => {
    const { ann } = testAnnouncements({ channels: testChannels() });
    const run = ann.effects['subscription.set'];
    if (!run) throw new Error('no runner');
    const ctx = { userKey: 'telegram:7', language: 'id' as const, now: new Date(), staff: false };
    const out = await run({ kind: 'subscription.set', subscribed: true, via: 'chat' } as never, ctx);
    expect(await ann.subscriptions.get('telegram:7')).toBeUndefined();
    await out.after?.();
    expect((await ann.subscriptions.get('telegram:7'))?.subscribed).toBe(true);
    const refused = await run({ kind: 'subscription.set', subscribed: true, via: 'chat' } as never, { ...ctx, userKey: 'console:local' });
    expect(refused.after).toBeUndefined();
  });

  it('an unreachable person is unsubscribed, with the reason in the history', async () => {
    const { ann } = testAnnouncements();
    await ann.subscriptions.set('telegram:8', true, 'chat', new Date());
    await ann.onUnreachable('telegram:8', 'blocked the bot', new Date());
    const sub = await ann.subscriptions.get('telegram:8');
    expect(sub?.subscribed).toBe(false);
    expect(sub?.changes.at(-1)?.via).toBe('unreachable: blocked the bot');
  });
});

describe('running the operations (what chat and CLI print)', () => {
  const now = new Date('2026-11-28T02:00:00Z');
  const setup = async () => {
    const { ann } = testAnnouncements({ now: () => now });
    for (const k of ['telegram:1', 'telegram:2', 'whatsapp:62811@c.us', 'console:x']) await ann.subscriptions.set(k, true, 'test', now);
    const t = new Translator(knowledgeFiles().locales, 'id');
    const run = async (name: string, raw: unknown, front: OperationCtx['front'] = 'chat', staffKey = 'telegram:111') => {
      const op = ann.operations.find((o) => o.name === name);
      if (!op) throw new Error(name);
      const v = op.validate(raw, now);
      if (!v.ok) throw new Error(v.problem);
      return op.run(v.input, { staffKey, t, now, front });
    };
    const chat = (name: string, args: string) => run(name, ann.operations.find((o) => o.name === name)?.parseChat(args));
    return { ann, run, chat };
  };

  it('a chat draft previews recipients per channel by label; /kirim queues it for its author', async () => {
    const { ann, chat } = await setup();
    const preview = (await chat('umumkan', 'Pelayanan dibuka kembali.')).replies.map(replyText).join('\n');
    expect(preview).toContain('Penerima: Telegram 2, WhatsApp 1.');
    expect((await chat('umumkan', 'ke telegram Tes')).replies.map(replyText).join('\n')).toContain('Penerima: Telegram 2, WhatsApp -.');
    const queued = await chat('kirim', '');
    expect(replyText(queued.replies[0] ?? { parts: [] })).toMatch(/Pengumuman \d{8}-[0-9a-f]{6} masuk antrean .*2 penerima/);
    const [b] = await ann.broadcasts.repo.list();
    expect(b).toMatchObject({ channels: ['telegram'], createdBy: 'telegram:111', status: 'queued' });
    expect((await chat('kirim', '')).exitCode).toBe(1);
  });

  it('broadcast send prints today’s preview without --yes and queues nothing; with --yes it queues as the CLI user', async () => {
    const { ann, run } = await setup();
    const op = ann.operations.find((o) => o.name === 'siaran_kirim');
    const raw = (o: Record<string, string | boolean>) => op?.cli?.toInput?.({}, o);
    const preview = await run('siaran_kirim', raw({ text: 'Pelayanan dibuka kembali.' }), 'cli', 'cli:ayu');
    expect(preview.text).toBe(
      'Preview (segera setelah dikonfirmasi):\n\nPelayanan dibuka kembali.\n\nRecipients: telegram 2, whatsapp 1\nNothing was queued. Add --yes to send.\n',
    );
    expect(await ann.broadcasts.repo.list()).toEqual([]);
    const sent = await run('siaran_kirim', raw({ text: 'Tes', channel: 'telegram', at: '2030-01-01T08:00', yes: true }), 'cli', 'cli:ayu');
    expect(sent.text).toMatch(/masuk antrean \(dijadwalkan 1 Januari 2030.*\), 2 penerima.*\nid: \d{8}-[0-9a-f]{6}\n$/s);
    const [b] = await ann.broadcasts.repo.list();
    expect(b).toMatchObject({ status: 'queued', channels: ['telegram'], scheduledAt: '2030-01-01T00:00:00.000Z', createdBy: 'cli:ayu' });
    const status = await run('siaran', {}, 'cli');
    expect(replyText(status.replies[0] ?? { parts: [] })).toContain(`Siaran ${b?.id} (menunggu`);
    const cancel = await run('siaran_batal', {}, 'cli', 'cli:ayu');
    expect(replyText(cancel.replies[0] ?? { parts: [] })).toContain('dihentikan');
    expect(await ann.broadcasts.repo.cancelRequest(b?.id ?? '')).toMatchObject({ by: 'cli:ayu' });
    expect(replyText((await run('siaran', {}, 'cli')).replies[0] ?? { parts: [] })).toContain('(pembatalan diminta)');
    expect((await run('siaran_batal', {}, 'cli')).exitCode ?? 0).toBe(0); // still queued: asking again is fine
    expect((await run('siaran', { id: 'nope-0000' }, 'cli')).exitCode).toBe(1);
  });

  it('closure set prints the stored status as JSON; show prints it and the announcement; reopen clears it', async () => {
    const { ann, run } = await setup();
    const set = ann.operations.find((o) => o.name === 'tutup');
    const raw = set?.cli?.toInput?.({}, { services: 'permit,oss', until: '2026-12-20', reason: 'banjir' });
    const out = await run('tutup', raw, 'cli', 'cli:ayu');
    expect(JSON.parse(out.text ?? '')).toMatchObject({ closedServices: ['permit', 'oss'], until: '2026-12-20', reasons: [{ id: 'banjir' }], updatedBy: 'cli:ayu' });
    expect(replyText(out.replies[0] ?? { parts: [] })).toContain('Status diperbarui');
    expect((await run('status_penutupan', {}, 'cli')).text).toContain('PENGUMUMAN DPMPTSP Tabanan');
    const reopen = await run('buka', { services: 'all' }, 'cli');
    expect(JSON.parse(reopen.text ?? '')).toMatchObject({ closedServices: [] });
    expect((await run('status_penutupan', {}, 'cli')).text).toContain('dibuka kembali');
  });
});
