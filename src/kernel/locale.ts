/**
 * Reply templates live in `locales/<lang>.json` as flat `key → template` maps. A template may hold
 * `{placeholder}` values (filled from knowledge, always as plain runs so channels can escape them) and
 * `*bold*` spans (from the template only, never from values). Both files are checked at start: the same keys,
 * the same placeholders per key.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { DataFileError } from '../lib/errors.js';
import { readDataFile } from '../lib/data-file.js';
import type { Language } from '../nlu/types.js';
import type { Inline, Reply } from './message.js';

const LocaleFile = z.record(z.string().regex(/^[a-z][a-zA-Z0-9_.]*$/), z.string().min(1));

/** A template cut into literal runs and placeholders, parsed once at start. */
type Piece = { lit: string; bold: boolean } | { slot: string; bold: boolean };

/** Templates of both languages, parsed. */
export interface Locales {
  readonly id: ReadonlyMap<string, Piece[]>;
  readonly en: ReadonlyMap<string, Piece[]>;
}

/** Values for placeholders. Numbers are formatted as they are. */
export type Vars = Record<string, string | number>;

const PLACEHOLDER = /\{([a-zA-Z0-9_]+)\}/g;

function parseTemplate(template: string): Piece[] {
  const pieces: Piece[] = [];
  // Split on *…* first: odd segments are bold.
  template.split('*').forEach((segment, i) => {
    const bold = i % 2 === 1;
    let last = 0;
    for (const m of segment.matchAll(PLACEHOLDER)) {
      if (m.index > last) pieces.push({ lit: segment.slice(last, m.index), bold });
      pieces.push({ slot: m[1] ?? '', bold });
      last = m.index + m[0].length;
    }
    if (last < segment.length) pieces.push({ lit: segment.slice(last), bold });
  });
  return pieces;
}

function slots(pieces: Piece[]): string {
  return pieces
    .flatMap((p) => ('slot' in p ? [p.slot] : []))
    .sort()
    .join(',');
}

function readLocale(file: string): Map<string, Piece[]> {
  const data = readDataFile(file, LocaleFile);
  const map = new Map<string, Piece[]>();
  for (const [key, template] of Object.entries(data)) {
    if ((template.match(/\*/g)?.length ?? 0) % 2 !== 0) {
      throw new DataFileError(file, [`${key}: unbalanced * (bold markers come in pairs)`]);
    }
    map.set(key, parseTemplate(template));
  }
  return map;
}

/**
 * Load and cross-check `id.json` and `en.json` from `dir`.
 * @throws DataFileError naming the file and the key that is missing or whose placeholders differ.
 */
export function loadLocales(dir: string): Locales {
  const idFile = join(dir, 'id.json');
  const enFile = join(dir, 'en.json');
  const id = readLocale(idFile);
  const en = readLocale(enFile);
  const problems: string[] = [];
  for (const [key, pieces] of id) {
    const other = en.get(key);
    if (!other) problems.push(`${key}: missing (present in id.json)`);
    else if (slots(other) !== slots(pieces)) problems.push(`${key}: placeholders {${slots(other)}} differ from id.json {${slots(pieces)}}`);
  }
  for (const key of en.keys()) if (!id.has(key)) problems.push(`${key}: not in id.json`);
  if (problems.length > 0) throw new DataFileError(enFile, problems);
  return { id, en };
}

/** Renders templates of one language. */
export class Translator {
  constructor(
    private readonly locales: Locales,
    readonly language: Language,
  ) {}

  /**
   * The parsed templates of this translator's language: the same object for every translator of these locales
   * and language, so texts built only from templates can be remembered by it (see the menu's labels).
   */
  get templates(): object {
    return this.locales[this.language];
  }

  /** Whether a template exists (optional texts such as a per-office note). */
  has(key: string): boolean {
    return this.locales[this.language].has(key);
  }

  /**
   * The runs of template `key` with `vars` filled in.
   * @throws Error when the key or a placeholder is missing: a programming error caught by the locale tests.
   */
  parts(key: string, vars: Vars = {}): Inline[] {
    const pieces = this.locales[this.language].get(key);
    if (!pieces) throw new Error(`locale ${this.language}: no template "${key}"`);
    return pieces.map((p) => {
      if ('lit' in p) return p.bold ? { text: p.lit, bold: true } : { text: p.lit };
      const value = vars[p.slot];
      if (value === undefined) throw new Error(`locale ${this.language}: "${key}" needs {${p.slot}}`);
      return p.bold ? { text: String(value), bold: true } : { text: String(value) };
    });
  }

  /** The template as plain text (labels, list items). */
  text(key: string, vars: Vars = {}): string {
    return this.parts(key, vars)
      .map((p) => p.text)
      .join('');
  }

  /** One reply bubble of template `key`. */
  reply(key: string, vars: Vars = {}): Reply {
    return { parts: this.parts(key, vars), key };
  }
}
