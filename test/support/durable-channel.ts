/**
 * A channel with `Channel.durable`'s shape (one piece per reply) that records each piece and fails the next
 * calls on demand, and a session holding stored answers: for the tests of the runtime's paced sender.
 */
import type { Channel, DurableReplies } from '../../src/kernel/channel.js';
import { replyText, type Reply } from '../../src/kernel/message.js';
import type { Session } from '../../src/kernel/session.js';

/** A channel whose answers the runtime delivers; records each piece, fails the next calls on demand. */
export class FakeDurableChannel implements Channel {
  readonly name = 'telegram';
  readonly sent: { to: string; text: string }[] = [];
  readonly failures: Error[] = [];
  readonly durable: DurableReplies = {
    pieces: (replies) => replies.length,
    chatOf: (address) => ({ chat: address, group: false }),
    sendPiece: async (to, replies, index) => {
      const failure = this.failures.shift();
      if (failure) throw failure;
      this.sent.push({ to, text: replyText(replies[index] as Reply) });
    },
  };
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async send(): Promise<[]> {
    return [];
  }
  texts(): string[] {
    return this.sent.map((s) => s.text);
  }
}

/** A session whose outbox holds `replies` for chat 7 (`extra` on the answer, `owner` holding the queue). */
export function waiting(
  now: Date,
  replies: Reply[],
  extra: Partial<NonNullable<Session['outbox']>['answers'][number]> = {},
  owner?: { id: string; until: number },
): Session {
  return {
    v: 3,
    turns: 1,
    noneStreak: 0,
    subscribeOffered: false,
    touchedAt: now.toISOString(),
    outbox: {
      ...(owner ? { owner: owner.id, until: owner.until } : {}),
      answers: [{ turn: 1, to: '7', replies, next: 0, at: now.toISOString(), ...extra }],
    },
  };
}
