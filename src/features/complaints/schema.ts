/**
 * The complaint record as stored (collection `complaints`, keyed by ticket) and the draft the dialogue hands
 * to the runtime. Channel-agnostic: the owner is a namespaced user key, attachments are platform file ids.
 * Every read goes through these schemas (a stored record is a boundary like any other).
 */
import { z } from 'zod';

/** Ticket numbers: `ADU-` and 6 characters of Crockford base32 (no I, L, O, U). */
export const TICKET_PATTERN = /^ADU-[0-9A-HJKMNP-TV-Z]{6}$/;
export const Ticket = z.string().regex(TICKET_PATTERN, 'expected a ticket like ADU-7K3M9Q');

/** Statuses, as in SP4N-LAPOR!: new, verified, in progress, done, rejected (a reason is required). */
export const STATUSES = ['baru', 'diverifikasi', 'diproses', 'selesai', 'ditolak'] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

/** Statuses after which nothing is expected of the office any more. */
export const CLOSED: ReadonlySet<Status> = new Set<Status>(['selesai', 'ditolak']);

/** Categories suggested from the text (keywords in `categories.json`) and corrected by staff. */
export const CATEGORIES = ['lambat', 'perilaku', 'pungli', 'sistem', 'informasi', 'lainnya'] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

/** Longest complaint description, the same in the form, the stored draft and the record. */
export const MAX_DESCRIPTION = 3000;
/** Longest permit or application number (form and record). */
export const MAX_PERMIT_NUMBER = 60;
/** Longest name (form and record). */
export const MAX_NAME = 100;
/** Longest contact, a phone number or an email (form and record). */
export const MAX_CONTACT = 100;
/** Longest note of a status change or internal staff note (staff operations and the stored history). */
export const MAX_NOTE = 1000;

/** Attachments kept per complaint (the form stops keeping more). */
export const MAX_ATTACHMENTS = 20;
/** Longest file name and MIME type kept of an attachment (longer ones are cut on whole characters). */
export const MAX_FILE_NAME = 300;
export const MAX_MIME_TYPE = 200;

/** A file the citizen sent during the form, kept by its platform file id (never downloaded here). */
export const AttachmentRecord = z.object({
  kind: z.string().min(1).max(20),
  fileId: z.string().max(500).optional(),
  mimeType: z.string().max(MAX_MIME_TYPE).optional(),
  fileName: z.string().max(MAX_FILE_NAME).optional(),
});
export type AttachmentRecord = z.infer<typeof AttachmentRecord>;

/** What the citizen filled in; validated again by the runtime before it is stored. */
export const ComplaintDraft = z.object({
  /** Generated when the form starts; the create effect is keyed by it, so "ya" twice stores one complaint. */
  draftId: z.string().min(8).max(64),
  description: z.string().min(10).max(MAX_DESCRIPTION),
  permitNumber: z.string().max(MAX_PERMIT_NUMBER).nullable(),
  name: z.string().max(MAX_NAME).nullable(),
  contact: z.string().max(MAX_CONTACT).nullable(),
  category: Category,
  attachments: z.array(AttachmentRecord).max(MAX_ATTACHMENTS),
  language: z.enum(['id', 'en']),
});
export type ComplaintDraft = z.infer<typeof ComplaintDraft>;

/** One change in a complaint's life: who, when, what, and whether the citizen was told. */
export const HistoryEntry = z.object({
  at: z.string(),
  /** A staff user key (`telegram:123`), `cli:<name>`, `citizen` or `system`. */
  by: z.string(),
  action: z.enum(['created', 'status', 'category', 'note', 'forgotten']),
  status: Status.optional(),
  category: Category.optional(),
  /**
   * A status change's public note (told to the citizen with it), or an internal staff note (`action: note`,
   * never sent to the citizen); cleared when personal data is forgotten.
   */
  note: z.string().max(MAX_NOTE).nullable().optional(),
  /** false when telling the citizen failed (retried by the periodic check); absent when nothing is to be told. */
  notified: z.boolean().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Which deadline an overdue flag was raised for (staff are told once per complaint and deadline). */
export const Deadline = z.enum(['verify', 'followup']);
export type Deadline = z.infer<typeof Deadline>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A stored complaint. Personal fields are null once forgotten (UU PDP request) — the anonymised record stays. */
export const Complaint = z.object({
  ticket: Ticket,
  draftId: z.string(),
  /** Where to tell the citizen about changes (`telegram:123`, `whatsapp:…`); null once forgotten. */
  ownerKey: z.string().nullable(),
  language: z.enum(['id', 'en']),
  description: z.string().nullable(),
  permitNumber: z.string().nullable(),
  name: z.string().nullable(),
  contact: z.string().nullable(),
  category: Category,
  /** The category the keywords suggested (kept to measure the suggestion against staff corrections). */
  suggestedCategory: Category,
  attachments: z.array(AttachmentRecord),
  status: Status,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Last working day (office time zone) for verification, then for follow-up. */
  verifyBy: IsoDate,
  followUpBy: IsoDate,
  history: z.array(HistoryEntry),
  overdueNotified: z.array(Deadline),
  anonymisedAt: z.string().optional(),
});
export type Complaint = z.infer<typeof Complaint>;
