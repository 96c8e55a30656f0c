/**
 * Sessions of older versions stay readable (v3 added `topic` and `offer`), and a misread never changes state:
 * an `unsubscribe` or `subscribe` classification of text without subscription words does nothing.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { replyText } from '../../src/kernel/message.js';
import { Session, SESSION_VERSION } from '../../src/kernel/session.js';
import { silentLogger } from '../../src/lib/log.js';
import type { NluClassifier } from '../../src/nlu/classifier.js';
import type { IntentName } from '../../src/nlu/types.js';
import { createMemoryStore } from '../../src/store/store.js';
import { testClassifier, testConfig } from '../support/app.js';

describe('session versions', () => {
  const v2 = { v: 2, language: 'id', turns: 3, noneStreak: 0, subscribeOffered: true, touchedAt: '2026-12-01T08:00:00.000Z' };

  it('reads a version 2 session as the current version, its fields kept', () => {
    const s = Session.parse(v2);
    expect(SESSION_VERSION).toBe(3);
    expect(s).toMatchObject({ v: 3, language: 'id', turns: 3, subscribeOffered: true });
    expect(s.topic).toBeUndefined();
  });

  it('reads a version 1 session (no v) and keeps its open form', () => {
    const v1 = Object.fromEntries(Object.entries(v2).filter(([key]) => key !== 'v'));
    const flow = { kind: 'complaint', startedAt: v2.touchedAt, data: { step: 'name' } };
    expect(Session.parse({ ...v1, flow })).toMatchObject({ v: 3, flow });
  });

  it('keeps a current session\'s topic', () => {
    const topic = { intent: 'form.request', forms: ['Izin Reklame'], services: [] };
    expect(Session.parse({ ...v2, v: 3, topic, offer: 'subscribe' })).toMatchObject({ topic, offer: 'subscribe' });
  });
});

/** The real classifier with its intent forced (a misread), entities and language kept. */
function misreading(intent: IntentName): NluClassifier {
  const real = testClassifier();
  return Object.assign(Object.create(real) as NluClassifier, {
    classify: (text: string) => ({ ...real.classify(text), intent, score: 0.99 }),
  });
}

describe('no state change from a misread', () => {
  it.each([
    ['unsubscribe', 'kurirnya berhenti di depan rumah tapi paket ga dikasih', true],
    ['unsubscribe', 'pulsa sy kepotong trs, gmn cara stop langganan sms premium?', true],
    ['unsubscribe', 'mau berhenti langganan nada sambung, caranya?', true],
    ['unsubscribe', 'stop langganan wifi rumah gimana', true],
    ['subscribe', 'min ada promo ga akhir tahun?', false],
  ] as const)('%s misread of "%s" leaves the subscription as it was', async (intent, text, subscribed) => {
    const config = testConfig();
    const app = createApp(config, silentLogger(), { classifier: misreading(intent), store: createMemoryStore() });
    const user = 'telegram:900';
    if (subscribed) await app.announcements.subscriptions.set(user, true, 'test', new Date());
    const out = await app.conversation.turn({ userKey: user, text });
    expect((await app.announcements.subscriptions.get(user))?.subscribed ?? false).toBe(subscribed);
    expect(out.replies.map(replyText).join('\n')).not.toMatch(/berlangganan pengumuman|tidak akan menerima pengumuman/);
  });
});
