/**
 * Real Bot API `Update` JSON, shaped after the examples and object definitions of
 * https://core.telegram.org/bots/api (Update, Message, MessageEntity, CallbackQuery, ChatMemberUpdated,
 * PhotoSize, Voice, Sticker, Location). Only what a test varies is a parameter; the rest is what Telegram sends.
 */

/** A Telegram user as it appears in `from`. */
export interface TgUser {
  id: number;
  first_name: string;
  username?: string;
  language_code?: string;
}

/** The private chat of `user`. */
function privateChat(user: TgUser) {
  return { id: user.id, first_name: user.first_name, ...(user.username ? { username: user.username } : {}), type: 'private' };
}

/** A supergroup. */
export function supergroup(id: number, title = 'Forum UMKM Tabanan') {
  return { id, title, type: 'supergroup' };
}

const from = (user: TgUser) => ({ is_bot: false, language_code: 'id', ...user });

let messageId = 500;
const now = () => Math.floor(Date.now() / 1000);

/** `bot_command` at the start and `mention` entities, as Telegram computes them (UTF-16 offsets). */
function entitiesOf(text: string): Record<string, unknown>[] {
  const entities: Record<string, unknown>[] = [];
  const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ offset: 0, length: command[0].length, type: 'bot_command' });
  for (const m of text.matchAll(/(?<![\w/])@[A-Za-z0-9_]{5,32}/g)) entities.push({ offset: m.index, length: m[0].length, type: 'mention' });
  return entities;
}

/** A message in the person's private chat with the given content fields (sticker, photo, voice …). */
function privateMessage(user: TgUser, content: Record<string, unknown>) {
  return { message: { message_id: messageId++, from: from(user), chat: privateChat(user), date: now(), ...content } };
}

/** A text message in a private chat (commands get their `bot_command` entity). */
export function privateText(user: TgUser, text: string, extra: Record<string, unknown> = {}) {
  const entities = entitiesOf(text);
  return privateMessage(user, { text, ...(entities.length > 0 ? { entities } : {}), ...extra });
}

/** A text message in a group. */
export function groupText(user: TgUser, chat: ReturnType<typeof supergroup>, text: string, extra: Record<string, unknown> = {}) {
  const entities = entitiesOf(text);
  return {
    message: {
      message_id: messageId++,
      from: from(user),
      chat,
      date: now(),
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...extra,
    },
  };
}

/** A message posted by an anonymous group admin: `from` is @GroupAnonymousBot, `sender_chat` the group. */
export function anonymousAdminText(chat: ReturnType<typeof supergroup>, text: string, fromOverride?: TgUser) {
  const entities = entitiesOf(text);
  return {
    message: {
      message_id: messageId++,
      from: fromOverride ? from(fromOverride) : { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' },
      sender_chat: { id: chat.id, title: chat.title, type: chat.type },
      chat,
      date: now(),
      text,
      ...(entities.length > 0 ? { entities } : {}),
    },
  };
}

/** A press on an inline keyboard button under message `messageIdOfMenu` sent by the bot. */
export function callbackQuery(user: TgUser, data: string, messageIdOfMenu: number, botId: number) {
  return {
    callback_query: {
      id: String(4_382_000_000_000_000_000n + BigInt(messageId++)),
      from: from(user),
      message: {
        message_id: messageIdOfMenu,
        from: { id: botId, is_bot: true, first_name: 'Layanan DPMPTSP Tabanan', username: 'tabanan_layanan_bot' },
        chat: privateChat(user),
        date: now(),
        text: 'menu',
      },
      chat_instance: '-6598361027812345678',
      data,
    },
  };
}

/** A sticker. */
export function sticker(user: TgUser) {
  return privateMessage(user, {
    sticker: {
      file_id: 'CAACAgIAAxkBAAIBZ2X4-sticker',
      file_unique_id: 'AgADrQADpkRIEQ',
      type: 'regular',
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: '🙏',
      set_name: 'HotCherry',
      file_size: 23712,
    },
  });
}

/** A photo (three sizes, smallest first) with a caption. */
export function photo(user: TgUser, caption?: string) {
  return privateMessage(user, {
    photo: [
      { file_id: 'AgACAgUAAxkBAAIBaGX4-photo-s', file_unique_id: 'AQADsLwxG-s', file_size: 1452, width: 90, height: 68 },
      { file_id: 'AgACAgUAAxkBAAIBaGX4-photo-m', file_unique_id: 'AQADsLwxG-m', file_size: 22160, width: 320, height: 240 },
      { file_id: 'AgACAgUAAxkBAAIBaGX4-photo-x', file_unique_id: 'AQADsLwxG-x', file_size: 93540, width: 1280, height: 960 },
    ],
    ...(caption ? { caption } : {}),
  });
}

/** A PDF document with a caption. */
export function documentMessage(user: TgUser, caption: string) {
  return privateMessage(user, {
    document: {
      file_name: 'KTP_dan_NIB.pdf',
      mime_type: 'application/pdf',
      file_id: 'BQACAgUAAxkBAAIBaWX4-document',
      file_unique_id: 'AgADdwwAAm-doc',
      file_size: 184220,
    },
    caption,
  });
}

/** A voice note. */
export function voice(user: TgUser) {
  return privateMessage(user, {
    voice: { duration: 4, mime_type: 'audio/ogg', file_id: 'AwACAgUAAxkBAAIBamX4-voice', file_unique_id: 'AgADXw4AAm-voice', file_size: 14336 },
  });
}

/** A shared location. */
export function location(user: TgUser) {
  return privateMessage(user, {
    location: { latitude: -8.540406, longitude: 115.125053 },
  });
}

/** An edit of an earlier message. */
export function editedText(user: TgUser, text: string) {
  const date = now();
  return {
    edited_message: {
      message_id: messageId++,
      from: from(user),
      chat: privateChat(user),
      date: date - 30,
      edit_date: date,
      text,
    },
  };
}

/** The person blocked the bot (my_chat_member: member → kicked in their private chat). */
export function blockedBot(user: TgUser, botId: number) {
  const bot = { id: botId, is_bot: true, first_name: 'Layanan DPMPTSP Tabanan', username: 'tabanan_layanan_bot' };
  return {
    my_chat_member: {
      chat: privateChat(user),
      from: from(user),
      date: now(),
      old_chat_member: { user: bot, status: 'member' },
      new_chat_member: { user: bot, status: 'kicked', until_date: 0 },
    },
  };
}
