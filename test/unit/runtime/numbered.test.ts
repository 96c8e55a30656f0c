import { describe, expect, it } from 'vitest';
import { numbersOf, pickedNumber } from '../../../src/runtime/numbered.js';

describe('numbersOf', () => {
  it.each<[string, string[], (number | undefined)[] | undefined]>([
    // the marks cut off the parts, or kept in them
    ['min 1. form reklame dmn 2. call center ada? 3. daftar OSS tp ga punya email gmn', ['form reklame dmn', 'call center ada?', 'daftar OSS tp ga punya email gmn'], [1, 2, 3]],
    ['pagi min\n1) jam buka?\n2) form pbg dmn', ['pagi min', '1) jam buka?', '2) form pbg dmn'], [undefined, 1, 2]],
    // a subset of the parts (those answered), in order
    ['1. halo 2. jam buka? 3. form pbg dmn', ['jam buka?', 'form pbg dmn'], [2, 3]],
    // no list: one mark, marks not counting from 1, times and prices
    ['1. jam buka?', ['jam buka?'], undefined],
    ['2. jam buka? 3. form pbg', ['jam buka?', 'form pbg'], undefined],
    ['buka jam 08.00-15.00? formnya dmn', ['buka jam 08.00-15.00?', 'formnya dmn'], undefined],
  ])('%j', (text, parts, numbers) => {
    expect(numbersOf(text, parts)).toEqual(numbers);
  });
});

describe('pickedNumber', () => {
  it.each<[string, number | undefined]>([
    ['terima kasih yang no 3 lebih jelasnya bagaimana', 3],
    ['yang nomor 1 tadi bagaimana', 1],
    ['poin 2 maksudnya apa', 2],
    ['pertanyaan ke 2 belum dijawab', 2],
    ['nomor tiket saya adu-7k3m9q', undefined],
    ['jam 8 buka', undefined],
  ])('%j -> %j', (text, n) => {
    expect(pickedNumber(text)).toBe(n);
  });
});
