/**
 * The dispatcher alone: `step()` with a stub classification, a stub dialogue and a fixed clock. Which handler
 * runs for which message, and the bookkeeping around it (language, turns, idle reset, staff commands).
 */
import { describe, expect, it } from 'vitest';
import type { FeatureDialogue, FlowTurn, Handled, IntentHandler, TurnCtx } from '../../../src/kernel/feature.js';
import type { Knowledge } from '../../../src/kernel/knowledge.js';
import type { Locales } from '../../../src/kernel/locale.js';
import { loadLocales } from '../../../src/kernel/locale.js';
import { newSession, type Session } from '../../../src/kernel/session.js';
import { loadOffice } from '../../../src/kernel/office.js';
import type { Classification, IntentName } from '../../../src/nlu/types.js';
import { INTENTS as INTENT_NAMES } from '../../../src/nlu/types.js';
import { mergeDialogues, step } from '../../../src/runtime/step.js';
import { ROOT } from '../../../src/app.js';
import { join } from 'node:path';

const NOW = new Date('2026-12-01T02:00:00Z');
const locales: Locales = loadLocales(join(ROOT, 'locales'));
const office = loadOffice(join(ROOT, 'offices/tabanan.json'));
const k: Knowledge = { office, closure: office.closure, locales, now: NOW, sessionIdleMs: 30 * 60_000 };

/** Every intent answers with its own name, so a test sees which handler ran. */
const echo = (name: IntentName): IntentHandler => () => ({ replies: [{ parts: [{ text: `handler:${name}` }] }] });
const intents: Record<IntentName, IntentHandler> = Object.fromEntries(INTENT_NAMES.map((n) => [n, echo(n)])) as Record<IntentName, IntentHandler>;

const formHandler = (ctx: TurnCtx): FlowTurn => {
  if (ctx.text === 'keluar') return { kind: 'release', before: [{ parts: [{ text: 'form left' }] }], session: { flow: undefined } };
  const result: Handled = { replies: [{ parts: [{ text: `form got:${ctx.text}` }] }] };
  return { kind: 'handled', intent: 'complaint.file', result };
};

const dialogue: FeatureDialogue = {
  flows: { form: formHandler },
  commands: { menu: 'help', langganan: 'subscribe' },
  startPayloads: { aduan: 'complaint.file' },
  preempt: (text) => (/^stop$/i.test(text) ? 'unsubscribe' : undefined),
  menuPick: (text) => (/^\s*1\s*$/.test(text) ? 'closure.status' : undefined),
  menu: (t, introKey, vars) => ({ parts: [{ text: `menu:${introKey}:${vars?.command ?? ''}:${t.language}` }] }),
};
const d = mergeDialogues(intents, [dialogue], ['aduan_status', 'menu_staff']);

const c = (intent: IntentName, score = 0.9, language: 'id' | 'en' = 'id'): Classification => ({
  intent,
  score,
  language,
  normalised: '',
  entities: { forms: [], services: [] },
});

const text = (r: ReturnType<typeof step>) => r.replies.map((x) => x.parts.map((p) => p.text).join('')).join('|');
const citizen = { staff: false, canPush: true };

describe('step() dispatch', () => {
  const cases: [string, string, Classification, Session, string, IntentName][] = [
    ['a classified intent runs its handler', 'jam buka?', c('office.hours'), newSession(NOW), 'handler:office.hours', 'office.hours'],
    ['a citizen command beats classification', '/langganan', c('None'), newSession(NOW), 'handler:subscribe', 'subscribe'],
    ['a deep-link payload opens its intent', '/start aduan', c('greeting'), newSession(NOW), 'handler:complaint.file', 'complaint.file'],
    ['an unknown command gets the menu', '/apaini', c('None'), newSession(NOW), 'menu:command.unknown:/apaini:id', 'help'],
    ['a pre-emptive matcher beats classification', 'STOP', c('greeting'), newSession(NOW), 'handler:unsubscribe', 'unsubscribe'],
    ['a bare menu number picks its topic', '1', c('None', 0.1), newSession(NOW), 'handler:closure.status', 'closure.status'],
    ['an open form sees the message first', 'isi form', c('office.hours'), { ...newSession(NOW), turns: 1, flow: { kind: 'form', startedAt: NOW.toISOString(), data: {} } }, 'form got:isi form', 'complaint.file'],
    ['a released form lets the message through', 'keluar', c('office.hours'), { ...newSession(NOW), turns: 1, flow: { kind: 'form', startedAt: NOW.toISOString(), data: {} } }, 'form left|handler:office.hours', 'office.hours'],
    ['an empty message is answered without a handler', '   ', c('None'), newSession(NOW), 'Pesan Anda kosong', 'None'],
  ];
  it.each(cases)('%s', (_name, input, cls, session, expected, intent) => {
    const r = step(d, { userKey: 'test:1', text: input }, cls, session, k, citizen);
    expect(text(r)).toContain(expected);
    expect(r.intent).toBe(intent);
    expect(r.session.turns).toBe(session.turns + 1);
    expect(r.session.touchedAt).toBe(NOW.toISOString());
  });

  it('a staff command is an operation effect for staff, refused for citizens', () => {
    const forStaff = step(d, { userKey: 'test:9', text: '/aduan_status ADU-7K3M9Q selesai' }, c('None'), newSession(NOW), k, { staff: true, canPush: true });
    expect(forStaff.effects).toEqual([{ kind: 'staff.operation', name: 'aduan_status', args: 'ADU-7K3M9Q selesai' }]);
    const forCitizen = step(d, { userKey: 'test:1', text: '/aduan_status ADU-7K3M9Q selesai' }, c('None'), newSession(NOW), k, citizen);
    expect(forCitizen.effects).toEqual([]);
    expect(text(forCitizen)).toContain('khusus petugas');
  });

  it('an idle session drops its form and says so', () => {
    const old = new Date(NOW.getTime() - 31 * 60_000).toISOString();
    const session: Session = { ...newSession(NOW), turns: 3, touchedAt: old, flow: { kind: 'form', startedAt: old, data: {} } };
    const r = step(d, { userKey: 'test:1', text: 'jam buka?' }, c('office.hours'), session, k, citizen);
    expect(text(r)).toContain('kedaluwarsa');
    expect(text(r)).toContain('handler:office.hours');
    expect(r.session.flow).toBeUndefined();
  });

  it('a short or unclear message keeps the conversation language', () => {
    const english = { ...newSession(NOW), turns: 2, language: 'en' as const };
    expect(step(d, { userKey: 'test:1', text: 'ok' }, c('None', 0.2, 'id'), english, k, citizen).language).toBe('en');
    expect(step(d, { userKey: 'test:1', text: 'what are the opening hours' }, c('office.hours', 0.9, 'en'), newSession(NOW), k, citizen).language).toBe('en');
  });

  it('two features claiming one command is refused at start', () => {
    expect(() => mergeDialogues(intents, [dialogue, { commands: { menu: 'help' }, menuPick: dialogue.menuPick, menu: dialogue.menu }], [])).toThrow(/command "menu"/);
  });
});
