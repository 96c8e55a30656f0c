/**
 * The text keyv stores for a record, produced faster. keyv's default serialiser (`@keyv/serialize`) builds the
 * JSON by string concatenation, value by value, to escape strings that start with ":" (written "::…") and to
 * write Buffers as ":base64:…"; for a session that costs about twice a `JSON.stringify` of it. Records here are
 * plain JSON data, and for plain JSON data without such a string both give the same text. So this checks that
 * (a walk that builds nothing) and then uses `JSON.stringify`; anything else — a string starting with ":", a
 * Buffer, a Date or other object with `toJSON`, a class instance, a sparse array, a function in an array, a
 * symbol or bigint — goes to keyv's own serialiser. The stored text is byte for byte what keyv writes by
 * default, so data folders and Redis keys written before, or by `@keyv/sqlite`, read the same.
 */
import { Keyv, type Serialize } from 'keyv';

/** keyv's default serialiser (the one every Keyv uses unless given another). */
const keyvSerialize: Serialize = new Keyv().serialize ?? ((data) => JSON.stringify(data));

const COLON = 0x3a;

/** True when `JSON.stringify(value)` is exactly what keyv's default serialiser writes for it. */
function isPlainJson(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return value.charCodeAt(0) !== COLON;
    case 'number':
    case 'boolean':
    case 'undefined':
      return true;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        const items: unknown[] = value;
        for (let i = 0; i < items.length; i++) {
          // A hole, or a function (keyv skips it, JSON writes null), is not plain.
          if (!(i in items) || typeof items[i] === 'function' || !isPlainJson(items[i])) return false;
        }
        // Extra enumerable properties on an array are written by keyv as elements.
        return Object.keys(items).length === items.length;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false; // Buffer, Date, Map, class instances
      const record = value as Record<string, unknown>;
      if ('toJSON' in record) return false;
      for (const key in record) {
        const v = record[key];
        // Functions as properties are skipped by both.
        if (typeof v !== 'function' && !isPlainJson(v)) return false;
      }
      return true;
    }
    default:
      return false; // symbol, bigint, function
  }
}

/** keyv's `serialize` option: the same text as keyv's default serialiser. */
export const serializeRecord: Serialize = (data) => {
  if (data === undefined || data === null) return 'null';
  return isPlainJson(data) ? JSON.stringify(data) : keyvSerialize(data);
};
