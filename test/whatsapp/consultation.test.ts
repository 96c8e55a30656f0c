/**
 * Online consultation on WhatsApp with the fake whatsapp-web.js client: a staff member answers by quoting
 * the relayed message (msg.hasQuotedMsg / getQuotedMessage), and the answer reaches the citizen's chat.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeMessage, until } from '../support/fake-whatsapp.js';
import { harness, type Harness } from './harness.js';

const CITIZEN = '6281234567890@c.us';
const STAFF = '6281111111111@c.us';

let h: Harness | undefined;
afterEach(async () => {
  await h?.channel.stop();
  h = undefined;
});

describe('WhatsApp consultation', () => {
  it('a quoted reply of a staff member to the relayed question reaches the citizen, marked as staff', async () => {
    h = harness({ STAFF_WHATSAPP_IDS: '6281111111111' });
    const hh = h;
    await hh.start();
    const client = hh.wa.current;
    // Staff wrote to the bot first (WhatsApp only lets the bot message people who did).
    client.receive(STAFF, 'halo');
    await until(() => client.textsTo(STAFF).length >= 1);

    client.receive(CITIZEN, 'konsultasi Apakah izin toko kelontong kecil wajib punya NIB?');
    await until(() => client.textsTo(CITIZEN).some((t) => /KON-[0-9A-Z]{6}/.test(t)));
    const number = /KON-[0-9A-Z]{6}/.exec(client.textsTo(CITIZEN).join('\n'))?.[0] ?? '';
    await until(() => client.textsTo(STAFF).some((t) => t.includes(number)));
    await hh.bot.app.idle();

    let relayRef: string | undefined;
    for await (const [key, link] of hh.bot.app.consultation.service.repo.links.entries()) if (link.number === number) relayRef = key.split('|')[1];
    expect(relayRef).toBeDefined();
    const quoted = fakeMessage(client, STAFF, 'relay', { fromMe: true, id: { _serialized: relayRef ?? '' } });

    const answers = () => client.textsTo(CITIZEN).filter((t) => t.startsWith('💬 *Jawaban petugas*'));
    client.receive(STAFF, 'Ya, cukup NIB dari OSS, gratis.', { hasQuotedMsg: true, getQuotedMessage: async () => quoted });
    await until(() => answers().length === 1);
    expect(answers()[0]).toContain('Ya, cukup NIB dari OSS, gratis.');
    expect(answers()[0]).toContain(number);
    // The relay shows the question without the word that asked for a person, and the bot's answer before it.
    const relay = client.textsTo(STAFF).find((t) => t.includes(number)) ?? '';
    expect(relay).toContain('Pertanyaan: Apakah izin toko kelontong');
    expect(relay).not.toContain('Kirim ke petugas?');
    await until(() => client.textsTo(STAFF).some((t) => t.includes('Jawaban terkirim')));
  });
});
