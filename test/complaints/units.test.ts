import { describe, expect, it } from 'vitest';
import { loadOffice } from '../../src/kernel/office.js';
import { parseCategoryFile, suggestCategory } from '../../src/features/complaints/categories.js';
import { csvCell, toCsv } from '../../src/features/complaints/export.js';
import type { Complaint } from '../../src/features/complaints/schema.js';
import { ALPHABET, findTicket, isBareTicket, newTicket } from '../../src/features/complaints/tickets.js';
import { addWorkdays, isPast, isWorkday, officeCalendar } from '../../src/lib/working-days.js';
import { DataFileError } from '../../src/lib/errors.js';
import { makeBot } from '../support/app.js';
import { testConfig } from '../support/app.js';

const cal = officeCalendar(loadOffice(testConfig().officeFile));

describe('working days (office calendar from offices/tabanan.json)', () => {
  it('skips weekends', () => {
    expect(addWorkdays('2026-11-26', 3, cal)).toBe('2026-12-01'); // Thu → Fri, Mon, Tue
    expect(addWorkdays('2026-11-28', 1, cal)).toBe('2026-11-30'); // filed on Saturday → Monday
    expect(isWorkday('2026-11-29', cal)).toBe(false);
  });

  it('skips Galungan, Umanis Galungan and Kuningan from the data file', () => {
    // Mon 14 Sep 2020: Tue 15 (1), Galungan 16 and Umanis 17 skipped, Fri 18 (2), weekend, Mon 21 (3)
    expect(addWorkdays('2020-09-14', 3, cal)).toBe('2020-09-21');
    // Kuningan 26 Sep 2020 is a Saturday anyway; June 2026: Galungan Wed 17, Umanis Thu 18
    expect(addWorkdays('2026-06-16', 3, cal)).toBe('2026-06-23');
    expect(isWorkday('2026-06-17', cal)).toBe(false);
  });

  it('judges "past the deadline" on the date in the office time zone (WITA, UTC+8)', () => {
    expect(isPast('2026-11-26', new Date('2026-11-26T15:59:00Z'), cal)).toBe(false); // 23:59 WITA
    expect(isPast('2026-11-26', new Date('2026-11-26T16:00:00Z'), cal)).toBe(true); // 00:00 WITA next day
  });
});

