/**
 * The complaint form as a citizen leaves or redoes it: leaving words at every step (never taken as an answer),
 * `ubah` starting from empty answers, a yes/no never becoming a name, quotes in names.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

const DESCRIPTION = 'berkas pbg saya sudah tiga minggu tidak diproses';

/** The messages that reach each step of the form. */
const TO_STEP: Record<string, string[]> = {
  description: ['mau lapor'],
  permit: ['mau lapor', DESCRIPTION],
  name: ['mau lapor', DESCRIPTION, 'lewati'],
  contact: ['mau lapor', DESCRIPTION, 'lewati', 'lewati'],
  confirm: ['mau lapor', DESCRIPTION, 'lewati', 'lewati', 'lewati'],
};

describe('leaving the complaint form', () => {
  const cases = Object.keys(TO_STEP).flatMap((step) => ['batal', 'stop', 'berhenti', 'ga jadi deh', 'gak jadi aja', 'ga jadi pak, maaf', 'nggak jadi mbak makasih'].map((word) => ({ step, word })));
  it.each(cases)('"$word" at the $step step leaves, stores nothing and unsubscribes nobody', async ({ step, word }) => {
    const bot = makeBot();
    const user = 'telegram:500';
    await bot.subscriptions.set(user, true, 'test', new Date());
    await talk(bot, user, ...(TO_STEP[step] ?? []));
    const [reply] = await talk(bot, user, word);
    expect(reply).toContain('Pengaduan dibatalkan');
    expect((await bot.sessions.get(user))?.flow).toBeUndefined();
    expect(await bot.complaints.listOpen(new Date())).toEqual([]);
    expect((await bot.subscriptions.get(user))?.subscribed).toBe(true);
  });

  it('"menu" leaves the form and shows the menu', async () => {
    const bot = makeBot();
    const [, reply] = await talk(bot, 'telegram:501', 'mau lapor', 'menu');
    expect(reply).toContain('Pengaduan dibatalkan');
    expect(reply).toContain('1. Status layanan tatap muka');
    expect((await bot.sessions.get('telegram:501'))?.flow).toBeUndefined();
  });

  it('a re-ask says how to leave', async () => {
    const bot = makeBot();
    const [, reply] = await talk(bot, 'telegram:502', 'mau lapor', 'aduh');
    expect(reply).toContain('batal');
  });
});

describe('redoing and answering the form', () => {
  it('after "ubah", a skipped field is empty: the earlier permit number, name and contact are not kept', async () => {
    const bot = makeBot();
    const user = 'telegram:510';
    const first = await talk(bot, user, 'mau lapor', DESCRIPTION, 'PBG/2020/0412', 'Komang Ayu', '081338456721');
    expect(first.at(-1)).toContain('PBG/2020/0412');
    const redo = await talk(bot, user, 'ubah', 'petugas tidak membalas pesan saya sama sekali', 'lewati', 'lewati', 'lewati');
    const summary = redo.at(-1) ?? '';
    expect(summary).not.toContain('PBG/2020/0412');
    expect(summary).not.toContain('Komang Ayu');
    expect(summary).not.toContain('081338456721');
    await talk(bot, user, 'ya');
    const [stored] = await bot.complaints.listOpen(new Date());
    expect(stored?.permitNumber ?? null).toBeNull();
    expect(stored?.name ?? null).toBeNull();
    expect(stored?.contact ?? null).toBeNull();
  });

  it('"ya" at the name step is not a name; a name with double quotes is', async () => {
    const bot = makeBot();
    const user = 'telegram:511';
    const replies = await talk(bot, user, 'mau lapor', DESCRIPTION, 'lewati', 'ya');
    expect(replies.at(-1)).toContain('Nama hanya boleh');
    const [next] = await talk(bot, user, 'I Made "Dek" Sudarsana');
    expect(next).toContain('Nomor HP atau email');
  });
});
