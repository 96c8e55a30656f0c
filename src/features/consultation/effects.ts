/**
 * The runtime side of the consultation effects, run before the turn's replies are sent: nothing is said to
 * be passed on before it is stored.
 */
import { callCenter } from '../../kernel/office-text.js';
import type { EffectCtx, EffectOutcome } from '../../kernel/effects.js';
import type { OfficeData } from '../../kernel/office.js';
import { channelOf } from '../../kernel/user-key.js';
import type { Logger } from '../../lib/log.js';
import { createHash } from 'node:crypto';
import * as render from './render.js';
import { ConsultationClosed, ConsultationNotFound, type Answered, type ConsultationDraft, type ConsultationService } from './service.js';

/** Every effect of this feature. */
export type ConsultationEffect =
  | { readonly kind: 'consultation.create'; readonly draft: ConsultationDraft }
  | { readonly kind: 'consultation.lookup'; readonly number: string }
  | { readonly kind: 'consultation.followup'; readonly number: string; readonly text: string }
  | { readonly kind: 'consultation.leave'; readonly number: string }
  | { readonly kind: 'consultation.idle'; readonly number: string }
  | { readonly kind: 'consultation.rate'; readonly number: string; readonly score: number; readonly remark: string | null }
  | { readonly kind: 'consultation.skip_rating'; readonly number: string }
  | { readonly kind: 'consultation.reply'; readonly ref: string; readonly text: string; readonly staffMessageRef: string | null };

/** The kinds, for the registry. */
export const EFFECT_KINDS: readonly ConsultationEffect['kind'][] = [
  'consultation.create',
  'consultation.lookup',
  'consultation.followup',
  'consultation.leave',
  'consultation.idle',
  'consultation.rate',
  'consultation.skip_rating',
  'consultation.reply',
];

/** What running an effect needs besides the effect runner's context. */
export interface ConsultationEffectDeps {
  service: ConsultationService;
  office: OfficeData;
  log: Logger;
}

/** The delivery key of an answer given with `/jawab` (no platform message id reaches an operation). */
export function commandDeliveryKey(number: string, staffKey: string, text: string): string {
  return `cmd:${number}:${createHash('sha256').update(`${staffKey}\n${text}`).digest('base64url').slice(0, 22)}`;
}

/** What a staff member is told about their answer. */
export function answeredReply(service: ConsultationService, out: Answered): EffectOutcome['replies'] {
  const { t } = service.renderer('id');
  switch (out.kind) {
    case 'delivered':
      return [t.reply('consultation.staff.sent', { number: out.consultation.number })];
    case 'undelivered':
      return [t.reply('consultation.staff.unsent', { number: out.consultation.number })];
    case 'duplicate':
      return [t.reply('consultation.staff.duplicate', { number: out.number })];
    case 'claimed':
      return [t.reply('consultation.staff.claimed', { number: out.number, by: out.by })];
    case 'unlinked':
      return [t.reply('consultation.staff.unlinked')];
  }
}

/** Run one consultation effect. @throws StoreError (the turn then says the store is down, and writes nothing) */
export async function runConsultationEffect(effect: ConsultationEffect, ctx: EffectCtx, deps: ConsultationEffectDeps): Promise<EffectOutcome> {
  const { service } = deps;
  const r = service.renderer(ctx.language);
  switch (effect.kind) {
    case 'consultation.create': {
      const rd = service.renderer(effect.draft.language);
      try {
        const { consultation } = await service.create(effect.draft, ctx.userKey, ctx.now);
        return { replies: render.created(rd, consultation, ctx.now), session: { flow: undefined, consultation: consultation.number } };
      } catch (err) {
        deps.log.error({ err }, 'consultation not stored; the citizen was told and can retry');
        return { replies: [rd.t.reply('consultation.create.failed', { callcenter: callCenter(rd.t, deps.office) })], session: {} };
      }
    }
    case 'consultation.lookup': {
      const found = await service.lookup(effect.number, ctx.userKey);
      if (found.kind === 'missing') return { replies: [r.t.reply('consultation.lookup.missing', { number: effect.number })] };
      const rc = service.renderer(found.kind === 'owner' ? found.consultation.language : ctx.language);
      return { replies: found.kind === 'owner' ? render.ownerStatus(rc, found.consultation) : render.otherStatus(rc, found.consultation) };
    }
    case 'consultation.followup': {
      const ack = await service.followup(effect.number, effect.text, ctx.now);
      return { replies: ack ? [r.t.reply('consultation.followup.ack', { number: effect.number })] : [] };
    }
    case 'consultation.leave':
      await service.leave(effect.number, ctx.now);
      return {};
    case 'consultation.idle':
      try {
        await service.close(effect.number, 'system:idle', ctx.now, false);
      } catch (err) {
        if (!(err instanceof ConsultationClosed)) throw err;
      }
      return { replies: [r.t.reply('consultation.rate.ask')] };
    case 'consultation.rate':
      await service.rate(effect.number, effect.score, effect.remark, ctx.now);
      return { replies: [r.t.reply('consultation.rate.thanks', { score: effect.score })] };
    case 'consultation.skip_rating':
      await service.skipRating(effect.number, ctx.now);
      return {};
    case 'consultation.reply': {
      const number = await service.linked(ctx.userKey, effect.ref);
      if (!number) return { replies: answeredReply(service, { kind: 'unlinked' }) };
      // Keyed by the staff member's own message: a redelivered update finds its delivery and sends nothing.
      const key = effect.staffMessageRef ? `msg:${channelOf(ctx.userKey) ?? '?'}|${effect.staffMessageRef}` : commandDeliveryKey(number, ctx.userKey, effect.text);
      try {
        return { replies: answeredReply(service, await service.answer(number, effect.text, ctx.userKey, key, ctx.now)) };
      } catch (err) {
        if (err instanceof ConsultationClosed) return { replies: [service.renderer('id').t.reply('consultation.staff.closed', { number })] };
        if (err instanceof ConsultationNotFound) return { replies: [service.renderer('id').t.reply('consultation.staff.missing', { number })] };
        throw err;
      }
    }
  }
}
