/**
 * The shape of an office data file (`offices/*.json`). Another regency adopts the bot by writing one of these;
 * `loadOffice()` validates it at start and names the path of any bad field.
 */
import { z } from 'zod';
import { readDataFile } from '../lib/data-file.js';

/** A text in both reply languages. Both are required so an English-speaking citizen never gets a gap. */
export const LocalText = z.object({ id: z.string().min(1), en: z.string().min(1) }).strict();
export type LocalText = z.infer<typeof LocalText>;

const IsoDate = z.iso.date();
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

/** Ids of the services an office offers; closure status and staff commands refer to these. */
export const ServiceId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a lower-case id like field_verification');

export const Service = z
  .object({
    id: ServiceId,
    name: LocalText,
    /** Words citizens use for the service, matched after normalisation ("survei lokasi", "nib"). */
    aliases: z.array(z.string().min(1)).default([]),
    /** What the counter does when open (e.g. "di loket lantai 1"). */
    faceToFace: LocalText,
    /** How to get the same service without coming in; absent when there is no online channel. */
    online: z
      .object({
        how: LocalText,
        url: z.url().optional(),
        /** The service's name in the list of what works online, when its name says "in person" ("konsultasi"). */
        label: LocalText.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Service = z.infer<typeof Service>;

export const PermitForm = z
  .object({
    name: z.string().min(1),
    /** Words citizens use for it (abbreviations, old names), matched after normalisation. */
    aliases: z.array(z.string().min(1)).default([]),
    /** Per-permit link; when absent the office's forms page is given. */
    url: z.url().optional(),
  })
  .strict();
export type PermitForm = z.infer<typeof PermitForm>;

export const OpeningHours = z
  .object({
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1),
    open: ClockTime,
    close: ClockTime,
    break: z.object({ from: ClockTime, to: ClockTime }).strict().optional(),
  })
  .strict();

/** A day the office is closed; `source` is the id of the list (in `holidaySources`) it comes from. */
export const Holiday = z.object({ date: IsoDate, name: z.string().min(1), source: z.string().min(1).optional() }).strict();

/** Where a list of holidays comes from (the decree, the calendar rule), so staff can check and extend it. */
export const HolidaySource = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    url: z.url().optional(),
    /** Dates worked out before the decree was signed: to be checked against it. */
    provisional: z.boolean().optional(),
  })
  .strict();

/**
 * Words that find a topic in normalised text: a phrase matches as whole words; `unless` words in the same
 * message cancel it ("kartu sim" is a SIM card, not a driving licence).
 */
const TopicWords = {
  words: z.array(z.string().min(1)).min(1),
  unless: z.array(z.string().min(1)).default([]),
};

/** One OSS question beyond the overview. */
export const OssTopic = z.object({ id: z.string().min(1), ...TopicWords, answer: LocalText }).strict();
export type OssTopic = z.infer<typeof OssTopic>;

/** Another agency's business, and how to reach it. */
export const Referral = z
  .object({
    /** What the citizen asks about, as a short name ("KTP, KK dan akta"). */
    topic: LocalText,
    ...TopicWords,
    agency: LocalText,
    contact: LocalText,
  })
  .strict();
export type Referral = z.infer<typeof Referral>;

/** The closure status as seeded from the data file; staff change it later (it is state, not data). */
export const ClosureStatus = z
  .object({
    /** Service ids closed face to face. Empty means everything is open. */
    closedServices: z.array(ServiceId),
    since: IsoDate.nullable(),
    /** Reopening date, or null when not yet decided. */
    until: IsoDate.nullable(),
    /** Said when `until` is null, e.g. "evaluated after the Galungan holiday". */
    untilNote: LocalText.nullable(),
    reasons: z.array(LocalText),
    /** Share of staff on duty, in percent, when reduced. */
    staffOnDutyPercent: z.number().int().min(0).max(100).nullable(),
    updatedAt: z.iso.datetime({ offset: true }).optional(),
    updatedBy: z.string().optional(),
  })
  .strict();
export type ClosureStatus = z.infer<typeof ClosureStatus>;

export const OfficeData = z
  .object({
    name: z.string().min(1),
    shortName: z.string().min(1),
    region: z.string().min(1),
    address: z.string().min(1),
    mapsUrl: z.url().optional(),
    website: z.url(),
    formsPage: z.url(),
    email: z.email().optional(),
    callCenter: z
      .object({
        phone: z.string().regex(/^\+?[0-9 -]{5,20}$/).optional(),
        whatsapp: z.string().regex(/^\+?[0-9 -]{5,20}$/).optional(),
        /** Where the number was announced (social media, the office's Facebook page …). */
        announcedOn: z.array(z.object({ name: z.union([z.string().min(1), LocalText]), url: z.url().optional() }).strict()).min(1),
      })
      .strict(),
    timezone: z.string().min(1),
    /** The local name of the time zone, told with the hours ("WITA"); none: the hours alone. */
    timezoneLabel: z.string().min(1).max(10).optional(),
    hours: z.array(OpeningHours).min(1),
    holidaySources: z.array(HolidaySource).default([]),
    holidays: z.array(Holiday),
    services: z.array(Service).min(1),
    forms: z.array(PermitForm),
    oss: z
      .object({
        url: z.url(),
        helpText: LocalText,
        /** Questions beyond the overview (forgotten password, no email, what NIB is for), found by their words. */
        topics: z.array(OssTopic).default([]),
      })
      .strict(),
    /** Other agencies' business (KTP → Disdukcapil, SIM → Polres …): who handles it, found by the topic's words. */
    referrals: z.array(Referral).default([]),
    /** Places outside `region` (the other regencies and cities) whose offices citizens confuse with this one. */
    elsewhere: z.array(z.string().min(1)).default([]),
    closure: ClosureStatus,
  })
  .strict()
  .superRefine((office, ctx) => {
    const sources = new Set(office.holidaySources.map((s) => s.id));
    office.holidays.forEach((h, i) => {
      if (h.source !== undefined && !sources.has(h.source)) {
        ctx.addIssue({
          code: 'custom',
          path: ['holidays', i, 'source'],
          message: `unknown holiday source "${h.source}": list it in holidaySources (known: ${[...sources].join(', ') || 'none'})`,
        });
      }
    });
    const ids = new Set(office.services.map((s) => s.id));
    office.closure.closedServices.forEach((id, i) => {
      if (!ids.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['closure', 'closedServices', i],
          message: `unknown service "${id}" (known: ${[...ids].join(', ')})`,
        });
      }
    });
  });
export type OfficeData = z.infer<typeof OfficeData>;

/**
 * Read and validate an office data file.
 * @throws DataFileError with the file and the path of every bad field.
 */
export function loadOffice(file: string): OfficeData {
  return readDataFile(file, OfficeData);
}
