import type { ClosureStatus, OfficeData } from './office.js';
import type { Locales } from './locale.js';

/** Everything the engine knows for one turn. Built by the runtime; plain data, no I/O. */
export interface Knowledge {
  readonly office: OfficeData;
  /** The current closure status (state changed by staff, seeded from the office file). */
  readonly closure: ClosureStatus;
  readonly locales: Locales;
  /** The clock of this turn. */
  readonly now: Date;
  /** A session idle longer than this is reset at its next turn. */
  readonly sessionIdleMs: number;
  /** How long complaints are kept (days), told in the privacy notice of the complaint form. */
  readonly complaintRetentionDays?: number;
  /** Per-person state loaded by feature runtimes for this turn (`FeatureRuntime.turnState`), by key. */
  readonly features?: Readonly<Record<string, unknown>>;
}
