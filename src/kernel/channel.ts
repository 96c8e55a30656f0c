/**
 * The seam between the bot and a chat platform. A platform is one **channel module** (`src/channels/<name>/`):
 * its name (the user-key namespace), its own configuration schema, what it can do (push, buttons, longest
 * text), how fast it may be sent to (its delivery profile), and a factory for the running `Channel`. The core
 * loops over the registered modules and never names a platform. Platform quirks (escaping, id formats,
 * groups, retries) stay inside the module.
 */
import { z as zod } from 'zod';
import type { z } from 'zod';
import type { Logger } from '../lib/log.js';
import type { InboundMessage, Reply, SendReceipt } from './message.js';

/** Options of `Channel.send`. */
export interface SendOptions {
  /**
   * Whether the channel may retry a failed call itself (default true). A paced broadcast queue passes false:
   * a 429 must reach it at once so it can pause the whole lane, not just the one message.
   */
  retry?: boolean;
}

/** What the running bot offers to a channel. */
export interface ChannelHost {
  /**
   * Handle one message: the whole turn (session, classification, dialogue, storage). Resolves with the
   * replies to send once every state change is durably stored. Never rejects: a failed turn resolves with a
   * reply that says so.
   */
  handle(message: InboundMessage): Promise<Reply[]>;
  /**
   * Resolves once every answer stored so far has been delivered (or given up): the runtime sends the
   * answers of durable channels, so a channel's own "idle" waits for this too (tests, shutdown).
   */
  settled?(): Promise<void>;
  /** Whether this user key is on the staff allow-list (by platform id, never by display name). */
  isStaff(userKey: string): boolean;
  /**
   * The platform said this person can no longer be reached (Telegram 403, WhatsApp unknown user). The one
   * place this is reported; the features that care (subscriptions, sessions) listen to it.
   */
  markUnreachable(userKey: string, reason: string): Promise<void>;
  /**
   * Tell staff something operational (a WhatsApp logout, a new QR code). Best effort. `key` names a template
   * `alert.<key>` in the locales (staff alerts are in Indonesian, the office's language).
   */
  alertStaff(key: string, vars?: Record<string, string>): Promise<void>;
  log: Logger;
}

/** A running chat platform. */
export interface Channel {
  /** The user-key namespace of this channel: the module's name. */
  readonly name: string;
  /** Connect and start delivering messages to the host. Resolves once the channel is receiving. */
  start(host: ChannelHost): Promise<void>;
  /** Stop receiving, finish the turns in flight, release the connection. */
  stop(): Promise<void>;
  /**
   * Send replies to a person who is known on this channel (notifications and broadcasts). Resolves with a
   * receipt per platform message sent, in order (none where the platform has no message ids: the console).
   * @throws PlatformApiError (403: unreachable, 429: retry later) or NetworkError.
   */
  send(userKey: string, replies: readonly Reply[], opts?: SendOptions): Promise<SendReceipt[]>;
  /**
   * Present when the channel's answers are delivered durably: a message it hands to the host carries a
   * `replyAddress`, the turn stores its replies with its state, and the runtime's paced sender delivers
   * them piece by piece through this, resuming after a restart.
   */
  readonly durable?: DurableReplies;
}

/**
 * Resolves once a channel's own tasks (`inFlight`, which removes each as it settles) and the answers the
 * host sends for it have all settled: a channel's "idle" (tests, shutdown).
 */
export async function untilIdle(inFlight: ReadonlySet<Promise<unknown>>, host: Pick<ChannelHost, 'settled'> | undefined): Promise<void> {
  do {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    // The answers of the turns just handled are the runtime's to send.
    await host?.settled?.();
  } while (inFlight.size > 0);
}

