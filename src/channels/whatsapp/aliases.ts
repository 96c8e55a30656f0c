/**
 * One person, two ids: `6281…@c.us` (their phone number, from before WhatsApp's LID migration) and
 * `1234…@lid` (the privacy id their messages carry now). whatsapp-web.js can tell the two apart for a contact
 * (`getContactLidAndPhone`); each answer is kept in `whatsapp_aliases` under both ids, so WhatsApp is asked
 * at most once per id (heavy lookups raise ban risk).
 */
import { z } from 'zod';

/** The collection of known links between a person's `@c.us` and `@lid` ids, keyed by either id. */
export const WHATSAPP_ALIASES = 'whatsapp_aliases';

/** One entry of {@link WHATSAPP_ALIASES}: both forms, `null` when WhatsApp did not know it. */
export const WhatsAppAlias = z.object({
  lid: z.string().regex(/^\d+@lid$/).nullable(),
  pn: z.string().regex(/^\d+@c\.us$/).nullable(),
  /** When WhatsApp was asked (ISO). */
  at: z.string(),
});
/** One entry of {@link WHATSAPP_ALIASES}. */
export type WhatsAppAlias = z.infer<typeof WhatsAppAlias>;

/** What `getContactLidAndPhone` resolves with: one entry per id asked, fields absent when unknown. */
const LookupAnswer = z.array(
  z.object({ lid: z.string().regex(/^\d+@lid$/).optional().catch(undefined), pn: z.string().regex(/^\d+@c\.us$/).optional().catch(undefined) }).catch({}),
);

/**
 * The links in an answer of `getContactLidAndPhone(ids)`, by the id asked. An id answers for itself when
 * WhatsApp left its own form out; an answer that is not a list gives nothing.
 */
export function parseLookup(ids: readonly string[], raw: unknown, at: string): Map<string, WhatsAppAlias> {
  const out = new Map<string, WhatsAppAlias>();
  const parsed = LookupAnswer.safeParse(raw);
  if (!parsed.success) return out;
  ids.forEach((id, i) => {
    const answer = parsed.data[i] ?? {};
    const isLid = id.endsWith('@lid');
    out.set(id, {
      lid: answer.lid ?? (isLid ? id : null),
      pn: answer.pn ?? (isLid ? null : id),
      at,
    });
  });
  return out;
}

/** The other form of `id` in a link, when WhatsApp knew it. */
export function otherId(id: string, link: WhatsAppAlias | undefined): string | undefined {
  if (!link) return undefined;
  const other = id.endsWith('@lid') ? link.pn : link.lid;
  return other && other !== id ? other : undefined;
}
