/**
 * Causes found in blind set 15, through the real app (classifier, office data, in-memory store): a named permit
 * still possible to get, leaving the announcements with "dpt info", subscribing again after a mistap, "ga jd
 * ngadu" in the form, a lost family card reported, a weak reading of part of an off-topic message.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('blind set 15', () => {
  it('"mau bikin IMB rumah, msh bisa gak ya skrg?" gets the online way with the PBG form', async () => {
    const [reply] = await talk(makeBot(), 'telegram:1501', 'mau bikin IMB rumah, msh bisa gak ya skrg?');
    expect(reply).toContain('PBG');
    expect(reply).toContain('formulir-pendaftaran-izin');
  });

  it('"gak mau dpt info2 lg, berhenti" unsubscribes; "salah pencet, langganan lagi deh" subscribes again', async () => {
    const bot = makeBot();
    await bot.subscriptions.set('telegram:1502', true, 'test', new Date());
    await talk(bot, 'telegram:1502', 'min sy gak mau dpt info2 lg, berhenti');
    expect((await bot.subscriptions.get('telegram:1502'))?.subscribed).toBe(false);
    const [again] = await talk(bot, 'telegram:1502', 'eh salah pencet, langganan lagi deh');
    expect(again).toMatch(/berlangganan/i);
    expect((await bot.subscriptions.get('telegram:1502'))?.subscribed).toBe(true);
  });

  it('"ok, ga jd ngadu deh" at the permit step leaves the complaint form', async () => {
    const bot = makeBot();
    const [, , left] = await talk(bot, 'telegram:1503', 'mau ngadu', 'petugas loket minta uang tambahan biar cepet', 'ok, ga jd ngadu deh');
    expect(left).toMatch(/dibatalkan/i);
    expect((await bot.sessions.get('telegram:1503'))?.flow).toBeUndefined();
  });

  it('"mau lapor kehilangan KK" is Disdukcapil\'s, no complaint form', async () => {
    const bot = makeBot();
    const [reply] = await talk(bot, 'telegram:1504', 'mau lapor kehilangan KK');
    expect(reply).toContain('Disdukcapil');
    expect((await bot.sessions.get('telegram:1504'))?.flow).toBeUndefined();
  });

  it('an off-topic message whose one short part reads weakly as an office question is not answered as one', async () => {
    const [reply] = await talk(makeBot(), 'telegram:1505', 'besok ujan ga ya di tabanan? mau ke tajen 🐓');
    expect(reply).not.toContain('call center');
    expect(reply).toMatch(/belum paham|tidak bisa membantu|menu/i);
  });

  it('"Will you let me know when the office reopens?" is answered with the reopening and the offer; a yes subscribes', async () => {
    const bot = makeBot();
    const [reply, yes] = await talk(bot, 'telegram:1506', 'Will you let me know when the office reopens?', 'yes');
    expect(reply).toContain('Kuningan');
    expect(yes).toMatch(/subscribed/i);
    expect((await bot.subscriptions.get('telegram:1506'))?.subscribed).toBe(true);
  });
});
