import { describe, expect, it } from 'vitest';
import { createUngluer, splitGlued } from '../../../src/nlu/glued.js';

const vocabulary = new Set(['formulir', 'siup', 'dimana', 'di', 'mana', 'kantor', 'buka', 'lagi', 'kapan', 'jam', 'brp', 'ha', 'pendaftaran', 'minggu', 'belum', 'ada', 'kabar', 'sama', 'sekali']);

describe('splitGlued', () => {
  it.each([
    ['FORMULIRSIUPDIMANA', ['formulir', 'siup', 'dimana']],
    ['kapanbukalagikantor', ['kapan', 'buka', 'lagi', 'kantor']],
    ['jambukakantorbrp', ['jam', 'buka', 'kantor', 'brp']],
    ['minggubelumadakabarsamasekali', ['minggu', 'belum', 'ada', 'kabar', 'sama', 'sekali']],
  ])('%j -> %j', (run, pieces) => {
    expect(splitGlued(run, vocabulary)).toEqual(pieces);
  });

  it.each([
    // a word it cannot build wholly from known words stays as it is
    'formulirxyzdimana',
    // short runs are words or typos of one, never split
    'bukalagi',
    // laughter: pieces of two letters are no words run together
    'hahahahahahahaha',
  ])('leaves %j unsplit', (run) => {
    expect(splitGlued(run, vocabulary)).toBeUndefined();
  });
});

describe('createUngluer', () => {
  const unglue = createUngluer(() => vocabulary);

  it('splits the glued runs of a message and keeps the rest as typed', () => {
    expect(unglue('min FORMULIRSIUPDIMANA ya?')).toBe('min formulir siup dimana ya?');
  });

  it('keeps known long words, and a message with an address whole', () => {
    expect(unglue('pendaftaran kapanbukalagikantor')).toBe('pendaftaran kapan buka lagi kantor');
    expect(unglue('cek http://dpmptsp.tabanankab.go.id/formulirsiupdimana')).toBe('cek http://dpmptsp.tabanankab.go.id/formulirsiupdimana');
  });
});
