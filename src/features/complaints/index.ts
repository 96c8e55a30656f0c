/**
 * The complaint desk (SP4N-LAPOR! style): the filing form and the status question as dialogue, tickets,
 * statuses and deadlines as services, and the staff operations on them.
 */
import { effectRunner } from '../../kernel/effects.js';
import type { FeatureDialogue, FeaturePorts, FeatureRuntime, FlowHandler, TurnCtx } from '../../kernel/feature.js';
import { runComplaintEffect, type ComplaintCreateEffect, type ComplaintLookupEffect } from './effects.js';
import { COMPLAINT_FLOW, continueFlow, startComplaint, startStatus, STATUS_FLOW, type FlowCtx, type StartCtx } from './flow.js';
import { complaintOperations } from './operations.js';
import { ComplaintService, type ComplaintSettings } from './service.js';
import { startComplaintSweep, startNoticeLoop } from './sweep.js';
import { isBareTicket } from './tickets.js';

const startCtx = (ctx: TurnCtx): StartCtx => ({
  k: ctx.k,
  session: ctx.session,
  message: ctx.message,
  text: ctx.text,
  language: ctx.t.language,
});

// Written out rather than spread from startCtx's object: the spread was 2% of the bench's turn loop profile.
const flowCtx = (ctx: TurnCtx): FlowCtx => ({
  k: ctx.k,
  session: ctx.session,
  message: ctx.message,
  text: ctx.text,
  language: ctx.t.language,
  c: ctx.c,
  menuPick: ctx.menuPick,
});

/** A form of this feature, seen through the kernel's flow seam. */
function flow(intent: 'complaint.file' | 'complaint.status'): FlowHandler {
  return (ctx) => {
    const turn = continueFlow(flowCtx(ctx));
    if (!turn) return { kind: 'release', before: [], session: { flow: undefined } };
    if (turn.kind !== 'handled') return turn;
    return { kind: 'handled', intent, result: turn.result, ...(ctx.session.language ? { language: ctx.session.language } : {}) };
  };
}

/** The pure half: intents, forms, commands. */
export const complaintsDialogue = {
  intents: {
    'complaint.file': (ctx) => startComplaint(startCtx(ctx)),
    'complaint.status': (ctx) => startStatus(startCtx(ctx)),
  },
  flows: { [COMPLAINT_FLOW]: flow('complaint.file'), [STATUS_FLOW]: flow('complaint.status') },
  commands: { pengaduan: 'complaint.file', aduan: 'complaint.file', tiket: 'complaint.status' },
  startPayloads: { aduan: 'complaint.file', pengaduan: 'complaint.file', tiket: 'complaint.status' },
  preempt: (text: string) => (isBareTicket(text) ? 'complaint.status' : undefined),
} satisfies FeatureDialogue;


/** The running complaint desk. */
export interface ComplaintsRuntime extends FeatureRuntime {
  readonly service: ComplaintService;
}

/** Build the complaint desk's runtime once. */
export function createComplaints(ports: FeaturePorts, settings: ComplaintSettings): ComplaintsRuntime {
  const service = new ComplaintService({ ...ports, config: settings, notifier: ports.outbox });
  let stopSweep: (() => void) | undefined;
  let stopNotices: (() => void) | undefined;
  return {
    service,
    operations: complaintOperations(service, settings.COMPLAINT_RETENTION_DAYS),
    effects: {
      ...effectRunner<ComplaintCreateEffect>('complaint.create', (effect, ctx) =>
        runComplaintEffect(effect, { service, office: ports.office, log: ports.log, ...ctx }),
      ),
      ...effectRunner<ComplaintLookupEffect>('complaint.lookup', (effect, ctx) =>
        runComplaintEffect(effect, { service, office: ports.office, log: ports.log, ...ctx }),
      ),
    },
    async start() {
      stopSweep = startComplaintSweep(service, ports.log);
      stopNotices = startNoticeLoop(service, ports.log, undefined, ports.now);
    },
    async stop() {
      stopSweep?.();
      stopNotices?.();
    },
    idle: () => service.idle(),
  };
}
