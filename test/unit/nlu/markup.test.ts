import { describe, expect, it } from 'vitest';
import { stripMarkup, withoutUrls } from '../../../src/nlu/markup.js';
import { normalise } from '../../../src/nlu/normalise.js';

const words = (s: string): string => normalise(s);

describe('markup is stripped before classifying', () => {
  it.each<[string, string]>([
    ['<a href="http://dpmptsp.tabanankab.go.id/x">klik</a> formulir imb', 'klik formulir imb'],
    ['<b>formulir</b>&nbsp;imb <br/>dimana', 'formulir imb dimana'],
    ['&lt;i&gt;syarat&lt;/i&gt; siup', 'syarat siup'],
    ['[form pbg](http://dpmptsp.tabanankab.go.id/formulir-pendaftaran-izin) ini?', 'formulir pbg dpmptsp tabanankab formulir pendaftaran izin ini'],
    ['https://oss.go.id/portal?lang=en gak bisa dibuka', 'oss portal tidak bisa dibuka'],
    ['kirim ke budi.santoso@gmail.com ya', 'kirim ke ya'],
    ['@layanan_bot kantor buka?', 'kantor buka'],
  ])('%j -> %j', (raw, expected) => {
    expect(words(stripMarkup(raw))).toBe(expected);
  });

  it('leaves plain text and look-alikes alone', () => {
    for (const t of ['kantor buka jam 08.00?', '<3 makasih', 'a < b tapi > c']) expect(stripMarkup(t)).toBe(t);
  });

  it('drops URLs entirely for language detection', () => {
    expect(words(withoutUrls('cek https://www.google.com/search?q=how+is+the+weather dong'))).toBe('cek dong');
  });
});
