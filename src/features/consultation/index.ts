/**
 * Online consultation: a person answers what the bot cannot, on the citizen's own channel. The asking form
 * and the conversation with a person as dialogue; storing, relaying, answering exactly once, closing, rating
 * as services; and the staff operations on them.
 */
import type { EffectRunner } from '../../kernel/effects.js';
import type { FeatureDialogue, FeaturePorts, FeatureRuntime } from '../../kernel/feature.js';
import { EFFECT_KINDS, runConsultationEffect, type ConsultationEffect } from './effects.js';
import { CONSULTATION_FLOW, consultationFlow, consultationIntercept, startConsultation, STATE_KEY } from './flow.js';
import { isBareNumber } from './numbers.js';
import { consultationOperations } from './operations.js';
import { ConsultationService, type ConsultationSettings } from './service.js';
import { startConsultationSweep } from './sweep.js';

export type { ConsultationSettings } from './service.js';

/** The pure half: the intent, the asking form, the conversation with a person. */
export const consultationDialogue = {
  intents: { consultation: startConsultation },
  flows: { [CONSULTATION_FLOW]: consultationFlow },
  commands: { konsultasi: 'consultation', petugas: 'consultation' },
  startPayloads: { konsultasi: 'consultation' },
  preempt: (text: string) => (isBareNumber(text) ? 'consultation' : undefined),
  intercept: consultationIntercept,
} satisfies FeatureDialogue;

/** The running consultation desk. */
export interface ConsultationRuntime extends FeatureRuntime {
  readonly service: ConsultationService;
}

/** Build the consultation desk's runtime once. */
export function createConsultation(ports: FeaturePorts, settings: ConsultationSettings): ConsultationRuntime {
  const service = new ConsultationService({ ...ports, settings });
  const deps = { service, office: ports.office, log: ports.log };
  const effects: Record<string, EffectRunner> = {};
  // One runner for every kind; the dispatch by kind inside narrows the effect.
  for (const kind of EFFECT_KINDS) effects[kind] = (effect, ctx) => runConsultationEffect(effect as ConsultationEffect, ctx, deps);
  let stopSweep: (() => void) | undefined;
  return {
    service,
    effects,
    operations: consultationOperations(service, settings.CONSULTATION_RETENTION_DAYS),
    // Only a person who asked for a consultation (marked in their session when it was stored) has state to read.
    turnState: { key: STATE_KEY, load: (userKey, now, session) => (session?.consultation ? service.state(userKey, now) : undefined) },
    async start() {
      stopSweep = startConsultationSweep(service, ports.log, ports.now);
    },
    async stop() {
      stopSweep?.();
    },
    idle: () => service.idle(),
  };
}
