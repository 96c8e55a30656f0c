import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { serializeRecord } from '../../../src/store/serialize.js';

/** keyv's own default serialiser: what every record was written with before. */
const keyvDefault = new Keyv().serialize;

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

function sparse(): unknown[] {
  const a: unknown[] = [1];
  a[2] = 3;
  return a;
}

function withExtra(): unknown[] {
  const a: unknown[] = [1, 2];
  (a as unknown as Record<string, unknown>).extra = 'x';
  return a;
}

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
    'a sparse array': { value: sparse() },
    'an array with an extra property': { value: withExtra() },
    'a function in an array and in an object': { value: { a: [1, () => 2, 3], f: () => 1 } },
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

  it('a record written with it reads back the same through keyv', async () => {
    const map = new Map<string, unknown>();
    const keyv = new Keyv({ store: map, serialize: serializeRecord });
    const value = { ...session, lastReply: ':) sampai jumpa' };
    await keyv.set('s', value);
    expect(await new Keyv({ store: map }).get('s')).toEqual(JSON.parse(JSON.stringify(value)));
  });
});
