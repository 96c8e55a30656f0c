/** Complaint test helpers: a recording channel, a movable clock, a whole filing conversation. */
import type { Channel } from '../../src/kernel/channel.js';
import { replyText, type Reply, type SendReceipt } from '../../src/kernel/message.js';
import type { TestBot as Bot } from '../support/app.js';
import { say } from '../support/app.js';

/** A channel that records what it is asked to send (and can be told to fail). */
export class RecordingChannel implements Channel {
  readonly sent: { userKey: string; text: string }[] = [];
  failing = false;
  constructor(readonly name: string) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async send(userKey: string, replies: readonly Reply[]): Promise<SendReceipt[]> {
    if (this.failing) throw new Error('403: Forbidden: bot was blocked by the user');
    this.sent.push({ userKey, text: replies.map(replyText).join('\n') });
    return [];
  }
  to(userKey: string): string[] {
    return this.sent.filter((s) => s.userKey === userKey).map((s) => s.text);
  }
}

/** A clock tests move by hand. */
export function clock(start = '2026-11-23T02:00:00Z'): { now: () => Date; set(iso: string): void; add(ms: number): void } {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), set: (iso) => void (t = new Date(iso).getTime()), add: (ms) => void (t += ms) };
}

/** The ticket in a reply text, if any. */
export function ticketIn(text: string): string | undefined {
  return /ADU-[0-9A-Z]{6}/.exec(text)?.[0];
}

/** File a complaint start to end; returns the last replies joined and the ticket shown. */
export async function fileComplaint(
  bot: Bot,
  userKey: string,
  description = 'izin saya sudah 3 bulan tidak selesai, mau protes',
): Promise<{ text: string; ticket: string | undefined }> {
  // The command form starts the complaint whatever the classifier makes of the text.
  await say(bot, userKey, `/aduan ${description}`);
  await say(bot, userKey, 'lewati');
  await say(bot, userKey, 'lewati');
  const s = await bot.sessions.get(userKey);
  const step = (s?.flow?.data as { step?: string } | undefined)?.step;
  if (step === 'contact') await say(bot, userKey, 'lewati');
  const text = (await say(bot, userKey, 'ya')).join('\n');
  return { text, ticket: ticketIn(text) };
}
