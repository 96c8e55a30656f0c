/**
 * The one small interface every chat platform implements. An adapter turns a platform event into an
 * `InboundMessage` (with a namespaced user key such as `telegram:123`), passes it to the host, and sends the
 * host's replies back. Platform quirks (length limits, escaping, id formats, groups) stay inside the adapter.
 */
import type { InboundMessage, Reply } from './message.js';
import type { Logger } from '../lib/log.js';

/** Options of `Channel.send`. */
export interface SendOptions {
  /**
   * Whether the channel may retry a failed call itself (default true). A paced broadcast queue passes false:
   * a 429 must reach it at once so it can pause the whole lane, not just the one message.
   */
  retry?: boolean;
}

/** What the running bot offers to channel adapters. */
export interface ChannelHost {
  /**
   * Handle one message: the whole turn (session, classification, dialogue, storage). Resolves with the
   * replies to send once every state change is durably stored. Never rejects for bad input; rejects only
   * when the store is down, and then `replies` for that case come from `failureReplies`.
   */
  handle(message: InboundMessage): Promise<Reply[]>;
  /** Whether this user key is on the staff allow-list (by platform id, never by display name). */
  isStaff(userKey: string): boolean;
  /** The platform said this user can no longer be reached (Telegram 403, WhatsApp unknown user). */
  markUnreachable(userKey: string, reason: string): Promise<void>;
  /**
   * Tell the staff chat something operational (a WhatsApp logout, a new QR code). Best effort. `key` names a
   * template `alert.<key>` in the locales (staff alerts are in Indonesian, the office's language).
   */
  alertStaff(key: string, vars?: Record<string, string>): Promise<void>;
  log: Logger;
}

/** A chat platform. */
export interface Channel {
  /** The user-key namespace of this channel: `telegram`, `whatsapp`, `console`. */
  readonly name: string;
  /** Connect and start delivering messages to the host. Resolves once the channel is receiving. */
  start(host: ChannelHost): Promise<void>;
  /** Stop receiving, finish the turns in flight, release the connection. */
  stop(): Promise<void>;
  /**
   * Send replies to a person who is known on this channel (notifications and broadcasts).
   * @throws PlatformApiError (403: unreachable, 429: retry later) or NetworkError.
   */
  send(userKey: string, replies: readonly Reply[], opts?: SendOptions): Promise<void>;
}
