import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mayHaveSeveralParts, segments } from '../../../src/nlu/segments.js';

describe('segments: one message, several questions', () => {
  it.each<[string, string[]]>([
    ['kapan buka lagi? trs form pbg dmn? call center brp?', ['kapan buka lagi?', 'form pbg dmn?', 'call center brp?']],
    ['kapan buka lagi trs form pbg dmn', ['kapan buka lagi', 'form pbg dmn']],
    ['halo min\nsyarat imb apa aja?\nterus biayanya brp?', ['halo min', 'syarat imb apa aja?', 'biayanya brp?']],
    ['jam buka kapan? lalu alamatnya dimana?', ['jam buka kapan?', 'alamatnya dimana?']],
    ['formulir siup dmn?? dan juga nib gmn caranya?', ['formulir siup dmn??', 'nib gmn caranya?']],
    ['when do you reopen? and also where are the forms?', ['when do you reopen?', 'where are the forms?']],
    ['jam layanan brp dan petugas msh ada yg ngantor ga', ['jam layanan brp', 'petugas msh ada yg ngantor ga']],
    ['minta link form reklame sm cara bikin nib dong', ['minta link form reklame', 'cara bikin nib dong']],
    ['Why did you close and where do I send my documents?', ['Why did you close', 'where do I send my documents?']],
    ['mau nanya 1. kapan buka 2. form imb dmn 3) bisa konsultasi online ga', ['kapan buka', 'form imb dmn', 'bisa konsultasi online ga']],
    ['knp tutup, smp kapan, terus formulir izin dmn?', ['knp tutup', 'smp kapan', 'formulir izin dmn?']],
    // a list announced by a colon; a statement naming a permit before a question of its own
    ['sy mau tanya: formulir imb dmn, jam kerja kantor, sama ada nomor yg bisa dihubungi?', ['formulir imb dmn', 'jam kerja kantor', 'ada nomor yg bisa dihubungi?']],
    ['sy mau urus ijin usaha warung. kantornya masih buka ga?', ['sy mau urus ijin usaha warung', 'kantornya masih buka ga?']],
  ])('%j', (text, parts) => {
    expect(segments(text)).toEqual(parts);
  });

  it.each([
    'web nya error terus, gimana ini?',
    'kenapa web error terus padahal sudah bayar',
    'petugas loket minta uang tambahan supaya cepat',
    'cek http://dpmptsp.tabanankab.go.id/formulir?id=3 ini bener?',
    'mau tanya syarat izin dan juga biayanya',
    'syarat dan biaya izin reklame apa aja',
    'bisa ketemu sama petugas langsung ga',
    'izin usaha dan izin reklame formulirnya dimana',
    'rumah 2 lantai dan 3 kamar perlu pbg ga',
    'halo kak, kapan buka?',
    'kalau sudah diisi, dikirim kemana?',
    'izin pbg, siup, reklame formnya dmn',
    // a backstory before the question names no permit; one question after a colon is one part
    'Saya dokter umum, baru pindah tugas ke RSUD. Untuk perpanjangan SIP bagaimana prosedurnya?',
    'mau tanya: kapan buka?',
  ])('one question stays one part: %j', (text) => {
    expect(segments(text)).toEqual([text]);
  });

  it('has no part for an empty message or bare punctuation', () => {
    expect(segments('')).toEqual([]);
    expect(segments(' ??? \n ')).toEqual([]);
  });
});

describe('mayHaveSeveralParts', () => {
  it('is true for every message segments() cuts in two or more, among the held-out sets and generated ones', () => {
    const texts: string[] = [];
    for (const file of ['test/nlu/heldout.json', 'test/nlu/heldout-fresh.json']) {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as { items: { text: string }[] };
      texts.push(...raw.items.map((i) => i.text));
    }
    const bits = ['kapan buka', 'trs', 'dan', 'sama', 'sm', 'and', 'plus', 'serta', 'lalu', 'dan juga', 'satu lagi', '1.', '2)', '3.', '?', '？', '\n', ',', 'form imb dmn', 'brp', 'ga', 'cara daftar', 'http://x.id/a?b=1', 'www.y.id/?q', 'minta link'];
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      const parts: string[] = [];
      for (let n = (seed % 7) + 1; n > 0; n--) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        parts.push(bits[seed % bits.length] ?? '');
      }
      texts.push(parts.join(seed % 3 ? ' ' : ''));
    }
    let several = 0;
    for (const text of texts) {
      if (segments(text).length > 1) {
        several += 1;
        expect(mayHaveSeveralParts(text), text).toBe(true);
      }
    }
    expect(several).toBeGreaterThan(100);
  });

  it('is false for a plain question', () => {
    expect(mayHaveSeveralParts('kantor buka jam berapa')).toBe(false);
  });
});
