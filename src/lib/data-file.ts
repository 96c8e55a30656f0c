/**
 * Every data file the bot reads at start (office facts, locales, corpora, complaint categories) goes through
 * `readDataFile`: JSON parsed, then checked by its zod schema, with one error shape that names the file and
 * the path of every bad field (`closure.closedServices.2: unknown service "osss"`).
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { DataFileError } from './errors.js';

/** Turn zod issues into `path.to.field: message` lines, the form every data-file error uses. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}

/** Check already-parsed data against `schema`. @throws DataFileError naming `file` and every bad field. */
export function checkData<S extends z.ZodType>(file: string, raw: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new DataFileError(file, describeIssues(parsed.error));
  return parsed.data;
}

/**
 * Read a JSON data file and validate it.
 * @throws DataFileError with the file and the path of every bad field (or the JSON syntax error).
 */
export function readDataFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DataFileError(file, [err instanceof Error ? err.message : String(err)]);
  }
  return checkData(file, raw, schema);
}