describe('tickets', () => {
  it('are ADU- plus 6 Crockford base32 characters, and random draws differ', () => {
    const many = Array.from({ length: 2000 }, () => newTicket());
    for (const t of many) expect(t).toMatch(/^ADU-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(new Set(many).size).toBeGreaterThan(1995);
    expect(ALPHABET).not.toMatch(/[ILOU]/);
  });

  it('are found in text in any case, with I/L read as 1 and O as 0', () => {
    expect(findTicket('cek status adu 7k3m9q ya')).toBe('ADU-7K3M9Q');
    expect(findTicket('ADU-7K3M9Q')).toBe('ADU-7K3M9Q');
    expect(findTicket('adu-7k3m9o')).toBe('ADU-7K3M90');
    expect(findTicket('tiket adu-lkimoq')).toBe('ADU-1K1M0Q');
    expect(findTicket('pengaduan saya kemarin')).toBeUndefined();
    expect(findTicket('adu-7K3M9QX')).toBeUndefined();
    expect(isBareTicket('adu 7k3m9q')).toBe(true);
    expect(isBareTicket('status ADU-7K3M9Q?')).toBe(true);
    expect(isBareTicket('ADU-7K3M9Q belum ditanggapi sama sekali')).toBe(false);
  });
});

describe('categories (keywords from categories.json)', () => {
  it('suggests a category from the text', () => {
    expect(suggestCategory('izin saya sudah 3 bulan tidak selesai')).toBe('lambat');
    expect(suggestCategory('petugas meminta uang tambahan supaya cepat')).toBe('pungli');
    expect(suggestCategory('petugas loket kasar dan tidak sopan')).toBe('perilaku');
    expect(suggestCategory('situs OSS error terus, tidak bisa login')).toBe('sistem');
    expect(suggestCategory('persyaratannya tidak jelas')).toBe('informasi');
    expect(suggestCategory('parkiran penuh')).toBe('lainnya');
  });

  it('rejects a keyword file with an unknown category, naming the field', () => {
    expect(() => parseCategoryFile({ categories: [{ id: 'cuaca', keywords: ['hujan'] }] })).toThrow(DataFileError);
    expect(() => parseCategoryFile({ categories: [{ id: 'cuaca', keywords: ['hujan'] }] })).toThrow(/categories\.0\.id/);
  });
});

/** A chat command through its operation's own parser and schema, as the chat front-end runs it. */
function parseStaffCommand(name: string, args: string): { ok: true; command: Record<string, unknown> } | { ok: false; problem: string } | undefined {
  const op = makeBot().app.catalogue.get(name);
  if (!op) return undefined;
  const checked = op.validate(op.parseChat(args), new Date('2026-12-01T02:00:00Z'));
  return checked.ok ? { ok: true, command: { name, ...(checked.input as Record<string, unknown>) } } : checked;
}

describe('staff command parsing', () => {
  it('accepts lower-case tickets and names the problem otherwise', () => {
    expect(parseStaffCommand('aduan_status', 'adu-7k3m9q selesai Izin sudah terbit')).toEqual({
      ok: true,
      command: { name: 'aduan_status', ticket: 'ADU-7K3M9Q', status: 'selesai', note: 'Izin sudah terbit' },
    });
    expect(parseStaffCommand('aduan', '')).toMatchObject({ ok: true, command: { filter: 'terbuka' } });
    expect(parseStaffCommand('aduan', 'terlambat')).toMatchObject({ ok: true, command: { filter: 'terlambat' } });
    expect(parseStaffCommand('aduan_status', 'ADU-7K3M9Q beres')).toMatchObject({ ok: false, problem: expect.stringContaining('status') });
    expect(parseStaffCommand('aduan_status', 'ADU-7K3M9Q ditolak')).toMatchObject({ ok: false, problem: expect.stringContaining('reason') });
    expect(parseStaffCommand('aduan_kategori', 'ADU-7K3M9Q cuaca')).toMatchObject({ ok: false });
    expect(parseStaffCommand('aduan_lihat', '12345')).toMatchObject({ ok: false, problem: expect.stringContaining('ticket') });
  });
});

function complaint(over: Partial<Complaint>): Complaint {
  return {
    ticket: 'ADU-7K3M9Q',
    draftId: 'draft-0000001',
    ownerKey: 'whatsapp:6281234567890@c.us',
    language: 'id',
    description: 'Izin "PBG" saya belum selesai, padahal sudah 3 bulan.\nMohon dibantu',
    permitNumber: '503/12/DPMPTSP/2026',
    name: 'Ni Luh Putu Ayu Ṣ. Kartikā',
    contact: '+6281234567890',
    category: 'lambat',
    suggestedCategory: 'lambat',
    attachments: [],
    status: 'diproses',
    createdAt: '2026-11-23T02:00:00.000Z',
    updatedAt: '2026-11-24T02:00:00.000Z',
    verifyBy: '2026-11-26',
    followUpBy: '2026-12-03',
    history: [{ at: '2026-11-24T02:00:00.000Z', by: 'telegram:900', action: 'status', status: 'diproses', note: '=HYPERLINK("http://x")' }],
    overdueNotified: [],
    ...over,
  };
}

describe('CSV export', () => {
  it('starts with a BOM, ends lines with CRLF, quotes per RFC 4180 and keeps Indonesian text intact', () => {
    const csv = toCsv([complaint({})], () => undefined);
    expect(csv.startsWith('\uFEFFticket,status,category,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]?.split(',')).toHaveLength(17);
    expect(csv).toContain('"Izin ""PBG"" saya belum selesai, padahal sudah 3 bulan.\nMohon dibantu"');
    expect(csv).toContain('Ni Luh Putu Ayu Ṣ. Kartikā');
    expect(csv).toContain(",'+6281234567890,");
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('guards every formula-starting cell', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)']) expect(csvCell(s)).toBe(`'${s}`);
    expect(csvCell('biasa')).toBe('biasa');
    expect(csvCell(null)).toBe('');
  });
});
