import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/store.js';
import { makeBot, say } from '../support/app.js';
import { clock, fileComplaint, RecordingChannel, ticketIn } from './helpers.js';

const CITIZEN = 'telegram:501';

describe('complaints: filing in chat', () => {
  it('takes a first message that says what is wrong as the description and gives a ticket once stored', async () => {
    const bot = makeBot();
    const first = await say(bot, CITIZEN, 'izin saya sudah 3 bulan tidak selesai, mau protes');
    expect(first.join('\n')).toContain('pengaduan Anda saya catat');
    expect(first.join('\n')).toContain('nomor izin atau nomor permohonan');
    expect((await say(bot, CITIZEN, '503/123/DPMPTSP/2020')).join('\n')).toContain('Nama Anda?');
    expect((await say(bot, CITIZEN, 'Made Wirawan')).join('\n')).toContain('Nomor HP atau email');
    const confirm = (await say(bot, CITIZEN, '081234567890')).join('\n');
    expect(confirm).toContain('Ringkasan pengaduan');
    expect(confirm).toContain('Isi: izin saya sudah 3 bulan tidak selesai, mau protes');
    expect(confirm).toContain('Nama: Made Wirawan');
    expect(confirm).toContain('Kontak: 081234567890');
    expect(confirm).toContain('Kategori (perkiraan): pelayanan lambat');
    expect(confirm).toContain('disimpan paling lama 730 hari');
    expect(confirm).not.toMatch(/ADU-/);
    const done = (await say(bot, CITIZEN, 'ya')).join('\n');
    const ticket = ticketIn(done);
    expect(ticket).toMatch(/^ADU-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(done).toContain('sudah tersimpan');
    const stored = await bot.complaints.repo.get(ticket ?? '');
    expect(stored).toMatchObject({
      ownerKey: CITIZEN,
      status: 'baru',
      category: 'lambat',
      permitNumber: '503/123/DPMPTSP/2020',
      name: 'Made Wirawan',
      contact: '081234567890',
    });
    expect((await bot.sessions.get(CITIZEN))?.flow).toBeUndefined();
  });

  it('asks for the description when the first message only says "mau lapor"', async () => {
    const bot = makeBot();
    const first = (await say(bot, CITIZEN, 'mau lapor')).join('\n');
    expect(first).toContain('Ceritakan apa yang terjadi');
    expect((await say(bot, CITIZEN, 'lewati')).join('\n')).toContain('tidak bisa dilewati');
    expect((await say(bot, CITIZEN, 'jelek')).join('\n')).toContain('lebih rinci');
    expect((await say(bot, CITIZEN, 'Petugas loket meminta uang tambahan supaya izin cepat keluar')).join('\n')).toContain(
      'nomor izin',
    );
    await say(bot, CITIZEN, 'lewati');
    await say(bot, CITIZEN, 'lewati');
    const confirm = (await say(bot, CITIZEN, 'lewati')).join('\n');
    expect(confirm).toContain('Kategori (perkiraan): pungutan liar');
    expect(confirm).toContain('Nama: -');
    expect(ticketIn((await say(bot, CITIZEN, 'kirim')).join('\n'))).toBeDefined();
  });

  it.each(['description', 'permit', 'name', 'contact', 'confirm'])('"batal" at the %s step leaves and stores nothing', async (step) => {
    const bot = makeBot();
    const path: Record<string, string[]> = {
      description: ['mau lapor'],
      permit: ['mau lapor', 'pelayanan perizinan sangat lambat sekali'],
      name: ['mau lapor', 'pelayanan perizinan sangat lambat sekali', 'lewati'],
      contact: ['mau lapor', 'pelayanan perizinan sangat lambat sekali', 'lewati', 'lewati'],
      confirm: ['mau lapor', 'pelayanan perizinan sangat lambat sekali', 'lewati', 'lewati', 'lewati'],
    };
    for (const text of path[step] ?? []) await say(bot, CITIZEN, text);
    expect((await bot.sessions.get(CITIZEN))?.flow?.data).toMatchObject({ step });
    expect((await say(bot, CITIZEN, step === 'confirm' ? 'cancel' : 'batal')).join('\n')).toContain('dibatalkan');
    expect((await bot.sessions.get(CITIZEN))?.flow).toBeUndefined();
    expect(await bot.complaints.repo.list()).toHaveLength(0);
  });

  it('answers a question from outside the form, then re-asks the current step', async () => {
    const bot = makeBot();
    await say(bot, CITIZEN, 'izin saya sudah 3 bulan tidak selesai, mau protes');
    const detour = (await say(bot, CITIZEN, 'kantor buka jam berapa?')).join('\n');
    expect(detour).toContain('Jam layanan');
    expect(detour).toContain('Kembali ke pengaduan Anda');
    expect(detour).toContain('nomor izin atau nomor permohonan');
    expect((await bot.sessions.get(CITIZEN))?.flow?.data).toMatchObject({ step: 'permit' });
    expect((await say(bot, CITIZEN, 'lewati')).join('\n')).toContain('Nama Anda?');
  });

  it('re-asks with a clear reason when an answer does not fit', async () => {
    const bot = makeBot();
    await say(bot, CITIZEN, 'izin saya sudah 3 bulan tidak selesai, mau protes');
    expect((await say(bot, CITIZEN, 'abc')).join('\n')).toContain('tidak terbaca sebagai nomor izin');
    await say(bot, CITIZEN, 'lewati');
    expect((await say(bot, CITIZEN, '12345')).join('\n')).toContain('Nama hanya boleh');
    await say(bot, CITIZEN, 'lewati');
    expect((await say(bot, CITIZEN, 'warga@')).join('\n')).toContain('nomor HP');
    expect((await say(bot, CITIZEN, 'terima kasih')).join('\n')).toContain('Kembali ke pengaduan Anda');
    expect((await say(bot, CITIZEN, 'warga@example.com')).join('\n')).toContain('Kontak: warga@example.com');
    expect((await say(bot, CITIZEN, 'mungkin')).join('\n')).toContain('Balas ya untuk mengirim');
  });

  it('keeps photos and documents sent during the form and acknowledges them', async () => {
    const bot = makeBot();
    await say(bot, CITIZEN, 'mau lapor');
    const photo = await say(bot, CITIZEN, '', { attachments: [{ kind: 'photo', fileId: 'AgACAgUAAx0' }] });
    expect(photo.join('\n')).toContain('Lampiran diterima');
    expect(photo.join('\n')).toContain('Ceritakan apa yang terjadi');
    await say(bot, CITIZEN, 'situs formulir tidak bisa dibuka sejak kemarin, error terus', {
      attachments: [{ kind: 'document', fileId: 'BQACAgUAAx0', fileName: 'bukti.pdf', mimeType: 'application/pdf' }],
    });
    await say(bot, CITIZEN, 'lewati');
    await say(bot, CITIZEN, 'lewati');
    const confirm = (await say(bot, CITIZEN, 'lewati')).join('\n');
    expect(confirm).toContain('Lampiran: 2');
    expect(confirm).toContain('gangguan situs/sistem');
    const ticket = ticketIn((await say(bot, CITIZEN, 'ya')).join('\n'));
    expect((await bot.complaints.repo.get(ticket ?? ''))?.attachments).toEqual([
      { kind: 'photo', fileId: 'AgACAgUAAx0' },
      { kind: 'document', fileId: 'BQACAgUAAx0', fileName: 'bukti.pdf', mimeType: 'application/pdf' },
    ]);
  });

  it('does not ask for a contact when the platform gives the phone number', async () => {
    const bot = makeBot();
    const wa = 'whatsapp:6281234567890@c.us';
    await say(bot, wa, 'izin saya sudah 3 bulan tidak selesai, mau protes', { phone: '+6281234567890' });
    await say(bot, wa, 'lewati', { phone: '+6281234567890' });
    const confirm = (await say(bot, wa, 'Ni Luh Putu Ayu', { phone: '+6281234567890' })).join('\n');
    expect(confirm).toContain('Ringkasan pengaduan');
    expect(confirm).toContain('Kontak: +6281234567890');
  });

  it('runs in English for an English-speaking citizen, and "edit" starts the answers again', async () => {
    const bot = makeBot();
    expect((await say(bot, CITIZEN, 'I want to file a complaint')).join('\n')).toContain('Tell me what happened');
    await say(bot, CITIZEN, 'The officer at the counter was rude to me yesterday');
    await say(bot, CITIZEN, 'skip');
    await say(bot, CITIZEN, 'skip');
    const confirm = (await say(bot, CITIZEN, 'skip')).join('\n');
    expect(confirm).toContain('Complaint summary');
    expect(confirm).toContain('staff conduct');
    expect((await say(bot, CITIZEN, 'edit')).join('\n')).toContain('Tell me what happened');
    await say(bot, CITIZEN, 'The officer at the counter shouted at me yesterday');
    await say(bot, CITIZEN, 'skip');
    await say(bot, CITIZEN, 'skip');
    await say(bot, CITIZEN, 'skip');
    const done = (await say(bot, CITIZEN, 'yes')).join('\n');
    expect(done).toContain('Your complaint is stored');
    expect(await bot.complaints.repo.list()).toHaveLength(1);
  });

  it('an idle form expires with the session and says so next time', async () => {
    const c = clock();
    const bot = makeBot({ now: c.now });
    await say(bot, CITIZEN, 'mau lapor');
    c.add(31 * 60_000);
    const next = (await say(bot, CITIZEN, 'ya')).join('\n');
    expect(next).toContain('kedaluwarsa');
    expect((await bot.sessions.get(CITIZEN))?.flow).toBeUndefined();
    expect(await bot.complaints.repo.list()).toHaveLength(0);
  });

  it('100 complaints filed at once by different people get 100 distinct tickets', async () => {
    const bot = makeBot();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => fileComplaint(bot, `whatsapp:62812000${String(i).padStart(3, '0')}@c.us`)),
    );
    const tickets = results.map((r) => r.ticket);
    expect(tickets.every(Boolean)).toBe(true);
    expect(new Set(tickets).size).toBe(100);
    expect(await bot.complaints.repo.list()).toHaveLength(100);
  });
});

