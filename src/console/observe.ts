/**
 * What the console learns from every turn: a daily counter in the store (dashboard), the masked texts the bot
 * did not understand (review page), and Prometheus metrics (`GET /metrics`). Fed by the app's turn hook, so
 * no channel and no feature knows about it.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { App } from '../app.js';
import type { InboundMessage } from '../kernel/message.js';
import { channelOf } from '../kernel/user-key.js';
import { localDate } from '../lib/time.js';
import type { TurnOutput } from '../runtime/conversation.js';
import type { ConsoleRecords } from './records.js';

/** Mask what could identify a person: e-mail addresses, then any run of 4+ digits (phone, NIK, permit numbers). */
export function mask(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]')
    .replace(/\+?\d[\d .-]{2,}\d/g, (m) => (m.replace(/\D/g, '').length >= 4 ? '[angka]' : m))
    .trim();
}

/** The metrics of one app, in its own registry (several apps in one test process must not collide). */
export class ConsoleMetrics {
  readonly registry = new Registry();
  readonly turns: Counter<'channel'>;
  readonly intents: Counter<'intent'>;
  readonly notUnderstood: Counter<'channel'>;
  readonly turnErrors: Counter<'channel'>;

  constructor(app: App, operationNames: readonly string[]) {
    const r = this.registry;
    collectDefaultMetrics({ register: r, prefix: 'layanan_process_' });
    this.turns = new Counter({ name: 'layanan_turns_total', help: 'Messages answered, by channel', labelNames: ['channel'], registers: [r] });
    this.intents = new Counter({ name: 'layanan_intents_total', help: 'Turns by the intent that drove them', labelNames: ['intent'], registers: [r] });
    this.notUnderstood = new Counter({ name: 'layanan_not_understood_total', help: 'Messages the bot did not understand', labelNames: ['channel'], registers: [r] });
    this.turnErrors = new Counter({ name: 'layanan_channel_errors_total', help: 'Turns that failed (store down, a bug), by channel', labelNames: ['channel'], registers: [r] });
    new Gauge({
      name: 'layanan_complaints',
      help: 'Complaints by state (open, overdue)',
      labelNames: ['state'],
      registers: [r],
      async collect() {
        const now = new Date();
        const open = await app.complaints.service.listOpen(now);
        this.set({ state: 'open' }, open.length);
        this.set({ state: 'overdue' }, open.filter((c) => app.complaints.service.overdue(c, now)).length);
      },
    });
    new Gauge({
      name: 'layanan_broadcast_deliveries',
      help: 'Deliveries of the newest broadcast, by channel and state',
      labelNames: ['channel', 'state'],
      registers: [r],
      async collect() {
        const b = await app.announcements.broadcasts.status();
        if (!b) return;
        for (const [channel, c] of Object.entries(b.counts)) {
          for (const state of ['sent', 'failed', 'unreachable', 'uncertain', 'skipped', 'total'] as const) this.set({ channel, state }, c[state]);
        }
      },
    });
    new Gauge({
      name: 'layanan_channel_up',
      help: 'Whether each enabled channel is running (1) or not (0)',
      labelNames: ['channel'],
      registers: [r],
      collect() {
        for (const c of app.enabledChannels()) this.set({ channel: c.name }, app.outbox.canSend(c.name) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'layanan_answer_pieces',
      help: 'Answer messages sent by the durable sender since start, by outcome (sent, unknown: a crash left it in flight, given_up, rate_limited, retried)',
      labelNames: ['outcome'],
      registers: [r],
      collect() {
        const s = app.delivery.stats;
        this.set({ outcome: 'sent' }, s.sent);
        this.set({ outcome: 'unknown' }, s.unknown);
        this.set({ outcome: 'given_up' }, s.givenUp);
        this.set({ outcome: 'rate_limited' }, s.rateLimited);
        this.set({ outcome: 'retried' }, s.retried);
      },
    });
    new Gauge({
      name: 'layanan_answers_sending',
      help: 'People whose stored answers are being sent now',
      registers: [r],
      collect() {
        this.set(app.delivery.active);
      },
    });
    if (operationNames.some((n) => n.startsWith('konsultasi'))) {
      new Gauge({ name: 'layanan_consultation_operations', help: 'Consultation operations offered by this service', registers: [r] }).set(
        operationNames.filter((n) => n.startsWith('konsultasi')).length,
      );
    }
  }
}

/** Listen to the app's turns: counters, metrics and the not-understood list. */
export function observeTurns(app: App, records: ConsoleRecords, metrics: ConsoleMetrics): void {
  // Writes are chained so two turns of one day never overwrite each other's count on this instance.
  let chain: Promise<void> = Promise.resolve();
  app.onTurn((message: InboundMessage, out: TurnOutput) => {
    const channel = channelOf(message.userKey) ?? 'unknown';
    metrics.turns.inc({ channel });
    if (out.error || !out.result) {
      metrics.turnErrors.inc({ channel });
      return;
    }
    const { intent } = out.result;
    const understood = intent !== 'None';
    metrics.intents.inc({ intent });
    if (!understood) metrics.notUnderstood.inc({ channel });
    const now = new Date();
    const day = localDate(now, app.office.timezone);
    const text = mask(message.text);
    chain = chain
      .then(async () => {
        await records.countTurn(day, channel, intent, understood);
        if (!understood && text.length > 0 && !text.startsWith('/')) await records.rememberUnknown(text, now);
      })
      .catch((err: unknown) => app.log.warn({ err }, 'console counters not updated'));
  });
}
