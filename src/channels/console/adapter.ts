/**
 * The console channel: a chat on stdin/stdout for local use, staff and automated checks.
 * - On a terminal: a prompt, replies as plain text.
 * - Not a terminal: one message a line, in order; resolves after the last reply at end of input.
 * - `json`: one JSON line per input line, `{"text","intent","score","replies"}`; nothing else on stdout.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { replyText, type InboundMessage, type Reply } from '../../kernel/message.js';
import { userKey as userKeyOf } from '../../kernel/user-key.js';

/** This channel's user-key namespace (the module's name). */
const CONSOLE = 'console';

/** What the console needs of the runtime: the turn with what drove it (for `--json`). */
export interface ConsoleHost {
  turn(message: InboundMessage): Promise<{ replies: Reply[]; result?: { intent: string; score: number } }>;
}

/** Options of {@link runConsole}. */
export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** The user key suffix: `console:<user>`. */
  user: string;
  json: boolean;
  /** Show a prompt (interactive terminal). */
  interactive: boolean;
}

/** Console text of a reply: the options are already numbered lines in the text. */
function render(replies: readonly Reply[]): string {
  return replies.map(replyText).join('\n\n');
}

/** Run the console chat until the input ends. */
export async function runConsole(host: ConsoleHost, opts: ConsoleOptions): Promise<void> {
  const rl = createInterface({ input: opts.input, terminal: false, crlfDelay: Infinity });
  const write = (s: string) => opts.output.write(s);
  const userKey = userKeyOf(CONSOLE, opts.user);
  if (opts.interactive && !opts.json) write('Ketik pesan Anda (Ctrl+D untuk keluar).\n> ');
  // for-await handles lines strictly in order: a person's turns never overlap.
  for await (const line of rl) {
    const out = await host.turn({ userKey, text: line, sentAt: new Date() });
    if (opts.json) {
      write(
        `${JSON.stringify({
          text: line,
          intent: out.result?.intent ?? 'None',
          score: Number((out.result?.score ?? 0).toFixed(4)),
          replies: out.replies.map(replyText),
        })}\n`,
      );
    } else {
      write(`${render(out.replies)}\n\n`);
      if (opts.interactive) write('> ');
    }
  }
}
