/**
 * The 24-hour customer service window: a complaint status update to someone who wrote more than 24 hours
 * ago goes as the configured template (the text as its parameter); without a template it is refused
 * honestly (the complaint keeps `notified: false`, staff are told once, nothing is sent).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CloudApiError } from '../../src/channels/whatsapp-cloud/errors.js';
import { contacts } from '../../src/channels/whatsapp-cloud/records.js';
import { FakeGraph } from '../support/fake-graph.js';
import { startCloud, stopAll, textsTo, type Cloud } from './harness.js';

afterEach(stopAll);

const MADE = { waId: '6281234500010', name: 'Made' };
/** Staff on the same channel, who wrote within the window (so the alert reaches them as text). */
const STAFF = { waId: '6281234599999', name: 'Petugas' };
const TEMPLATES = JSON.stringify({ default: { name: 'pembaruan_layanan', language: { id: 'id', en: 'en_US' }, bodyParams: 1 } });
const HOURS = 3_600_000;

/** File a complaint in chat; then 25 hours pass without a word from the citizen. */
async function fileOldComplaint({ fake, bot, channel }: Cloud): Promise<string> {
  for (const text of ['petugas loket meminta uang tambahan supaya izin cepat keluar', 'lewati', 'lewati', 'lewati', 'ya']) {
    await fake.message(MADE, text);
    await channel.whenIdle();
  }
  const known = contacts(bot.store);
  const c = await known.get(MADE.waId);
  expect(c).toBeDefined();
  await known.set(MADE.waId, { ...c, lastInboundAt: new Date(Date.now() - 25 * HOURS).toISOString() });
  fake.lastWrote(MADE.waId, 25 * HOURS);
  const ticket = /ADU-[0-9A-HJKMNP-TV-Z]{6}/.exec(textsTo(fake, MADE.waId).join('\n'))?.[0];
  expect(ticket).toBeDefined();
  expect((await bot.complaints.repo.get(ticket ?? ''))?.ownerKey).toBe(`wacloud:${MADE.waId}`);
  return ticket ?? '';
}

describe('the 24-hour window', () => {
  it('sends a status update outside the window as its approved template, with the text as the parameter', async () => {
    // The fake refuses free text outside the window (131047) as Graph does, so only a template can pass.
    const cloud = await startCloud({ env: { WHATSAPP_CLOUD_TEMPLATES: TEMPLATES } });
    const { fake, bot } = cloud;
    const ticket = await fileOldComplaint(cloud);
    const before = fake.sentTo(MADE.waId).length;
    const changed = await bot.complaints.updateStatus(ticket, 'diproses', 'Berkas sedang diperiksa petugas.', 'cli:ayu', new Date());
    expect(changed.notified).toBe(true);
    const [update] = fake.sentTo(MADE.waId).slice(before);
    expect(update?.body.type).toBe('template');
    expect(update?.body.template).toMatchObject({ name: 'pembaruan_layanan', language: { code: 'id' } });
    const param = update ? FakeGraph.textOf(update) : '';
    expect(param).toContain(ticket);
    expect(param).toContain('Berkas sedang diperiksa petugas.');
    expect(param).not.toMatch(/\n/);
    expect(fake.calls.filter((c) => c.code === 131047)).toEqual([]);
    expect((await cloud.channel.status(update?.id ?? ''))).toMatchObject({ userKey: `wacloud:${MADE.waId}`, form: 'template', state: 'accepted' });
  });

  it('within the window sends free text', async () => {
    const cloud = await startCloud({ env: { WHATSAPP_CLOUD_TEMPLATES: TEMPLATES } });
    await cloud.fake.message(MADE, 'halo');
    await cloud.channel.whenIdle();
    await cloud.bot.sendTo(`wacloud:${MADE.waId}`, [{ parts: [{ text: 'Pengaduan Anda sedang diproses.' }] }]);
    expect(cloud.fake.sentTo(MADE.waId).at(-1)?.body).toMatchObject({ type: 'text', text: { body: 'Pengaduan Anda sedang diproses.' } });
  });

  it('without a template refuses honestly: nothing sent, notified:false kept, staff told once', async () => {
    const cloud = await startCloud({ env: { STAFF_WHATSAPP_CLOUD_IDS: STAFF.waId } });
    const { fake, bot, channel } = cloud;
    // Staff wrote today (an alert to them is free text); the citizen wrote yesterday.
    await fake.message(STAFF, 'halo');
    await channel.whenIdle();
    const ticket = await fileOldComplaint(cloud);
    const sends = fake.sends().length;
    const staffBefore = fake.sentTo(STAFF.waId).length;

    const changed = await bot.complaints.updateStatus(ticket, 'diproses', undefined, 'cli:ayu', new Date());
    expect(changed.notified).toBe(false);
    expect((await bot.complaints.repo.get(ticket))?.history.at(-1)).toMatchObject({ status: 'diproses', notified: false });
    // A second try (the periodic sweep) is refused the same way, without another alert.
    const err = await bot.sendTo(`wacloud:${MADE.waId}`, [{ parts: [{ text: 'x' }] }]).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(CloudApiError);
    expect(err).toMatchObject({ code: 470, graphCode: 131047 });
    expect(String(err)).toMatch(/outside the 24-hour window and no template configured/);
    await channel.whenIdle();
    // Nothing went to the citizen: only the one alert to staff.
    const newSends = fake.sends().slice(sends);
    expect(newSends.filter((c) => c.to === MADE.waId)).toEqual([]);
    const alerts = textsTo(fake, STAFF.waId).slice(staffBefore);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatch(/tidak bisa dikirim.*24 jam.*template/s);
  });
});
