import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { deserializeRecord, serializeRecord } from '../../../src/store/serialize.js';

/** keyv's own default serialiser: what every record was written with before. */
const keyvDefault = new Keyv().serialize;
const keyvRead = new Keyv().deserialize;

const session = {
  v: 3,
  language: 'id',
  turns: 17,
  noneStreak: 0,
  subscribeOffered: false,
  touchedAt: '2026-03-17T02:00:00.000Z',
  topic: { intent: 'form.request', forms: ['imb'], services: [] },
  offer: undefined,
  lastReply: 'Formulir IMB: http://dpmptsp.tabanankab.go.id/formulir-pendaftaran-izin\n"kutip" \\ \u2028 😀',
  seen: ['1', '2'],
  flow: { kind: 'complaint', startedAt: 'x', data: { step: 'confirm', name: null, attachments: [{ kind: 'photo', fileId: 'f' }] } },
};

// Records are JSON data (zod-checked): functions inside arrays, symbols and sparse arrays never occur in them
// (keyv's serialiser drops such array elements where JSON.stringify writes null).
describe('serializeRecord', () => {
  const cases: Record<string, unknown> = {
    session,
    'a string starting with ":"': { value: { lastReply: ':) ok', list: [':a', 'b:'], n: { m: '::' } } },
    'a key starting with ":"': { value: { ':k': 1 } },
    'a Buffer': { value: { file: Buffer.from('halo') } },
    'a Date': { value: { at: new Date(0) } },
    'an object with toJSON': { value: { x: { toJSON: () => ':raw' } } },
    'a class instance': { value: { m: new Map([['a', 1]]) } },
    'a null-prototype object': { value: Object.assign(Object.create(null) as object, { a: ':b' }) },
    'a function in an object': { value: { f: () => 1, g: 2 } },
    'strings with quotes, backslashes and colons inside': { value: { a: 'x":y', b: '\\":', c: ['a', '":'], d: 'a:b' } },
    'undefined in an array and in an object': { value: { a: [undefined, 1], u: undefined } },
    'numbers that JSON cannot write': { value: { a: NaN, b: Infinity, c: -0 } },
    'unicode keys and integer-like keys in any order': { value: { b: 1, 2: 'two', 1: 'one', é: '\u0000' }, expires: 5 },
    'a bare string': ':top',
    'null': null,
    'an empty object': {},
  };
  for (const [name, data] of Object.entries(cases)) {
    it(`writes what keyv's default serialiser writes: ${name}`, () => {
      expect(serializeRecord(data as never)).toBe(keyvDefault?.(data as never));
    });
  }

  it("reads what keyv's default deserialiser reads, Buffers and escaped colons included", () => {
    for (const data of Object.values(cases)) {
      const text = keyvDefault?.(data as never) as string;
      expect(deserializeRecord(text), text).toEqual(keyvRead?.(text));
    }
    expect(deserializeRecord('":top"')).toBe('top');
  });

  it('a record written with it reads back the same through keyv', async () => {
    const map = new Map<string, unknown>();
    const keyv = new Keyv({ store: map, serialize: serializeRecord });
    const value = { ...session, lastReply: ':) sampai jumpa' };
    await keyv.set('s', value);
    expect(await new Keyv({ store: map }).get('s')).toEqual(JSON.parse(JSON.stringify(value)));
  });
});

describe('serializeRecord on generated JSON records', () => {
  it("writes what keyv's default serialiser writes for 3,000 random records", () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const chars = [':', '"', '\\', ',', '[', ']', '{', '}', 'a', 'é', '😀', ' ', '\n', '\u2028', '0'];
    const str = () => Array.from({ length: rnd(6) }, () => chars[rnd(chars.length)]).join('');
    const value = (depth: number): unknown => {
      switch (rnd(depth > 3 ? 5 : 8)) {
        case 0: return str();
        case 1: return rnd(1000) - 500 + rnd(3) / 4;
        case 2: return rnd(2) === 0;
        case 3: return null;
        case 4: return undefined;
        case 5: return Array.from({ length: rnd(4) }, () => value(depth + 1));
        default: return Object.fromEntries(Array.from({ length: rnd(4) }, () => [str(), value(depth + 1)]));
      }
    };
    for (let i = 0; i < 3000; i++) {
      const record = { value: value(0), expires: rnd(2) ? rnd(1e9) : undefined };
      const text = serializeRecord(record as never) as string;
      expect(text).toBe(keyvDefault?.(record as never));
      // …and reads back as keyv's default deserialiser reads it.
      expect(deserializeRecord(text)).toEqual(keyvRead?.(text));
    }
  });
});
