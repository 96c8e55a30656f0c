/**
 * Building blocks of environment schemas (the process's and each channel module's): booleans that accept
 * `true/1/yes`, bounded integers, comma-separated id lists, and optional strings where `VAR=` means unset.
 */
import { z } from 'zod';

/** `true`, `1`, `yes` (or the fallback when unset). */
export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A whole number in [min, max], `fallback` when unset. */
export const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** Comma-separated platform user ids. */
export const idList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x.length > 0),
  );

/** An optional string; blank means unset. */
export const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
