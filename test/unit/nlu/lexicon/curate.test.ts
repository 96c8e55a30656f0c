import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curateIndoCollex, parseLexiconTsv } from '../../../../src/nlu/lexicon/curate.js';

describe('lexicon curation', () => {
  it('drops English glosses, denied pairs, profanity and numbers; applies overrides', () => {
    const rows = parseLexiconTsv(
      'informal\tformal\nis\tadalah\nkppn\tkapan\nbang\tngab\nanjg\tanjing\n10rb\t10 ribu\ngmn\tbagaimana\nga\tnggak\n',
    );
    const { kept, dropped } = curateIndoCollex(rows, (w) => w === 'is', { ga: 'tidak' });
    expect(kept).toEqual([
      { informal: 'ga', formal: 'tidak' },
      { informal: 'gmn', formal: 'bagaimana' },
    ]);
    expect(dropped.map((d) => d.informal).sort()).toEqual(['10rb', 'anjg', 'bang', 'is', 'kppn']);
  });

  it('the shipped curated lexicon has none of the known bad pairs', () => {
    const text = readFileSync(new URL('../../../../src/nlu/lexicon/indocollex-curated.tsv', import.meta.url), 'utf8');
    const map = new Map(parseLexiconTsv(text).map((p) => [p.informal, p.formal]));
    for (const w of ['is', 'in', 'it', 'me', 'go', 'kppn', 'ko', 'bang', 'diubah', 'malang', 'bli']) expect(map.has(w), w).toBe(false);
    for (const w of ['ga', 'gak', 'nggak']) expect(map.get(w)).toBe('tidak');
    expect(map.get('aja')).toBe('saja');
  });
});
