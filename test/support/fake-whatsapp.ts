/**
 * A fake whatsapp-web.js client with the library's event and method shapes: an EventEmitter emitting `qr`,
 * `authenticated`, `ready`, `auth_failure`, `disconnected`, `message`, `message_ack`; `initialize()`,
 * `destroy()`, `sendMessage(chatId, content, options)` (resolving with a `Message` with `id._serialized` and
 * `ack`, or with nothing for a chat that does not exist), `getState()`, `getContactLidAndPhone(ids)`,
 * `pupBrowser`; message objects with `from`, `to`, `fromMe`, `body`, `type`, `hasMedia`, `id._serialized`,
 * `timestamp`, `getChat()`, `getContact()`. `detach()` makes every page call fail as a stale page does
 * ("Attempted to use detached Frame", whatsapp-web.js #5678). No browser, no network.
 */
import { EventEmitter } from 'node:events';
import type { WaBrowser, WaClient, WaSendOptions } from '../../src/channels/whatsapp/adapter.js';
import type { WaChat, WaMessage } from '../../src/channels/whatsapp/message.js';

/** What the bot account's own id is in tests. */
export const BOT_ID = '6280000000000@c.us';

/** A message as whatsapp-web.js builds it (the fields the library sets, plus what tests need). */
export interface FakeMessage extends WaMessage {
  to: string;
  /** The sender inside a group. */
  author?: string;
  mediaKey?: string;
  getContact(): Promise<{ id: { _serialized: string }; number: string; isMe: boolean }>;
}

/** A puppeteer `Browser` stand-in: `crash()` emits `disconnected` as a killed Chromium does. */
export class FakeBrowser extends EventEmitter implements WaBrowser {
  killed = false;
  crash(): void {
    this.emit('disconnected');
  }
  process() {
    return {
      kill: () => {
        this.killed = true;
        return true;
      },
    };
  }
}

/** One sent message. */
export interface Sent {
  chatId: string;
  content: string;
  options?: WaSendOptions;
}

/** How the next clients behave. */
export interface FakeBehaviour {
  /** `initialize()` rejects with this. */
  initializeError?: Error;
  /** Emit `ready` right after `initialize()` (a paired session). Default true. */
  autoReady?: boolean;
  /** `sendMessage` resolves with nothing (no such chat). */
  noChat?: boolean;
  /** Chat ids `sendMessage` resolves nothing for (an old @c.us chat after the person moved to an @lid). */
  noChatFor?: ReadonlySet<string>;
  /** Emit `authenticated` but never `ready` (whatsapp-web.js #3785). */
  stuckAfterAuth?: boolean;
  /** What `getContactLidAndPhone` knows: @lid ↔ @c.us pairs (shared by every client of a factory). */
  links?: ReadonlyMap<string, string>;
}

/** puppeteer's error for a page whose frame went away. */
export function detachedFrameError(): Error {
  return new Error("Attempted to use detached Frame '9FF2A944D2F9A12FC4D30F5EF5255663'.");
}

let counter = 0;

/** The fake client. */
export class FakeWhatsAppClient extends EventEmitter implements WaClient {
  initializeCalls = 0;
  destroyCalls = 0;
  readonly sent: Sent[] = [];
  /** Chat ids that got a "typing…" state. */
  readonly typing: string[] = [];
  pupBrowser: FakeBrowser | null = null;
  /** `getState()` calls so far. */
  stateCalls = 0;
  /** Each `getContactLidAndPhone` call's ids. */
  readonly lookups: string[][] = [];
  /** What `getState()` answers while the page is alive. */
  state: string | null = 'CONNECTED';
  private detached = false;

  constructor(private readonly behaviour: FakeBehaviour = {}) {
    super();
  }

  /** From now on every page call fails with "Attempted to use detached Frame", and no event says so. */
  detach(): void {
    this.detached = true;
  }

  async getState(): Promise<string | null> {
    this.stateCalls += 1;
    if (this.detached) throw detachedFrameError();
    return this.state;
  }