describe('complaints: status', () => {
  it('the owner sees status, dates and the last staff note; a stranger only that it exists and its status', async () => {
    const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: '900' } });
    const { ticket } = await fileComplaint(bot, CITIZEN);
    await say(bot, 'telegram:900', `/aduan_status ${ticket} diproses Berkas sedang diperiksa bidang perizinan`);
    const typed = (ticket ?? '').toLowerCase().replace('-', ' ');
    const owner = (await say(bot, CITIZEN, typed)).join('\n');
    expect(owner).toContain(`Tiket ${ticket}: sedang diproses`);
    expect(owner).toContain('Diajukan:');
    expect(owner).toContain('Berkas sedang diperiksa bidang perizinan');
    const stranger = (await say(bot, 'telegram:777', `cek status ${ticket}`)).join('\n');
    expect(stranger).toContain(`Tiket ${ticket} terdaftar dengan status: sedang diproses`);
    expect(stranger).not.toContain('Berkas');
    expect(stranger).not.toContain('3 bulan');
  });

  it('asks for the ticket when the message has none, and says when it does not exist', async () => {
    const bot = makeBot();
    const { ticket } = await fileComplaint(bot, CITIZEN);
    expect((await say(bot, CITIZEN, 'cek status pengaduan')).join('\n')).toContain('Sebutkan nomor tiket');
    expect((await say(bot, CITIZEN, ticket ?? '')).join('\n')).toContain('baru diterima');
    expect((await say(bot, CITIZEN, 'ADU-ZZZZZZ')).join('\n')).toContain('tidak ditemukan');
  });
});

