/**
 * `/aduan_catatan`: an internal staff note on a complaint, declared once in the complaints feature. It is
 * kept in the history and shown to staff, never sent to the citizen, changes no status, and appears by
 * itself in the chat help, Telegram's command list and the CLI (`complaints note`).
 */
import { describe, expect, it } from 'vitest';
import { groupUsage, runGroup } from '../../../src/cli/operations.js';
import { Translator } from '../../../src/kernel/locale.js';
import { AuditLog } from '../../../src/runtime/audit.js';
import { RecordingChannel, fileComplaint } from '../../complaints/helpers.js';
import { makeBot, say } from '../../support/app.js';

const STAFF = 'telegram:900';

describe('/aduan_catatan (one operation, every front-end)', () => {
  it('keeps an internal note: in the history and staff views, never told to the citizen, no status change', async () => {
    const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: '900' } });
    const telegram = new RecordingChannel('telegram');
    bot.attach(telegram);
    const { ticket } = await fileComplaint(bot, 'telegram:1', 'petugas loket minta uang tambahan supaya berkas cepat diproses');
    expect(ticket).toBeDefined();
    const before = telegram.to('telegram:1').length;

    const reply = (await say(bot, STAFF, `/aduan_catatan ${ticket?.toLowerCase()} "sudah telepon pelapor, minta bukti transfer"`)).join('\n');
    expect(reply).toContain(`Catatan internal tersimpan di pengaduan ${ticket}`);
    const stored = await bot.complaints.repo.get(ticket ?? '');
    expect(stored?.status).toBe('baru');
    expect(stored?.history.at(-1)).toMatchObject({ action: 'note', by: STAFF, note: 'sudah telepon pelapor, minta bukti transfer' });
    expect(telegram.to('telegram:1')).toHaveLength(before);

    const staffView = (await say(bot, STAFF, `/aduan_lihat ${ticket}`)).join('\n');
    expect(staffView).toContain('minta bukti transfer');
    const ownerView = (await say(bot, 'telegram:1', `status ${ticket}`)).join('\n');
    expect(ownerView).toContain(ticket);
    expect(ownerView).not.toContain('bukti transfer');
  });

  it('refuses a note without text, and refuses citizens', async () => {
    const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: '900' } });
    const { ticket } = await fileComplaint(bot, 'telegram:1');
    expect((await say(bot, STAFF, `/aduan_catatan ${ticket}`)).join('\n')).toMatch(/belum lengkap atau salah: note/);
    expect((await say(bot, 'telegram:1', `/aduan_catatan ${ticket} halo`)).join('\n')).toContain('khusus petugas');
    expect((await bot.complaints.repo.get(ticket ?? ''))?.history.some((h) => h.action === 'note')).toBe(false);
  });

  it('appears by itself in /staf, in the Telegram staff command list and in the CLI', async () => {
    const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: '900' } });
    const help = (await say(bot, STAFF, '/staf')).join('\n');
    expect(help).toContain('/aduan_catatan ADU-XXXXXX <catatan>');
    const t = new Translator(bot.app.locales, 'id');
    expect(bot.app.catalogue.chatHelp(t).map((c) => c.name)).toContain('aduan_catatan');
    const ops = bot.app.catalogue.cliGroups().get('complaints') ?? [];
    expect(groupUsage('complaints', ops, t)).toContain('complaints note TICKET [--note N]');

    const { ticket } = await fileComplaint(bot, 'telegram:1');
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) };
    const code = await runGroup('complaints', ['note', ticket ?? '', '--note', 'dicek via CLI', '--by', 'ayu'], {
      catalogue: bot.app.catalogue,
      locales: bot.app.locales,
      io,
    });
    expect(code).toBe(0);
    expect((await bot.complaints.repo.get(ticket ?? ''))?.history.at(-1)).toMatchObject({ action: 'note', by: 'cli:ayu', note: 'dicek via CLI' });
  });

  it('every change is in the one audit log, whichever front-end made it', async () => {
    const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: '900' } });
    const { ticket } = await fileComplaint(bot, 'telegram:1');
    await say(bot, STAFF, `/aduan_catatan ${ticket} dari chat`);
    const io = { out: () => undefined, err: () => undefined };
    await runGroup('complaints', ['note', ticket ?? '', '--note', 'dari CLI', '--by', 'ayu'], { catalogue: bot.app.catalogue, locales: bot.app.locales, io });
    await say(bot, STAFF, `/aduan_lihat ${ticket}`); // reading changes nothing: not audited
    const log = await new AuditLog(bot.store).list();
    expect(log.map((r) => [r.by, r.action, r.detail, r.ok])).toEqual([
      ['cli:ayu', 'aduan_catatan', 'cli', true],
      [STAFF, 'aduan_catatan', 'chat', true],
    ]);
  });
});
