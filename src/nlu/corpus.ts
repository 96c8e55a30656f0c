/**
 * Corpus files (`intents/<lang>.json`, NLP.js corpus shape) and their validation.
 * A bad file fails start-up with a message naming the file and the JSON path at fault.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { INTENTS, type IntentName, type Language } from './types.js';

const LANGUAGES = ['id', 'en'] as const satisfies readonly Language[];

/** Schema of one corpus file. `answers` is accepted but unused: replies live in `locales/`. */
export const corpusSchema = z.object({
  name: z.string().min(1),
  locale: z.enum(LANGUAGES),
  data: z
    .array(
      z.object({
        intent: z.enum(INTENTS, { error: (iss) => `unknown intent ${JSON.stringify(iss.input)}` }),
        utterances: z.array(z.string().trim().min(1, 'empty utterance')).min(1, 'an intent needs at least one utterance'),
        answers: z.array(z.unknown()).optional(),
      }),
    )
    .min(1, 'a corpus needs at least one intent'),
});

/** A validated corpus. */
export type Corpus = z.infer<typeof corpusSchema>;

/** One training example, flattened from a corpus. */
export interface Example {
  utterance: string;
  intent: IntentName;
  language: Language;
}

/** Thrown when a corpus file does not match the schema; the message names file and path. */
export class CorpusError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(`invalid corpus ${file}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'CorpusError';
  }
}

/**
 * Validate already-parsed corpus JSON.
 * @param json parsed file content
 * @param file name used in error messages
 * @throws CorpusError
 */
export function parseCorpus(json: unknown, file: string): Corpus {
  const result = corpusSchema.safeParse(json);
  if (!result.success) {
    throw new CorpusError(
      file,
      result.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, ''),
        message: i.message,
      })),
    );
  }
  return result.data;
}

/**
 * Read and validate one corpus file.
 * @throws CorpusError on invalid JSON or schema violations
 */
export function loadCorpusFile(file: string): Corpus {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CorpusError(file, [{ path: '', message: `not readable JSON (${(err as Error).message})` }]);
  }
  return parseCorpus(json, file);
}

/**
 * Load every `*.json` corpus in a directory (e.g. `intents/`), sorted by file name so the
 * training order (and so the model and its cache key) is deterministic.
 */
export function loadCorpora(dir: string): Corpus[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => loadCorpusFile(join(dir, f)));
}

/** Flatten corpora into examples. */
export function toExamples(corpora: readonly Corpus[]): Example[] {
  const out: Example[] = [];
  for (const c of corpora)
    for (const d of c.data) for (const u of d.utterances) out.push({ utterance: u, intent: d.intent, language: c.locale });
  return out;
}
