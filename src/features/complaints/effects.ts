/**
 * The runtime side of the complaint effects: store a filed complaint and give its ticket, or look a ticket
 * up. Called by the bot before the turn's replies are sent.
 */
import { callCenter } from '../../kernel/office-text.js';
import type { Reply } from '../../kernel/message.js';
import type { Session } from '../../kernel/session.js';
import type { OfficeData } from '../../kernel/office.js';
import type { Logger } from '../../lib/log.js';
import type { Language } from '../../nlu/types.js';
import * as render from './render.js';
import { ComplaintDraft } from './schema.js';

/** Store a complaint (idempotent by `draft.draftId`); the runtime gives the ticket number once it is stored. */
export interface ComplaintCreateEffect {
  readonly kind: 'complaint.create';
  readonly draft: ComplaintDraft;
}

/** Look a ticket up; the owner sees the details, anyone else only that it exists and its status. */
export interface ComplaintLookupEffect {
  readonly kind: 'complaint.lookup';
  readonly ticket: string;
}
import type { ComplaintService } from './service.js';

/** What running a complaint effect needs. */
export interface ComplaintEffectCtx {
  service: ComplaintService;
  office: OfficeData;
  log: Logger;
  userKey: string;
  language: Language;
  now: Date;
}

/** Replies of the effect, and the session change it implies (the form is cleared once the complaint is stored). */
export interface ComplaintEffectOutcome {
  replies: Reply[];
  session?: Partial<Session>;
}

/**
 * Run one complaint effect.
 * A store failure while saving is told to the citizen as it is (not saved, try "ya" again, or the call
 * center) and the form stays at the confirmation, so the retry stores the same draft once.
 * @throws StoreError from a lookup (the bot then answers with its store-down reply)
 */
export async function runComplaintEffect(
  effect: ComplaintCreateEffect | ComplaintLookupEffect,
  ctx: ComplaintEffectCtx,
): Promise<ComplaintEffectOutcome> {
  if (effect.kind === 'complaint.lookup') {
    const r = ctx.service.renderer(ctx.language);
    const found = await ctx.service.lookup(effect.ticket, ctx.userKey);
    if (found.kind === 'missing') return { replies: [r.t.reply('complaint.lookup.missing', { ticket: effect.ticket })] };
    return { replies: found.kind === 'owner' ? render.ownerStatus(r, found.complaint) : render.otherStatus(r, found.complaint) };
  }
  const draft = ComplaintDraft.parse(effect.draft);
  const r = ctx.service.renderer(draft.language);
  try {
    const { complaint, fresh } = await ctx.service.create(draft, ctx.userKey, ctx.now);
    return { replies: render.created(r, complaint, fresh), session: { flow: undefined } };
  } catch (err) {
    ctx.log.error({ err }, 'complaint not stored; the citizen was told and can retry');
    return { replies: [r.t.reply('complaint.create.failed', { callcenter: callCenter(r.t, ctx.office) })] };
  }
}