describe('complaints: staff', () => {
  it('announces a new complaint to staff, and a status change by /aduan_status reaches the citizen', async () => {
    const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: '900' } });
    const telegram = new RecordingChannel('telegram');
    bot.attach(telegram);
    const { ticket } = await fileComplaint(bot, CITIZEN);
    await bot.complaints.idle();
    const announced = telegram.to('telegram:900').join('\n');
    expect(announced).toContain(`Pengaduan baru ${ticket}`);
    expect(announced).toContain(`/aduan_status ${ticket} diverifikasi`);
    const reply = (await say(bot, 'telegram:900', `/aduan_status ${ticket} diverifikasi Sudah kami terima, sedang dicek`)).join('\n');
    expect(reply).toContain('Pelapor sudah diberi tahu');
    const told = telegram.to(CITIZEN).join('\n');
    expect(told).toContain(`Kabar pengaduan ${ticket}: status sekarang sudah diverifikasi`);
    expect(told).toContain('Sudah kami terima, sedang dicek');
    const stored = await bot.complaints.repo.get(ticket ?? '');
    expect(stored?.history.at(-1)).toMatchObject({ by: 'telegram:900', status: 'diverifikasi', notified: true });
  });

  it('stores a change even when the citizen cannot be told, marks notified:false, and the check retries', async () => {
    const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: '900' } });
    const telegram = new RecordingChannel('telegram');
    bot.attach(telegram);
    const { ticket } = await fileComplaint(bot, CITIZEN);
    telegram.failing = true;
    const reply = (await say(bot, 'telegram:900', `/aduan_status ${ticket} selesai Izin sudah terbit`)).join('\n');
    expect(reply).toContain('belum bisa diberi tahu');
    expect((await bot.complaints.repo.get(ticket ?? ''))?.history.at(-1)).toMatchObject({ status: 'selesai', notified: false });
    telegram.failing = false;
    expect(await bot.complaints.sweep(new Date())).toMatchObject({ renotified: 1 });
    expect(telegram.to(CITIZEN).join('\n')).toContain('Izin sudah terbit');
    expect((await bot.complaints.repo.get(ticket ?? ''))?.history.at(-1)).toMatchObject({ notified: true });
  });

  it('refuses staff commands to people off the allow-list, and needs a reason to reject', async () => {
    const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: '900' } });
    const { ticket } = await fileComplaint(bot, CITIZEN);
    expect((await say(bot, CITIZEN, `/aduan_status ${ticket} selesai beres`)).join('\n')).toContain('khusus petugas');
    expect((await say(bot, CITIZEN, `/aduan_lihat ${ticket}`)).join('\n')).toContain('khusus petugas');
    // `/aduan` is also the citizens' command: for them it opens the form, never the staff list.
    const citizenAduan = (await say(bot, CITIZEN, '/aduan')).join('\n');
    expect(citizenAduan).toContain('Ceritakan apa yang terjadi');
    expect(citizenAduan).not.toContain(ticket);
    expect((await bot.complaints.repo.get(ticket ?? ''))?.status).toBe('baru');
    expect((await say(bot, 'telegram:900', `/aduan_status ${ticket} ditolak`)).join('\n')).toContain('ditolak needs a reason');
    expect((await say(bot, 'telegram:900', `/aduan_status ${ticket} ditolak Bukan kewenangan DPMPTSP`)).join('\n')).toContain(
      'ditolak',
    );
    expect((await say(bot, 'telegram:900', `/aduan_status ${ticket} diproses lagi`)).join('\n')).toContain('tidak bisa diubah');
  });

  it('lists open and overdue complaints in working days, and the check tells staff once per overdue complaint', async () => {
    const c = clock('2026-11-23T02:00:00Z'); // Monday 10:00 in Tabanan
    const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: '900' }, now: c.now });
    const telegram = new RecordingChannel('telegram');
    bot.attach(telegram);
    const { ticket } = await fileComplaint(bot, CITIZEN);
    expect((await bot.complaints.repo.get(ticket ?? ''))?.verifyBy).toBe('2026-11-26');
    expect((await say(bot, 'telegram:900', '/aduan')).join('\n')).toContain(ticket);
    expect((await say(bot, 'telegram:900', '/aduan terlambat')).join('\n')).toContain('Tidak ada pengaduan yang terlambat');
    c.set('2026-11-27T02:00:00Z'); // Friday: verification was due on Thursday
    const overdue = (await say(bot, 'telegram:900', '/aduan terlambat')).join('\n');
    expect(overdue).toContain(`⚠ ${ticket}`);
    expect((await say(bot, 'telegram:900', `/aduan_lihat ${ticket}`)).join('\n')).toContain('(TERLAMBAT)');
    const before = telegram.to('telegram:900').length;
    await bot.complaints.sweep(c.now());
    await bot.complaints.sweep(c.now());
    const alerts = telegram.to('telegram:900').slice(before);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain(`Pengaduan ${ticket} melewati batas verifikasi`);
  });

  it('corrects the category and deletes a citizen\'s personal data on request, keeping an anonymous record', async () => {
    const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: '900' } });
    const { ticket } = await fileComplaint(bot, CITIZEN, 'izin saya sudah 3 bulan tidak selesai, petugas judes sekali');
    expect((await say(bot, 'telegram:900', `/aduan_kategori ${ticket} perilaku`)).join('\n')).toContain('perilaku petugas');
    expect((await say(bot, 'telegram:900', `/aduan_hapus_data ${ticket}`)).join('\n')).toContain('sudah dihapus');
    const c = await bot.complaints.repo.get(ticket ?? '');
    expect(c).toMatchObject({ ticket, category: 'perilaku', status: 'baru', ownerKey: null, description: null, name: null, contact: null });
    expect(c?.anonymisedAt).toBeDefined();
    expect(JSON.stringify(c)).not.toContain('judes');
    const owner = (await say(bot, CITIZEN, `status ${ticket}`)).join('\n');
    expect(owner).toContain('terdaftar dengan status');
  });
});

