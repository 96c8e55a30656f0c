/**
 * The records last read from an embedded store's rows, by the text they were parsed and validated from: a
 * row read again with the same text is the same record, so its `JSON.parse` and zod check are not repeated.
 * The text itself is still read from the store on every `get` (another process, the CLI, may have written
 * the row: a row whose text changed is parsed and validated again), so nothing stale is ever returned.
 * The consultation state is read this way on every turn of a person who once asked for a consultation.
 */

/** A record parsed from a row: its value (validated) and its expiry as stored. */
export interface ParsedRecord<T> {
  value: T;
  expires: unknown;
}

/** At most this many records are kept per collection (the oldest kept is dropped first). */
const KEPT = 2_000;

/**
 * The last parse of each key's row. Values are frozen (deeply) when kept: they are handed to every reader of
 * that text, so a reader that changed one would change what the others read; frozen, it fails instead.
 */
export class ParsedRows<T> {
  private readonly kept = new Map<string, { text: string; record: ParsedRecord<T> }>();

  constructor(private readonly max = KEPT) {}

  /** The record last kept for `key` when it was parsed from exactly `text`. */
  hit(key: string, text: string): ParsedRecord<T> | undefined {
    const entry = this.kept.get(key);
    return entry !== undefined && entry.text === text ? entry.record : undefined;
  }

  /** Keep `record` as the parse of `text` for `key`. */
  keep(key: string, text: string, record: ParsedRecord<T>): void {
    this.kept.delete(key);
    this.kept.set(key, { text, record: { value: deepFreeze(record.value), expires: record.expires } });
    if (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value as string);
  }

  /** Forget `key` (written, deleted or gone). */
  forget(key: string): void {
    this.kept.delete(key);
  }
}

/** `value` with every object and array in it frozen (records are JSON data: no cycles). */
function deepFreeze<V>(value: V): V {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
