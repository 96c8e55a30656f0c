/**
 * Delivery acknowledgements of sent WhatsApp messages. `sendMessage` resolving only means WhatsApp Web took
 * the message; whether it reached the server, the phone, or was read comes later as `message_ack` events.
 * Each message the bot sends is recorded by its id (`whatsapp_acks`) with the best ack seen, so a broadcast's
 * "sent" can be checked against what WhatsApp confirmed (`WhatsAppChannel.deliveryOf`).
 */
import { z } from 'zod';

/** whatsapp-web.js's `MessageAck` values. */
export const ACK = { ERROR: -1, PENDING: 0, SERVER: 1, DEVICE: 2, READ: 3, PLAYED: 4 } as const;

/** The collection of sent messages' acks, by serialized message id. */
export const WHATSAPP_ACKS = 'whatsapp_acks';

/** One entry of {@link WHATSAPP_ACKS}. */
export const WhatsAppAck = z.object({
  userKey: z.string(),
  ack: z.number().int().min(-1).max(4),
  /** When the ack last changed (ISO). */
  at: z.string(),
});
/** One entry of {@link WHATSAPP_ACKS}. */
export type WhatsAppAck = z.infer<typeof WhatsAppAck>;

/** Acks are kept this long: enough to audit a broadcast, not a record of people's reading habits (UU PDP). */
export const ACK_TTL_MS = 30 * 24 * 3600_000;

/** What a delivery record says, in words. */
export type DeliveryState = 'error' | 'pending' | 'server' | 'device' | 'read' | 'played';

/** The state name of an ack value. */
export function deliveryState(ack: number): DeliveryState {
  if (ack < 0) return 'error';
  return (['pending', 'server', 'device', 'read', 'played'] as const)[Math.min(ack, 4)] ?? 'pending';
}

/**
 * The ack to keep when `incoming` arrives after `current`. Acks only grow (events can arrive out of order);
 * an error after a confirmed delivery is ignored, and a delivery after an error (WhatsApp resent it) clears it.
 */
export function mergeAck(current: number | undefined, incoming: number): number {
  if (current === undefined) return incoming;
  if (incoming === ACK.ERROR) return current >= ACK.DEVICE ? current : ACK.ERROR;
  if (current === ACK.ERROR) return incoming >= ACK.SERVER ? incoming : ACK.ERROR;
  return Math.max(current, incoming);
}
