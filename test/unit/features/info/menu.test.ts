/** The menu's choices as people type them: digits, "no 3", and positions in words (blind set 16: "yg pertama"). */
import { describe, expect, it } from 'vitest';
import { MENU, menuChoice } from '../../../../src/features/info/menu.js';

describe('menuChoice', () => {
  it.each<[string, number]>([
    ['3', 3],
    [' 4. ', 4],
    ['no 4', 4],
    ['nomor 4', 4],
    ['yg pertama', 1],
    ['yang kedua aja', 2],
    ['pertama', 1],
    ['the second one', 2],
    ['nomor dua', 2],
    ['pilih tiga', 3],
  ])('%j picks item %i', (text, position) => {
    expect(menuChoice(text)).toBe(MENU[position - 1]);
  });

  it.each(['dua', 'satu aja', 'pertama kali ke sini', 'yg pertama kali buka kapan', '11', 'no', 'ya'])('%j picks nothing', (text) => {
    expect(menuChoice(text)).toBeUndefined();
  });
});
