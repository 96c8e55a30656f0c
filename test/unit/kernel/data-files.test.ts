import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../src/app.js';
import { loadLocales } from '../../../src/kernel/locale.js';
import { DataFileError } from '../../../src/lib/errors.js';
import { loadOffice } from '../../../src/kernel/office.js';

const tabanan = join(ROOT, 'offices/tabanan.json');

function withOffice(edit: (o: Record<string, unknown>) => void): string {
  const o = JSON.parse(readFileSync(tabanan, 'utf8')) as Record<string, unknown>;
  edit(o);
  const file = join(mkdtempSync(join(tmpdir(), 'office-')), 'office.json');
  writeFileSync(file, JSON.stringify(o));
  return file;
}

describe('office data file', () => {
  it('the shipped Tabanan file is valid and holds the facts of the closure', () => {
    const office = loadOffice(tabanan);
    expect(office.formsPage).toBe('http://dpmptsp.tabanankab.go.id/formulir-pendaftaran-izin');
    expect(office.closure.staffOnDutyPercent).toBe(25);
    expect(office.services.map((s) => s.id)).toEqual(
      expect.arrayContaining(['permit', 'non_permit', 'field_verification', 'oss', 'consultation', 'complaints']),
    );
  });

  it.each([
    ['a closed service that does not exist', (o: Record<string, unknown>) => ((o.closure as { closedServices: string[] }).closedServices = ['osss']), 'closure.closedServices.0'],
    ['a bad forms page link', (o: Record<string, unknown>) => (o.formsPage = 'dpmptsp tabanan'), 'formsPage'],
    ['a text without English', (o: Record<string, unknown>) => ((o.oss as { helpText: unknown }).helpText = { id: 'x' }), 'oss.helpText.en'],
    ['a bad opening time', (o: Record<string, unknown>) => ((o.hours as { open: string }[])[0]!.open = '8 pagi'), 'hours.0.open'],
    ['an unknown field (a typo)', (o: Record<string, unknown>) => (o.webiste = 'x'), 'webiste'],
  ])('refuses %s, naming the field', (_what, edit, path) => {
    const file = withOffice(edit);
    expect(() => loadOffice(file)).toThrow(DataFileError);
    expect(() => loadOffice(file)).toThrow(path);
  });

  it('refuses malformed JSON with the file name', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'office-')), 'broken.json');
    writeFileSync(file, '{"name": ');
    expect(() => loadOffice(file)).toThrow(/broken\.json/);
  });
});

describe('locales', () => {
  it('id and en have the same keys and placeholders', () => {
    expect(() => loadLocales(join(ROOT, 'locales'))).not.toThrow();
  });

  it('a missing English key or a changed placeholder is refused at start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'locales-'));
    copyFileSync(join(ROOT, 'locales/id.json'), join(dir, 'id.json'));
    const en = JSON.parse(readFileSync(join(ROOT, 'locales/en.json'), 'utf8')) as Record<string, string>;
    delete en.goodbye;
    en['closure.all'] = 'All closed {offfice}';
    writeFileSync(join(dir, 'en.json'), JSON.stringify(en));
    expect(() => loadLocales(dir)).toThrow(/goodbye: missing/);
    expect(() => loadLocales(dir)).toThrow(/closure\.all: placeholders/);
  });
});
