import { createInterface } from 'node:readline';
import type { App } from '../app.js';

/** `bot classify`: one utterance a line in, `{"text","intent","score"}` a line out. */
export async function classifyCommand(app: App): Promise<number> {
  const rl = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity });
  for await (const line of rl) {
    const c = app.classifier().classify(line);
    process.stdout.write(`${JSON.stringify({ text: line, intent: c.intent, score: Number(c.score.toFixed(4)) })}\n`);
  }
  return 0;
}
