/**
 * Groups and staff identity, end to end through telegraf and the fake Bot API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeBot } from '../support/app.js';
import * as tg from '../support/telegram-updates.js';
import { startChannel, startFake, stopAll } from './harness.js';

afterEach(stopAll);

const staff: tg.TgUser = { id: 424_242, first_name: 'Made', username: 'made_dpmptsp' };
// Same display name and username as the staff member, another id: an impostor.
const impostor: tg.TgUser = { id: 515_151, first_name: 'Made', username: 'made_dpmptsp' };
const citizen: tg.TgUser = { id: 310_002, first_name: 'Ketut' };
const group = tg.supergroup(-1_001_234_567_890);

describe('Telegram staff commands', () => {
  it('/staf is accepted from an allow-listed id and refused from another id with the same name', async () => {
    const fake = await startFake();
    const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: String(staff.id) } });
    await startChannel(fake, bot, { staffChatIds: [String(staff.id)] });

    fake.pushUpdate(tg.privateText(staff, '/staf'));
    fake.pushUpdate(tg.privateText(impostor, '/staf'));
    const [toStaff] = await fake.waitForSent(staff.id, 1);
    const [toImpostor] = await fake.waitForSent(impostor.id, 1);
    expect(toStaff?.text).toMatch(/^Perintah petugas:\n\/staf/);
    expect(toImpostor?.text).toBe('Perintah ini khusus petugas kantor.');
    // The staff member's "/" menu lists the staff commands; the default one does not.
    expect(fake.commands.get(JSON.stringify({ type: 'chat', chat_id: staff.id }))?.map((c) => c.command)).toContain('staf');
    expect(fake.commands.get(JSON.stringify({ type: 'default' }))?.map((c) => c.command)).not.toContain('staf');
  });

  it('a message sent as a chat (anonymous admin) is never staff, even with a staff id in `from`', async () => {
    const fake = await startFake();
    const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: String(staff.id) } });
    await startChannel(fake, bot);
    fake.pushUpdate(tg.anonymousAdminText(group, `/staf@${fake.botUser.username}`, staff));
    const [reply] = await fake.waitForSent(group.id, 1);
    expect(reply?.text).toBe('Perintah ini khusus petugas kantor.');
  });

  it('a chat on the allow-list posting as a chat is ignored rather than obeyed', async () => {
    const fake = await startFake();
    const bot = makeBot({ env: { STAFF_TELEGRAM_IDS: `${staff.id},${group.id}` } });
    await startChannel(fake, bot);
    fake.pushUpdate(tg.anonymousAdminText(group, '/staf'));
    fake.pushUpdate(tg.groupText(citizen, group, `/kontak@${fake.botUser.username}`));
    const sent = await fake.waitForSent(group.id, 1);
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 4);
    expect(sent.map((m) => m.text)).toEqual([expect.stringContaining('Kabupaten Tabanan')]);
  });
});

describe('Telegram groups', () => {
  it('ignores chit-chat and commands for other bots; answers its commands and mentions, threaded', async () => {
    const fake = await startFake();
    const bot = makeBot();
    await startChannel(fake, bot);
    const me = `@${fake.botUser.username}`;
    fake.pushUpdate(tg.groupText(citizen, group, 'selamat pagi semua, kantor buka hari ini?'));
    fake.pushUpdate(tg.groupText(citizen, group, '/menu@some_other_bot'));
    const mention = tg.groupText(citizen, group, `${me} kapan kantor dibuka kembali?`);
    fake.pushUpdate(mention);
    const command = tg.groupText(citizen, group, `/kontak${me}`);
    fake.pushUpdate(command);
    // Handled in order in the group's queue: once the command is answered, everything before it was handled.
    const sent = await fake.waitFor(() => {
      const s = fake.sentTo(group.id);
      return s.some((m) => (m.params.reply_parameters as { message_id?: number } | undefined)?.message_id === command.message.message_id) ? s : undefined;
    });
    const threaded = sent.map((m) => (m.params.reply_parameters as { message_id: number } | undefined)?.message_id);
    expect(threaded[0]).toBe(mention.message.message_id);
    expect(threaded[threaded.length - 1]).toBe(command.message.message_id);
    expect(sent[sent.length - 1]?.text).toContain('Kabupaten Tabanan');
    // Only the mention and the command were answered: nothing replies to the chit-chat or the other bot's command.
    const answeredIds = new Set(threaded.filter((x) => x !== undefined));
    expect([...answeredIds].sort()).toEqual([mention.message.message_id, command.message.message_id].sort());
    // The person behind a group message is the sender, not the group.
    expect(fake.sentTo(citizen.id)).toEqual([]);
  });
});
