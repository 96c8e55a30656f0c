import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../src/app.js';
import { addWorkdays, emptyCalendarWarning, isWorkday, officeCalendar } from '../../../src/lib/working-days.js';
import { loadOffice } from '../../../src/kernel/office.js';
import { DataFileError } from '../../../src/lib/errors.js';
import { testConfig } from '../../support/app.js';

const office = loadOffice(testConfig().officeFile);
const cal = officeCalendar(office);
const DAY = 86_400_000;
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
const named = (name: string) => office.holidays.filter((h) => h.name === name).map((h) => h.date);

describe('the Tabanan calendar 2026–2027', () => {
  it('a deadline filed before Nyepi crosses Nyepi, Idul Fitri and their cuti bersama (SKB 2026)', () => {
    // Tue 17 Mar 2026 + 3 working days: 18 cuti Nyepi, 19 Nyepi, 20 cuti, 21–22 Idul Fitri (weekend),
    // 23–24 cuti Idul Fitri, then Wed 25 (1), Thu 26 (2), Fri 27 (3). Weekends alone would give Fri 20.
    expect(addWorkdays('2026-03-17', 3, cal)).toBe('2026-03-27');
    expect(addWorkdays('2026-03-17', 3, { ...cal, holidays: new Set() })).toBe('2026-03-20');
    // 2027: Nyepi Tue 9 Mar, Idul Fitri Wed 10 – Thu 11 Mar: Mon 8 + 2 → Fri 12, Mon 15.
    expect(addWorkdays('2027-03-08', 2, cal)).toBe('2027-03-15');
  });

  it('has the national holidays of both years and names the source of every list', () => {
    for (const d of ['2026-01-01', '2026-03-19', '2026-03-21', '2026-05-27', '2026-08-17', '2026-12-25', '2027-03-09', '2027-08-17']) {
      expect(cal.holidays.has(d), d).toBe(true);
    }
    expect(office.holidays.filter((h) => h.date.startsWith('2026') && h.source === 'skb-2026')).toHaveLength(25); // 17 + 8 cuti bersama
    const sources = new Set(office.holidaySources.map((s) => s.id));
    for (const h of office.holidays) expect(sources.has(h.source ?? ''), `${h.date} ${h.name}`).toBe(true);
    expect(office.holidaySources.find((s) => s.id === 'skb-2026')?.title).toMatch(/1497 Tahun 2025/);
  });

  it("Bali's days follow the 210-day Pawukon cycle from the Galungan anchors", () => {
    const galungan = named('Galungan').filter((d) => d >= '2026-01-01');
    expect(galungan).toEqual(['2026-06-17', '2027-01-13', '2027-08-11']);
    for (const [i, g] of galungan.entries()) {
      expect(weekday(g)).toBe(3); // Buda (Wednesday) Kliwon of wuku Dungulan
      if (i > 0) expect(days(galungan[i - 1] ?? '', g)).toBe(210);
    }
    const offsets: Record<string, number> = { 'Umanis Galungan': 1, Kuningan: 10, 'Umanis Kuningan': 11, Saraswati: 136, Pagerwesi: 140 };
    for (const [name, offset] of Object.entries(offsets)) {
      for (const d of named(name).filter((x) => x >= '2026-01-01')) {
        // Each is `offset` days after some Galungan of the cycle (the one before 2026-06-17 included).
        expect([...galungan, '2025-11-19'].some((g) => days(g, d) === offset), `${name} ${d}`).toBe(true);
      }
    }
    expect(named('Saraswati').every((d) => weekday(d) === 6)).toBe(true); // Saniscara (Saturday) of Watugunung
    expect(named('Pagerwesi').every((d) => weekday(d) === 3)).toBe(true);
    expect(named('Saraswati').filter((d) => d >= '2026-01-01')).toEqual(['2026-04-04', '2026-10-31', '2027-05-29', '2027-12-25']);
    expect(isWorkday('2026-11-04', cal)).toBe(false); // Pagerwesi
  });

  it('a holiday naming an unknown source is refused with the path of the field', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'layanan-office-')), 'office.json');
    const raw = JSON.parse(readFileSync(testConfig().officeFile, 'utf8')) as { holidays: { source?: string }[] };
    raw.holidays[0] = { ...raw.holidays[0], source: 'nowhere' };
    writeFileSync(file, JSON.stringify(raw));
    expect(() => loadOffice(file)).toThrow(DataFileError);
    expect(() => loadOffice(file)).toThrow(/holidays\.0\.source: unknown holiday source "nowhere"/);
  });
});

describe('an empty calendar ahead is warned about at start-up', () => {
  it('warns when the next 12 months have no holiday, and not otherwise', () => {
    expect(emptyCalendarWarning(cal, '2026-12-01', 'offices/tabanan.json')).toBeUndefined();
    const warning = emptyCalendarWarning(cal, '2028-01-01', 'offices/tabanan.json');
    expect(warning).toMatch(/no holiday between 2028-01-01 and 2028-12-31/);
    expect(warning).toMatch(/offices\/tabanan\.json \(OFFICE_FILE\)/);
  });

  it('the console chat says so on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layanan-office-'));
    const raw = JSON.parse(readFileSync(testConfig().officeFile, 'utf8')) as { holidays: { date: string }[] };
    raw.holidays = raw.holidays.filter((h) => h.date < '2020-12-31');
    writeFileSync(join(dir, 'office.json'), JSON.stringify(raw));
    const res = spawnSync(process.execPath, ['scripts/run.mjs', 'main'], {
      cwd: ROOT,
      input: 'halo\n',
      encoding: 'utf8',
      timeout: 120_000,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dir, OFFICE_FILE: join(dir, 'office.json') },
    });
    expect(res.status).toBe(0);
    expect(res.stderr).toMatch(/warning: the office calendar has no holiday between/);
    expect(res.stdout).toContain('selamat datang');
  }, 150_000);
});
