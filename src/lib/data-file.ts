import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { DataFileError } from './errors.js';
import { OfficeData } from '../kernel/office.js';

/** Turn zod issues into `path.to.field: message` lines, the form every data-file error uses. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}

/**
 * Read and validate an office data file.
 * @throws DataFileError with the file and the path of every bad field.
 */
export function loadOffice(file: string): OfficeData {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DataFileError(file, [err instanceof Error ? err.message : String(err)]);
  }
  const parsed = OfficeData.safeParse(raw);
  if (!parsed.success) throw new DataFileError(file, describeIssues(parsed.error));
  return parsed.data;
}
