/** Update JSON → what the adapter acts on (groups, mentions, sender_chat, media, garbage). */
import { describe, expect, it } from 'vitest';
import { parseUpdate, type BotIdentity } from '../../../../src/channels/telegram/update.js';
import * as tg from '../../../support/telegram-updates.js';

const me: BotIdentity = { id: 7_000_000_001, username: 'tabanan_layanan_bot' };
const ayu: tg.TgUser = { id: 310_010, first_name: 'Ayu' };
const group = tg.supergroup(-1_001_000_000_001);
const withId = (u: object) => ({ update_id: 1, ...u });

describe('parseUpdate', () => {
  it('keys a private message by the chat id and keeps commands with their slash', () => {
    const parsed = parseUpdate(withId(tg.privateText(ayu, '/start aduan')), me);
    expect(parsed).toMatchObject({ kind: 'message', person: true, target: { chatId: ayu.id, group: false }, message: { userKey: 'telegram:310010', text: '/start aduan' } });
  });

  it('in groups, strips the mention of this bot and keys by the sender', () => {
    const parsed = parseUpdate(withId(tg.groupText(ayu, group, 'tolong @Tabanan_Layanan_Bot  jam buka?')), me);
    expect(parsed).toMatchObject({ kind: 'message', message: { userKey: 'telegram:310010', text: 'tolong jam buka?' }, target: { chatId: group.id, group: true } });
  });

  it('in groups, ignores chit-chat, other bots\' commands and mentions of others', () => {
    for (const text of ['pagi semua', '/menu@other_bot', 'tanya @someone_else ya']) {
      expect(parseUpdate(withId(tg.groupText(ayu, group, text)), me)).toMatchObject({ kind: 'ignored' });
    }
  });

  it('in groups, answers replies to its own messages', () => {
    const update = withId(tg.groupText(ayu, group, 'terima kasih', { reply_to_message: { message_id: 3, date: 0, chat: group, from: { id: me.id, is_bot: true, first_name: 'Bot' } } }));
    expect(parseUpdate(update, me)).toMatchObject({ kind: 'message', message: { text: 'terima kasih' } });
  });

  it('flags sender_chat messages as not a person, keyed by that chat', () => {
    expect(parseUpdate(withId(tg.anonymousAdminText(group, '/staf', ayu)), me)).toMatchObject({ kind: 'message', person: false, message: { userKey: `telegram:${group.id}` } });
  });

  it('treats only menu callback data as a menu choice, still answering other callbacks', () => {
    expect(parseUpdate(withId(tg.callbackQuery(ayu, 'menu:7', 1, me.id)), me)).toMatchObject({ kind: 'button', message: { userKey: 'telegram:310010', text: '7' } });
    const other = parseUpdate(withId(tg.callbackQuery(ayu, 'hapus:semua', 1, me.id)), me);
    expect(other).toMatchObject({ kind: 'button' });
    expect(other).not.toHaveProperty('message');
  });

  it('reads a shared own contact as the phone number', () => {
    const update = withId(tg.privateText(ayu, '', { text: undefined, contact: { phone_number: '+6281234567890', first_name: 'Ayu', user_id: ayu.id } }));
    expect(parseUpdate(update, me)).toMatchObject({ kind: 'message', message: { phone: '+6281234567890', attachments: [{ kind: 'contact' }] } });
  });

  it('never throws on garbage, and ignores what it does not handle', () => {
    for (const raw of [null, 42, 'x', {}, { update_id: 'x' }, { update_id: 5, message: { chat: 'nope' } }]) {
      expect(parseUpdate(raw, me).kind).toBe('ignored');
    }
    expect(parseUpdate(withId(tg.editedText(ayu, 'x')), me)).toMatchObject({ kind: 'ignored', reason: 'edited message' });
    expect(parseUpdate({ update_id: 2, channel_post: { message_id: 1 } }, me)).toMatchObject({ kind: 'ignored' });
    expect(parseUpdate(withId(tg.privateText(ayu, 'hi', { from: { id: 9, is_bot: true, first_name: 'Spam' } })), me)).toMatchObject({ kind: 'ignored', reason: 'from a bot' });
  });

  it('reads "kicked" in a private chat as blocked', () => {
    expect(parseUpdate(withId(tg.blockedBot(ayu, me.id)), me)).toEqual({ kind: 'blocked', updateId: 1, userKey: 'telegram:310010' });
  });
});