/** How a channel delivers stored answers, one platform message (piece) at a time. */
export interface DurableReplies {
  /**
   * How many platform messages `replies` become. Must be deterministic (the same replies always give the
   * same pieces): after a restart, delivery resumes at the first piece not confirmed.
   */
  pieces(replies: readonly Reply[]): number;
  /** The chat an address is in, for the per-chat pace (several people of a group share its chat). */
  chatOf(address: string): { chat: string; group: boolean };
  /**
   * Send piece `index` of `replies` to `address`, once (no retry inside: the sender paces, and waits out a
   * 429 for the whole channel). `index` 0 may quote the message answered.
   * @throws PlatformApiError (403: unreachable; 429: too fast, nothing sent) or NetworkError.
   */
  sendPiece(address: string, replies: readonly Reply[], index: number): Promise<void>;
  /**
   * Optional: make piece `index` ready to leave before the sender claims it (`sending` in the store):
   * connected, rendered, all of the request written but what makes it whole. A process killed between a
   * claim stored and a request gone leaves a piece counted "maybe delivered" that never was; this leaves
   * only one write of the request for after the claim's answer, with no connect or rendering there.
   * Nothing reaches the platform until `send`; a piece made ready and never sent must be cancelled.
   * @throws NetworkError when the platform cannot be reached (nothing was sent).
   */
  prepare?(address: string, replies: readonly Reply[], index: number): Promise<PreparedPiece>;
}

/** A piece made ready by `DurableReplies.prepare`. */
export interface PreparedPiece {
  /**
   * Write the rest of the request now, in this turn of the event loop (before returning), and resolve
   * once the platform answered; the same outcomes as `sendPiece`.
   */
  send(): Promise<void>;
  /** Never send it (its claim was not granted): the platform sees no whole request. */
  cancel(): void;
}

/** What a platform can do; features read it instead of asking which platform it is. */
export interface ChannelCapabilities {
  /** The bot can message a person first (notifications, announcements). The console cannot. */
  push: boolean;
  /** Menu options can be shown as buttons. */
  buttons: boolean;
  /** Longest text of one message, in UTF-16 code units. */
  maxText: number;
}

/**
 * How fast a platform may be sent to. The overall rate, the per-chat and group gaps are one budget per
 * process shared by the replies to people who wrote (first) and the announcements; the random gaps and the
 * daily cap pace announcements only. Each field is optional: a platform paces by what applies to it.
 */
export interface DeliveryProfile {
  /** Messages per second overall, evenly spaced (Telegram: under its ~30/s). */
  ratePerSecond?: number;
  /** Sends in flight at once (default 1). */
  concurrency?: number;
  /** Least time between two messages to one chat (Telegram: 1 s). */
  perChatGapMs?: number;
  /** Least time between two messages to one group chat (Telegram: 20 a minute, so 3 s). */
  groupGapMs?: number;
  /** Least time before a reply to a chat, when not `perChatGapMs` (0 where the platform allows bursts). */
  replyGapMs?: number;
  /** A random pause between any two messages (WhatsApp Web: ban risk). */
  randomGapMs?: { min: number; max: number };
  /** Messages per office day at most; the rest goes out the next day. */
  dailyCap?: number;
}

/** A simple HTTP router that channel modules (webhooks) and the staff console mount routes on. */
export interface HttpRouter {
  /** Handle `method path` with a fetch-style handler (Web `Request` in, `Response` out). */
  route(method: 'GET' | 'POST', path: string, handler: (req: Request) => Promise<Response>): void;
}

/** What a channel module builds its channel from. */
export interface ChannelContext<C> {
  /** The module's own configuration, parsed from the environment by `env`. */
  config: C;
  /** The data folder (sessions of WhatsApp Web, QR images). */
  dataDir: string;
  /** Staff command names and help lines, for the platform's command menu. */
  staffCommands: readonly { name: string; help: string }[];
  /** The store, for platform records (seen update ids, contacts). */
  store: import('../store/store.js').Store;
  log: Logger;
  /** The service's HTTP server, when one runs (webhooks). */
  http?: HttpRouter;
}

/** A configuration problem of one variable (never its value: it may be a secret). */
export interface EnvIssue {
  variable: string;
  expected: string;
}

/**
 * One platform, declared once (`defineChannelModule`). The registry (`src/channels/registry.ts`) lists the
 * modules; configuration, start-up, the staff directory, broadcast lanes, audience counts and the
 * `ke <channel>` grammar loop over it.
 * @typeParam S - the zod shape of the module's environment variables
 */
