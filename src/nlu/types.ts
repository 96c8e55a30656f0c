/**
 * The contract between the dialogue engine and Indonesian intent matching.
 * The engine only ever sees these types; how matching works lives in `src/nlu/`.
 */

import type { Entities } from './entities.js';

export type { Entities } from './entities.js';

/** Every intent the product knows. Names are fixed: other parts of the product and its evaluation use them. */
export const INTENTS = [
  'greeting',
  'thanks',
  'goodbye',
  'help',
  'closure.status',
  'closure.duration',
  'closure.reason',
  'service.online',
  'form.request',
  'oss.registration',
  'field_verification',
  'contact.info',
  'office.hours',
  'complaint.file',
  'complaint.status',
  'consultation',
  'subscribe',
  'unsubscribe',
  /** A bare acknowledgement: "ok", "sip", "siap", "noted", 👍, 🙏. */
  'ack',
  /** How many staff come in, whether anyone is at the office. */
  'office.staffing',
  /** Collecting a finished permit. */
  'permit.pickup',
  /** Another agency's business: KTP/KK/akta (Disdukcapil), SIM (Polres), BPJS, taxes (Bapenda/Samsat), passports. */
  'referral',
  /** An online application with no answer or progress. */
  'application.stalled',
  'None',
] as const;

/** One intent name. */
export type IntentName = (typeof INTENTS)[number];

/** Languages the bot answers in; Indonesian is the default. */
export type Language = 'id' | 'en';

/** What classification says about one utterance. */
export interface Classification {
  /** The winning intent, or `None` when the best score is under the threshold. */
  intent: IntentName;
  /** Confidence of the winning intent, 0..1 (the raw score even when the intent fell back to `None`). */
  score: number;
  /** The language the citizen wrote in, used to pick the reply locale. */
  language: Language;
  /** The normalised text that was classified (useful for slot extraction and logs). */
  normalised: string;
  /**
   * The permits (form names) and services (ids) of the office catalogue the message names, with typos and old
   * names ("formulir imb" → the PBG form). Empty when the classifier was built without a catalogue.
   */
  entities: Entities;
  /**
   * Set when the message is out of scope only because it asks about another regency's office ("izin PBG di
   * Badung gmn caranya"): what it would ask of this office (`None` when nothing), so "kalo di Tabanan?" next can
   * be answered.
   */
  elsewhere?: { intent: IntentName; entities: Entities };
  /**
   * Set on a `None` that names another business's word and none of the office's ("btw tau cara daftar ojol gak",
   * "siapa presiden amerika skrg?"): a question of its own, never a follow-up of the last answer.
   */
  otherBusiness?: true;
}

/** Anything that turns raw text into a classification, synchronously and without I/O. */
export interface Classifier {
  classify(text: string): Classification;
}