describe('complaints: the store failing at the moment of saving', () => {
  it('gives no ticket, says so, keeps the form at the confirmation, and "ya" again stores exactly one', async () => {
    const inner = createMemoryStore();
    let failNext = false;
    const store = {
      kind: inner.kind,
      close: () => inner.close(),
      collection: <T,>(name: string, schema: import('zod').ZodType<T>) => {
        const col = inner.collection(name, schema);
        if (name !== 'complaints') return col;
        return {
          ...col,
          get: (k: string) => col.get(k),
          delete: (k: string) => col.delete(k),
          entries: () => col.entries(),
          set: async (k: string, v: T, ttl?: number) => {
            if (failNext) {
              failNext = false;
              throw new Error('SQLITE_IOERR: disk I/O error');
            }
            return col.set(k, v, ttl);
          },
        };
      },
    };
    const bot = makeBot({ store });
    await say(bot, CITIZEN, 'izin saya sudah 3 bulan tidak selesai, mau protes');
    await say(bot, CITIZEN, 'lewati');
    await say(bot, CITIZEN, 'lewati');
    await say(bot, CITIZEN, 'lewati');
    failNext = true;
    const failed = (await say(bot, CITIZEN, 'ya')).join('\n');
    expect(failed).toContain('belum tersimpan');
    expect(failed).toContain('call center');
    expect(ticketIn(failed)).toBeUndefined();
    expect(await bot.complaints.repo.list()).toHaveLength(0);
    expect((await bot.sessions.get(CITIZEN))?.flow?.data).toMatchObject({ step: 'confirm' });
    const retried = (await say(bot, CITIZEN, 'ya')).join('\n');
    const ticket = ticketIn(retried);
    expect(ticket).toBeDefined();
    const all = await bot.complaints.repo.list();
    expect(all.map((c) => c.ticket)).toEqual([ticket]);
  });
});

describe('complaints: nobody gets stuck in the form', () => {
  it('at an optional step, a menu number or a confident other question is answered and the form resumes', async () => {
    const bot = makeBot();
    const who = 'whatsapp:6281999000111@c.us';
    await say(bot, who, 'mau lapor, izin saya sudah 3 bulan tidak selesai');
    const menu = (await say(bot, who, '2')).join('\n');
    expect(menu).toContain('ditiadakan');
    expect(menu).toContain('Kembali ke pengaduan Anda');
    const contact = (await say(bot, who, 'no telp kantor brp')).join('\n');
    expect(contact).toContain('call center');
    expect(contact).not.toContain('tidak terbaca');
    const form = (await say(bot, who, 'formulir siup')).join('\n');
    expect(form).toContain('Surat Izin Usaha Perdagangan (SIUP)');
    // The permit number is still taken as the answer it is.
    expect((await say(bot, who, 'PBG-2026-0012')).join('\n')).toContain('Nama Anda?');
  });
});
