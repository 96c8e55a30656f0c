import { describe, expect, it } from 'vitest';
import { BroadcastRepository } from '../../src/features/announcements/repository.js';
import { createMemoryStore } from '../../src/store/store.js';
import { makeBot, say } from '../support/app.js';

const STAFF = 'telegram:111';
const env = { STAFF_TELEGRAM_IDS: '111', STAFF_WHATSAPP_IDS: '6281200000001@c.us' };

describe('closure status commands (staff)', () => {
  it('/tutup changes what a citizen is told at once, and /buka says nothing is closed', async () => {
    const bot = makeBot({ env });
    const before = (await say(bot, 'telegram:900', '/status')).join('\n');
    expect(before).toContain('dievaluasi setelah hari raya Galungan');

    const set = (await say(bot, STAFF, '/tutup izin, oss sampai 2026-12-20 alasan banjir di Tabanan')).join('\n');
    expect(set).toContain('Status diperbarui');
    expect(set).toContain('OSS');

    const after = (await say(bot, 'telegram:901', '/status')).join('\n');
    expect(after).toContain('Sebagian layanan tatap muka');
    expect(after).toContain('20 Desember 2026');
    expect(after).not.toContain('Galungan');
    const why = (await say(bot, 'telegram:901', 'kenapa ditutup')).join('\n');
    expect(why).toContain('banjir di Tabanan');
    // A service left open is said to be open.
    expect((await say(bot, 'telegram:902', 'apakah verifikasi lapangan masih buka?')).join('\n')).toContain('buka seperti biasa');

    const reopened = (await say(bot, STAFF, '/buka semua')).join('\n');
    expect(reopened).toContain('buka');
    const open = (await say(bot, 'telegram:903', '/status')).join('\n');
    expect(open).toContain('buka seperti biasa');
    expect(open).not.toContain('ditiadakan');
    expect((await bot.closure.current()).closedServices).toEqual([]);
  });

  it('a closure set on one channel shows to a citizen on the other, through the store', async () => {
    const store = createMemoryStore();
    const a = makeBot({ env, store });
    const b = makeBot({ env, store });
    await say(a, 'whatsapp:6281200000001@c.us', '/tutup semua sampai 2027-01-04');
    // `b` reads the closure from the store (its cache is at most a second old).
    await new Promise((r) => setTimeout(r, 1100));
    expect((await say(b, 'telegram:904', '/status')).join('\n')).toContain('4 Januari 2027');
  });

  it('names the unknown service and changes nothing', async () => {
    const bot = makeBot({ env });
    const reply = (await say(bot, STAFF, '/tutup kantin')).join('\n');
    expect(reply).toContain('Layanan tidak dikenal: kantin');
    expect((await bot.closure.current()).closedServices).toHaveLength(6);
  });

  it('refuses closure and broadcast commands from an id off the allow-list, and queues nothing', async () => {
    const store = createMemoryStore();
    const bot = makeBot({ env, store });
    // Same person's name on another account does not matter: only the platform id is checked.
    for (const text of ['/tutup semua', '/umumkan Kantor buka besok', '/kirim', '/buka semua']) {
      expect(await say(bot, 'telegram:222', text)).toEqual(['Perintah ini khusus petugas kantor.']);
    }
    expect(await new BroadcastRepository(store).list()).toEqual([]);
    expect(await new BroadcastRepository(store).draft('telegram:222')).toBeUndefined();
    expect((await bot.closure.current()).closedServices).toHaveLength(6);
  });

  it('offers subscribing after a closure answer, once, and subscribes with a confirmation', async () => {
    const bot = makeBot({ env });
    const first = (await say(bot, 'telegram:905', '/status')).join('\n');
    expect(first).toContain('ketik langganan');
    const second = (await say(bot, 'telegram:905', '/status')).join('\n');
    expect(second).not.toContain('Ingin mendapat pengumuman');
    expect((await say(bot, 'telegram:905', 'langganan')).join('\n')).toContain('sudah berlangganan');
    expect((await bot.subscriptions.get('telegram:905'))?.subscribed).toBe(true);
    expect((await say(bot, 'telegram:905', 'STOP')).join('\n')).toContain('tidak akan menerima pengumuman');
    const sub = await bot.subscriptions.get('telegram:905');
    expect(sub?.subscribed).toBe(false);
    expect(sub?.changes.map((c) => c.subscribed)).toEqual([true, false]);
  });
});

describe('announcement drafts (staff)', () => {
  it('previews with recipients per channel, then /kirim queues it once; /batal drops a draft', async () => {
    const store = createMemoryStore();
    const bot = makeBot({ env, store });
    await say(bot, 'telegram:1', '/langganan');
    await say(bot, 'telegram:2', '/langganan');
    await say(bot, 'whatsapp:6281300000002@c.us', 'langganan');
    const preview = (await say(bot, STAFF, '/umumkan Pelayanan dibuka kembali mulai Senin.')).join('\n');
    expect(preview).toContain('Pelayanan dibuka kembali mulai Senin.');
    expect(preview).toContain('Telegram 2, WhatsApp 1');
    const repo = new BroadcastRepository(store);
    expect(await repo.list()).toEqual([]);

    const queued = (await say(bot, STAFF, '/kirim')).join('\n');
    expect(queued).toMatch(/Pengumuman \d{8}-[0-9a-f]{6} masuk antrean/);
    expect(queued).toContain('3 penerima');
    const list = await repo.list();
    expect(list).toHaveLength(1);
    expect(list[0]?.status).toBe('queued');
    expect(list[0]?.createdBy).toBe(STAFF);
    expect(await say(bot, STAFF, '/kirim')).toEqual(['Tidak ada draf pengumuman. Tulis dulu dengan /umumkan <teks>.']);

    await say(bot, STAFF, '/umumkan ke telegram Tes');
    expect((await say(bot, STAFF, '/batal')).join('\n')).toContain('dibuang');
    expect(await repo.list()).toHaveLength(1);
  });

  it('/umumkan_status writes the announcement from the current status; scheduling takes the office time', async () => {
    const now = new Date('2026-11-28T02:00:00Z');
    const store = createMemoryStore();
    const bot = makeBot({ env, store, now: () => now });
    await say(bot, STAFF, '/tutup semua sampai 2026-12-20 alasan zona merah');
    const preview = (await say(bot, STAFF, '/umumkan_status pada 2026-12-01T08:00')).join('\n');
    expect(preview).toContain('PENGUMUMAN DPMPTSP Tabanan');
    expect(preview).toContain('20 Desember 2026');
    expect(preview).toContain('zona merah');
    expect(preview).toContain('ANNOUNCEMENT');
    expect(preview).toContain('dijadwalkan 1 Desember 2026');
    await say(bot, STAFF, '/kirim');
    const [b] = await new BroadcastRepository(store).list();
    // 08:00 in Bali (UTC+8) is 00:00 UTC.
    expect(b?.scheduledAt).toBe('2026-12-01T00:00:00.000Z');

    expect((await say(bot, STAFF, '/umumkan pada 2020-01-01T08:00 terlambat')).join('\n')).toContain('sudah lewat');
    expect((await say(bot, STAFF, '/siaran')).join('\n')).toContain('menunggu');
    expect((await say(bot, STAFF, '/siaran_batal')).join('\n')).toContain('dihentikan');
  });
});