export interface ChannelModule<S extends z.ZodRawShape = z.ZodRawShape> {
  /** User-key namespace and the name staff type (`ke telegram`). Lower case. */
  readonly name: string;
  /** How people call it (`Telegram`, `WhatsApp`). */
  readonly label: string;
  /** The module's environment variables (merged into the process's schema). */
  readonly env: S;
  /** What each variable expects, in words, for configuration errors. */
  readonly envHelp: Readonly<Record<string, string>>;
  readonly capabilities: ChannelCapabilities;
  /** Read this module's settings from the (raw) environment: the module bound to them, or what is wrong. */
  bind(env: Readonly<Record<string, string | undefined>>): { ok: true; channel: BoundChannel } | { ok: false; issues: EnvIssue[] };
}

/** A channel module bound to this process's settings. */
export interface BoundChannel {
  readonly name: string;
  readonly label: string;
  readonly capabilities: ChannelCapabilities;
  /** Whether the configuration turns the channel on. */
  readonly enabled: boolean;
  /** Platform ids of staff (allow-list), as user keys. */
  readonly staffKeys: readonly string[];
  /** Where staff notices go on this platform (a staff group), when set; else to each staff key. */
  readonly staffChatKeys: readonly string[];
  /** The pace of announcements on this platform. */
  readonly delivery: DeliveryProfile;
  /** Build the running channel (platform libraries load only here). */
  create(ctx: Omit<ChannelContext<unknown>, 'config'>): Promise<Channel>;
  /** The module's own CLI commands (`whatsapp login`), by name. */
  readonly commands: Readonly<Record<string, BoundCommand>>;
}

/** A CLI command of a channel module (`npm run -s bot -- <channel> <command>`). */
export interface BoundCommand {
  /** One line: what it does. */
  readonly help: string;
  /** Run it; resolves with the exit code. */
  run(ctx: { dataDir: string; out: NodeJS.WritableStream }): Promise<number>;
}

/** How a channel module is declared. */
export interface ChannelSpec<S extends z.ZodRawShape> {
  name: string;
  label: string;
  env: S;
  envHelp: Readonly<Record<string, string>>;
  capabilities: ChannelCapabilities;
  /** Checks across this module's variables (a webhook URL needs its secret). */
  check?(config: z.output<z.ZodObject<S>>): EnvIssue[];
  enabled(config: z.output<z.ZodObject<S>>): boolean;
  staffKeys(config: z.output<z.ZodObject<S>>): string[];
  staffChatKeys?(config: z.output<z.ZodObject<S>>): string[];
  delivery(config: z.output<z.ZodObject<S>>): DeliveryProfile;
  create(ctx: ChannelContext<z.output<z.ZodObject<S>>>): Promise<Channel>;
  /** CLI commands of this platform (pairing a phone …). */
  commands?: Readonly<Record<string, { help: string; run(ctx: { config: z.output<z.ZodObject<S>>; dataDir: string; out: NodeJS.WritableStream }): Promise<number> }>>;
}

/** Declare a channel module. */
export function defineChannelModule<S extends z.ZodRawShape>(spec: ChannelSpec<S>): ChannelModule<S> {
  return {
    name: spec.name,
    label: spec.label,
    env: spec.env,
    envHelp: spec.envHelp,
    capabilities: spec.capabilities,
    bind(env) {
      const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
      const parsed = zod.object(spec.env).safeParse(present);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => {
          const variable = String(i.path[0] ?? '?');
          return { variable, expected: spec.envHelp[variable] ?? i.message };
        });
        return { ok: false, issues };
      }
      const config = parsed.data;
      const issues = spec.check?.(config) ?? [];
      if (issues.length > 0) return { ok: false, issues };
      return {
        ok: true,
        channel: {
          name: spec.name,
          label: spec.label,
          capabilities: spec.capabilities,
          enabled: spec.enabled(config),
          staffKeys: spec.staffKeys(config),
          staffChatKeys: spec.staffChatKeys?.(config) ?? [],
          delivery: spec.delivery(config),
          create: (ctx) => spec.create({ ...ctx, config }),
          commands: Object.fromEntries(
            Object.entries(spec.commands ?? {}).map(([name, c]) => [name, { help: c.help, run: (ctx) => c.run({ ...ctx, config }) }]),
          ),
        },
      };
    },
  };
}