  async getContactLidAndPhone(userIds: string[]): Promise<{ lid?: string; pn?: string }[]> {
    this.lookups.push([...userIds]);
    if (this.detached) throw detachedFrameError();
    const links = this.behaviour.links ?? new Map<string, string>();
    // As whatsapp-web.js: an unknown id gives `{}` (its undefined fields do not survive the page boundary).
    return userIds.map((id) => {
      const other = links.get(id) ?? [...links.entries()].find(([, v]) => v === id)?.[0];
      if (!other) return {};
      return id.endsWith('@lid') ? { lid: id, pn: other } : { lid: other, pn: id };
    });
  }

  /** WhatsApp reports a delivery ack of a sent message (`message_ack`). */
  ack(messageId: string, ack: number): void {
    this.emit('message_ack', { id: { _serialized: messageId }, fromMe: true, ack }, ack);
  }

  async initialize(): Promise<void> {
    this.initializeCalls += 1;
    if (this.behaviour.initializeError) throw this.behaviour.initializeError;
    this.pupBrowser = new FakeBrowser();
    if (this.behaviour.stuckAfterAuth) {
      setImmediate(() => this.emit('authenticated'));
    } else if (this.behaviour.autoReady ?? true) {
      setImmediate(() => {
        this.emit('authenticated');
        this.emit('ready');
      });
    }
  }

  async destroy(): Promise<void> {
    this.destroyCalls += 1;
    const browser = this.pupBrowser;
    this.pupBrowser = null;
    browser?.emit('disconnected');
  }

  async sendMessage(chatId: string, content: string, options?: WaSendOptions): Promise<unknown> {
    this.sendCalls += 1;
    if (this.detached) throw detachedFrameError();
    if (this.behaviour.noChat || this.behaviour.noChatFor?.has(chatId)) return undefined;
    this.sent.push({ chatId, content, ...(options ? { options } : {}) });
    counter += 1;
    const id = `true_${chatId}_FAKE${counter}`;
    this.sentIds.push(id);
    return { id: { _serialized: id }, body: content, fromMe: true, ack: 0 };
  }

  /** The serialized ids of the messages sent, in order. */
  readonly sentIds: string[] = [];
  /** `sendMessage` calls, including those that sent nothing. */
  sendCalls = 0;

  /** What a person sends: emits `message` as whatsapp-web.js does for messages from others. */
  receive(from: string, body: string, extra: Partial<FakeMessage> = {}): FakeMessage {
    const msg = fakeMessage(this, from, body, extra);
    this.emit('message', msg);
    return msg;
  }

  /** The texts sent to `chatId`. */
  textsTo(chatId: string): string[] {
    return this.sent.filter((s) => s.chatId === chatId).map((s) => s.content);
  }
}

/** A message object like whatsapp-web.js's `Message` for a chat with `from`. */
export function fakeMessage(client: FakeWhatsAppClient, from: string, body: string, extra: Partial<FakeMessage> = {}): FakeMessage {
  counter += 1;
  const chat: WaChat = {
    isGroup: from.endsWith('@g.us'),
    sendStateTyping: async () => {
      client.typing.push(from);
      return true;
    },
  };
  return {
    from,
    to: BOT_ID,
    fromMe: false,
    body,
    type: 'chat',
    hasMedia: false,
    id: { _serialized: `false_${from}_FAKE${counter}` },
    timestamp: Math.floor(Date.now() / 1000),
    isStatus: from === 'status@broadcast',
    broadcast: false,
    getChat: async () => chat,
    getContact: async () => ({ id: { _serialized: from }, number: from.split('@')[0] ?? '', isMe: false }),
    ...extra,
  };
}

/** A client factory that keeps every client it built (a reconnection builds a NEW one). */
export class FakeWhatsApp {
  readonly clients: FakeWhatsAppClient[] = [];
  behaviour: FakeBehaviour = {};

  readonly factory = (): FakeWhatsAppClient => {
    const client = new FakeWhatsAppClient({ ...this.behaviour });
    this.clients.push(client);
    return client;
  };

  /** The newest client. */
  get current(): FakeWhatsAppClient {
    const c = this.clients[this.clients.length - 1];
    if (!c) throw new Error('no client built yet');
    return c;
  }
}

/** Wait until `check()` holds (polling every 2 ms), or fail after `ms`. */
export async function until(check: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
