/**
 * A hung and a killed Redis, through a TCP proxy on 127.0.0.1 in front of the real one. Citizens talk normally,
 * then the proxy stops forwarding (hung: connections open, nothing answered) or closes everything and refuses
 * (killed); each citizen writes twice meanwhile and must be told the service is disturbed within 5 s (the
 * oracle's text for a store that is down). Then Redis comes back and the next message must get its normal
 * answer. Failed turns store nothing, so the oracle is run over the other messages only.
 */
import { BotProcess } from '../lib/bot.js';
import { Scope } from '../lib/cleanup.js';
import type { CitizenPlan } from '../lib/citizens.js';
import { conversationFigures, dumpChats, judgeAll } from '../lib/common.js';
import { citizen, expectedCount, send, waitForCount, type Citizen } from '../lib/driver.js';
import { normalise } from '../lib/judge.js';
import { TcpProxy } from '../lib/proxy.js';
import { hostPort, runPrefix } from '../lib/redis.js';
import { botEnv, dataDir, fig, startFake, type Context, type Row } from '../lib/setup.js';
import { percentile, secs, sleep } from '../lib/stats.js';

const BEFORE = ['halo', 'jam buka kantor'];
const DURING_ALL = ['formulir imb dmn', 'nomor call center berapa'];
const AFTER = ['kantor tutup ga?', 'terima kasih'];

export async function redisFault(ctx: Context, kind: 'hung' | 'killed', row: Row, base: number): Promise<void> {
  const scope = new Scope();
  try {
    const proxy = await TcpProxy.start(hostPort(ctx.redis.url));
    scope.add('close the Redis proxy', () => proxy.close());
    const fake = await startFake(scope);
    const prefix = runPrefix(scope, ctx.runId, row.id, ctx.redis.url);
    const env = botEnv({ data: dataDir(ctx, row.id), fake, mode: 'polling', redis: { url: `redis://127.0.0.1:${proxy.port}`, prefix } });
    const bot = new BotProcess(row.id, env, ctx.logDir);
    scope.add(`stop ${row.id}`, () => bot.kill9());
    await bot.start();

    const DURING = DURING_ALL.slice(0, ctx.quick ? 1 : 2);
    const down = ctx.oracle.storeDownText();
    const n = ctx.quick ? 3 : 5;
    const citizens: Citizen[] = [];
    for (let i = 0; i < n; i++) {
      const user = { id: base + i, first_name: `Warga ${i + 1}` };
      const plan: CitizenPlan = { user, messages: [...BEFORE, ...DURING, ...AFTER] };
      // The oracle never sees the failed turns: they store nothing.
      const normal = await ctx.oracle.expect({ user, messages: [...BEFORE, ...AFTER] });
      const expected = [...normal.slice(0, BEFORE.length), ...DURING.map(() => [down]), ...normal.slice(BEFORE.length)];
      citizens.push(citizen(plan, expected));
    }
    const turn = async (c: Citizen, timeoutMs: number): Promise<number | undefined> => {
      const before = fake.sentTo(c.plan.user.id).length;
      const at = Date.now();
      send(fake, c, c.sent.length);
      const ok = await waitForCount(fake, c.plan.user.id, before + 1, timeoutMs);
      const first = fake.sentTo(c.plan.user.id)[before];
      await waitForCount(fake, c.plan.user.id, expectedCount(c), 3000);
      return ok && first ? first.at - at : undefined;
    };
    for (let k = 0; k < BEFORE.length; k++) await Promise.all(citizens.map((c) => turn(c, 10_000)));

    const faultAt = Date.now();
    if (kind === 'hung') proxy.hang();
    else await proxy.refuse();
    const during: (number | undefined)[] = [];
    const downReplies: boolean[] = [];
    for (let k = 0; k < DURING.length; k++) {
      await sleep(k === 0 ? 200 : 1500);
      const results = await Promise.all(citizens.map((c) => turn(c, 15_000)));
      during.push(...results);
      for (const c of citizens) {
        const last = fake.sentTo(c.plan.user.id).at(-1);
        downReplies.push(last !== undefined && normalise(last.text) === down);
      }
    }
    const outage = Date.now() - faultAt;
    await proxy.resume();
    const after = await Promise.all(citizens.map((c) => turn(c, 20_000)));
    const recovered = after.every((x) => x !== undefined) ? Math.max(...(after as number[])) : undefined;
    for (let k = 1; k < AFTER.length; k++) await Promise.all(citizens.map((c) => turn(c, 10_000)));
    await sleep(500);
    const alive = bot.running;
    await bot.stop();
    const v = judgeAll(fake, citizens);
    dumpChats(ctx, row.id, fake, citizens);
    const answered = during.filter((x): x is number => x !== undefined);
    const worst = answered.length === during.length ? percentile(answered, 100) : undefined;
    row.figures.push(
      fig('answered during the outage within', worst === undefined ? `${answered.length} of ${during.length} answered` : secs(worst), '5 s', worst !== undefined && worst <= 5000),
      fig('"service disturbed" replies', `${downReplies.filter(Boolean).length} of ${downReplies.length}`),
      fig('first answer after Redis is back', recovered === undefined ? 'not all answered' : `within ${secs(recovered)}`),
      fig('outage', secs(outage)),
      fig('process survived', alive && bot.ownExits.length === 0 ? 'yes' : `no (${bot.ownExits.map((e) => e.code ?? e.signal).join(', ')})`),
      ...conversationFigures(v),
    );
    row.notes.push(...v.notes);
  } finally {
    await scope.close();
  }
}
