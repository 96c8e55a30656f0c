/**
 * The soak's oracle comparison on synthetic chats: each way a chat can go wrong is told apart (cut short,
 * unanswered, answered twice, out of order, a different answer), and a late but whole answer is not a loss.
 */
import { describe, expect, it } from 'vitest';
import { judgeChat, normalise, type ReceivedMessage, type SentTurn } from '../../soak/lib/judge.js';

/** Three turns sent at t = 0, 100, 200: A in three pieces, B in one, C in two. */
const turns: SentTurn[] = [
  { text: 'a', sentAt: 0, expected: ['A1', 'A2', 'A3'] },
  { text: 'b', sentAt: 100, expected: ['B1'] },
  { text: 'c', sentAt: 200, expected: ['C1', 'C2'] },
];
const at = (texts: string[], start = 300): ReceivedMessage[] => texts.map((text, i) => ({ text, at: start + i * 50 }));

describe('soak judge', () => {
  it('finds nothing wrong when the chat got exactly the oracle', () => {
    const v = judgeChat(turns, at(['A1', 'A2', 'A3', 'B1', 'C1', 'C2']));
    expect(v).toMatchObject({ answered: 3, unanswered: 0, cutShort: 0, answeredTwice: 0, outOfOrder: 0, unexpected: 0 });
  });

  it('a missing trailing piece is an answer cut short', () => {
    const v = judgeChat(turns, at(['A1', 'B1', 'C1', 'C2']));
    expect(v).toMatchObject({ answered: 2, cutShort: 1, unanswered: 0, answeredTwice: 0, outOfOrder: 0 });
    expect(v.notes.join()).toContain('turn 1');
  });

  it('a missing answer is unanswered', () => {
    const v = judgeChat(turns, at(['A1', 'A2', 'A3', 'C1', 'C2']));
    expect(v).toMatchObject({ answered: 2, unanswered: 1, cutShort: 0, outOfOrder: 0 });
  });

  it('extra copies are an answer given twice', () => {
    const v = judgeChat(turns, at(['A1', 'A2', 'A3', 'B1', 'B1', 'C1', 'C2', 'C1', 'C2']));
    expect(v).toMatchObject({ answered: 3, answeredTwice: 2, copies: 3, unanswered: 0, outOfOrder: 0 });
  });

  it('swapped messages are out of order, not lost and not doubled', () => {
    const v = judgeChat(turns, at(['A1', 'A2', 'A3', 'C1', 'B1', 'C2']));
    expect(v).toMatchObject({ answered: 3, outOfOrder: 1, unanswered: 0, cutShort: 0, answeredTwice: 0 });
  });

  it('a reply cannot answer a message sent after it: an early copy is a copy, the later turn unanswered', () => {
    const same: SentTurn[] = [
      { text: 'menu', sentAt: 0, expected: ['M'] },
      { text: 'menu', sentAt: 1000, expected: ['M'] },
    ];
    const v = judgeChat(same, [
      { text: 'M', at: 10 },
      { text: 'M', at: 20 },
    ]);
    expect(v).toMatchObject({ answered: 1, unanswered: 1, answeredTwice: 1 });
  });

  it('a different text is another answer; a late whole answer is answered (and counted late)', () => {
    const v = judgeChat(turns, [...at(['A1', 'A2', 'A3', 'B1', 'gangguan']), { text: 'C1', at: 9000 }, { text: 'C2', at: 9001 }], 5000);
    expect(v).toMatchObject({ answered: 3, unexpected: 1, late: 1, unanswered: 0 });
  });

  it('a question asked again after a lost turn is part of a different answer, not an answer given twice', () => {
    const form: SentTurn[] = [
      { text: 'lewati', sentAt: 0, expected: ['Nama Anda?'] },
      { text: 'Ketut', sentAt: 100, expected: ['Nomor HP?'] },
      { text: 'lewati', sentAt: 200, expected: ['Ringkasan'] },
    ];
    // "Ketut" was lost: the form is still at the name, so "lewati" skips it and the bot asks for the contact.
    const v = judgeChat(form, at(['Nama Anda?', 'Nama tidak valid', 'Nomor HP?']));
    expect(v).toMatchObject({ answeredTwice: 0, unexpected: 1, answered: 2, unanswered: 1 });
    const again = judgeChat(form, at(['Nama Anda?', 'Nomor HP?', 'Tulis nomor HP', 'Nomor HP?']));
    expect(again).toMatchObject({ answeredTwice: 0, unexpected: 2, answered: 2, unanswered: 1 });
    // A whole summary shown again after a detour ("Kembali ke pengaduan Anda:") is that detour's answer.
    const summary: SentTurn[] = [{ text: 'lewati', sentAt: 0, expected: ['Ringkasan', 'Privasi', 'Kirim?'] }];
    const detour = judgeChat(summary, at(['Ringkasan', 'Privasi', 'Kirim?', 'Kembali ke pengaduan', 'Ringkasan', 'Privasi', 'Kirim?']));
    expect(detour).toMatchObject({ answeredTwice: 0, copies: 0, unexpected: 4, answered: 1 });
  });

  it('normalises random ticket and consultation numbers', () => {
    expect(normalise('Nomor tiket: ADU-7K3M9Q, konsultasi KON-F6NF26')).toBe('Nomor tiket: ADU-XXXXXX, konsultasi KON-XXXXXX');
  });
});
