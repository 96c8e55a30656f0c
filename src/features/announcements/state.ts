/**
 * Long-lived state kept in the store: the closure status (seeded from the office file, changed by staff)
 * and announcement subscriptions.
 */
import { z } from 'zod';
import { ClosureStatus, type OfficeData } from '../../kernel/office.js';
import type { Collection, Store } from '../../store/store.js';

/** A person's subscription to announcements, with the history of changes. */
export const Subscription = z.object({
  userKey: z.string(),
  subscribed: z.boolean(),
  changes: z.array(z.object({ at: z.string(), subscribed: z.boolean(), via: z.string() })),
});
export type Subscription = z.infer<typeof Subscription>;

/** Subscriptions per user key. */
export class Subscriptions {
  private readonly col: Collection<Subscription>;
  constructor(store: Store) {
    this.col = store.collection('subscriptions', Subscription);
  }

  /** Record a change (no-op when the state is already `subscribed`). Returns the new record. */
  async set(userKey: string, subscribed: boolean, via: string, now: Date): Promise<Subscription> {
    const current = await this.col.get(userKey);
    if (current && current.subscribed === subscribed) return current;
    const next: Subscription = {
      userKey,
      subscribed,
      changes: [...(current?.changes ?? []), { at: now.toISOString(), subscribed, via }].slice(-20),
    };
    await this.col.set(userKey, next);
    return next;
  }

  get(userKey: string): Promise<Subscription | undefined> {
    return this.col.get(userKey);
  }

  /** Every subscribed user key. */
  async *active(): AsyncIterable<string> {
    for await (const [, s] of this.col.entries()) if (s.subscribed) yield s.userKey;
  }
}

const CLOSURE_KEY = 'closure';

/**
 * The closure status: read from the store (so a change by staff on another channel, the CLI or another
 * instance shows at once), seeded from the office file on first use. A short cache keeps the hot path lean.
 */
export class ClosureState {
  private readonly col: Collection<ClosureStatus>;
  private cached: { value: ClosureStatus; at: number } | undefined;

  constructor(
    store: Store,
    private readonly office: OfficeData,
    private readonly cacheMs = 1000,
  ) {
    this.col = store.collection('state', ClosureStatus);
  }

  /** The current status. */
  async current(now = Date.now()): Promise<ClosureStatus> {
    if (this.cached && now - this.cached.at < this.cacheMs) return this.cached.value;
    const stored = await this.col.get(CLOSURE_KEY);
    const value = stored ?? this.office.closure;
    this.cached = { value, at: now };
    return value;
  }

  /** The stored status, read past the cache (staff changes start from it). */
  async read(): Promise<ClosureStatus> {
    const value = (await this.col.get(CLOSURE_KEY)) ?? this.office.closure;
    this.cached = { value, at: Date.now() };
    return value;
  }

  /** Replace the status (staff command, CLI). */
  async set(value: ClosureStatus): Promise<void> {
    const parsed = ClosureStatus.parse(value);
    await this.col.set(CLOSURE_KEY, parsed);
    this.cached = { value: parsed, at: Date.now() };
  }
}
