/**
 * The filing form's state (`session.flow.data`) and how the form reads it back each turn. A state this module
 * wrote into the session in an earlier turn, still held by the session as that same object (the embedded
 * stores' read cache hands back the session as it was written), is valid by construction — every field was
 * set from a checked answer or a typed value — so it is copied, not parsed with zod again. Anything else (a
 * session read from the store's text: after a restart, on Redis, or written by another version) is parsed
 * and validated, and one that fails is dropped by the form.
 */
import { z } from 'zod';
import { AttachmentRecord, MAX_ATTACHMENTS } from './schema.js';

/** Steps of the filing form, in order. */
export const STEPS = ['description', 'permit', 'name', 'contact', 'confirm'] as const;
/** One step of the filing form. */
export type StepName = (typeof STEPS)[number];

/** The form's state in `session.flow.data`, validated whenever it comes from anywhere but this module. */
export const ComplaintFlowData = z.object({
  draftId: z.string().min(8),
  step: z.enum(STEPS),
  description: z.string().nullable(),
  permitNumber: z.string().nullable(),
  name: z.string().nullable(),
  contact: z.string().nullable(),
  /** The contact came from the platform (WhatsApp number), not typed. */
  contactFromPlatform: z.boolean(),
  attachments: z.array(AttachmentRecord).max(MAX_ATTACHMENTS),
  language: z.enum(['id', 'en']),
});
/** The form's state. */
export type ComplaintFlowData = z.infer<typeof ComplaintFlowData>;

/** The states `written()` handed out, by identity: a state parsed from stored text is never one of them. */
const ours = new WeakSet<object>();

/** `data` to store in the session: a copy, remembered as one of ours. */
export function written(data: ComplaintFlowData): ComplaintFlowData {
  const copy = { ...data };
  ours.add(copy);
  return copy;
}

/**
 * The state to work on this turn, a copy the form may change: for a state of ours exactly what
 * `ComplaintFlowData.safeParse` gives for it (the same values, the keys in the schema's order, a new
 * attachments array), else that parse's result.
 */
export function readState(raw: unknown): { success: true; data: ComplaintFlowData } | { success: false } {
  if (typeof raw !== 'object' || raw === null || !ours.has(raw)) return ComplaintFlowData.safeParse(raw);
  const d = raw as ComplaintFlowData;
  return {
    success: true,
    data: {
      draftId: d.draftId,
      step: d.step,
      description: d.description,
      permitNumber: d.permitNumber,
      name: d.name,
      contact: d.contact,
      contactFromPlatform: d.contactFromPlatform,
      attachments: [...d.attachments],
      language: d.language,
    },
  };
}
