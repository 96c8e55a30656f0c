/**
 * Records of the announcement (broadcast) feature, as kept in the store. Every record is zod-checked when read
 * back, like any other boundary. A broadcast goes draft → queued (or scheduled) → running → done / cancelled;
 * each recipient's delivery is recorded *before* the send so a killed process never sends twice.
 */
import { z } from 'zod';

/**
 * The name of a channel a broadcast goes out on: a channel module's name, the user-key namespace. Which names
 * exist is the registry's business (the staff operations check them against it); a stored record only needs
 * the shape.
 */
export const ChannelName = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'expected a channel name');
export type ChannelName = z.infer<typeof ChannelName>;

/** Longest broadcast text: one message on every channel (the shortest limit is ~4096), with room to spare. */
export const MAX_BROADCAST_TEXT = 3500;
/** Longest "until when" note of a closure change (told to citizens inside one closure answer). */
export const MAX_CLOSURE_NOTE = 300;
/** Longest reason of a closure change. */
export const MAX_CLOSURE_REASON = 500;

/** Lifecycle of a broadcast. `queued` waits for the worker (at `scheduledAt` when set). */
export const BroadcastStatus = z.enum(['queued', 'running', 'done', 'cancelled']);
export type BroadcastStatus = z.infer<typeof BroadcastStatus>;

/** Tally of deliveries. `uncertain`: a send was started but the process died before it was confirmed. */
export const Counts = z.object({
  total: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Recipients who blocked the bot (a 403) or cannot be reached; they are unsubscribed. */
  unreachable: z.number().int().nonnegative(),
  uncertain: z.number().int().nonnegative(),
  /** Not sent because the broadcast was cancelled first. */
  skipped: z.number().int().nonnegative(),
});
export type Counts = z.infer<typeof Counts>;

/** Nothing delivered yet. */
export function zeroCounts(total = 0): Counts {
  return { total, sent: 0, failed: 0, unreachable: 0, uncertain: 0, skipped: 0 };
}

/** Deliveries that reached a final state. */
export function settled(c: Counts): number {
  return c.sent + c.failed + c.unreachable + c.uncertain + c.skipped;
}

/** One announcement. */
export const Broadcast = z.object({
  id: z.string().regex(/^[a-z0-9-]{4,40}$/),
  text: z.string().min(1).max(MAX_BROADCAST_TEXT),
  channels: z.array(ChannelName).min(1),
  /** The staff key of the author (a chat user key, `cli:ayu`, `console:ayu`): who gets progress and the report. */
  createdBy: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  /** Not sent before this time; null = as soon as possible. */
  scheduledAt: z.iso.datetime({ offset: true }).nullable(),
  status: BroadcastStatus,
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Counts per channel, refreshed while it runs (every second at most) and final at the end. */
  counts: z.record(ChannelName, Counts),
  cancelledBy: z.string().nullable(),
});
export type Broadcast = z.infer<typeof Broadcast>;

/** The recipients snapshot taken when a broadcast starts (subscribers at that moment). */
export const Recipients = z.object({ userKeys: z.array(z.string()) });
export type Recipients = z.infer<typeof Recipients>;

/** State of one (broadcast, recipient). Absent record = pending. */
export const DeliveryState = z.enum(['sending', 'sent', 'failed', 'unreachable', 'uncertain', 'skipped']);
export type DeliveryState = z.infer<typeof DeliveryState>;

/** One recipient's delivery. */
export const Delivery = z.object({
  state: DeliveryState,
  at: z.string(),
  /** Error code of the last failure (HTTP-like), never the message text. */
  code: z.number().int().optional(),
});
export type Delivery = z.infer<typeof Delivery>;

/** A staff member's unsent draft (kept until `/kirim` or `/batal`, at most a day). */
export const Draft = z.object({
  text: z.string().min(1).max(MAX_BROADCAST_TEXT),
  channels: z.array(ChannelName).min(1),
  scheduledAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.string(),
});
export type Draft = z.infer<typeof Draft>;
