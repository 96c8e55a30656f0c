/**
 * The text keyv stores for a record, produced faster. keyv's default serialiser (`@keyv/serialize`) builds the
 * JSON by string concatenation, value by value, to escape strings that start with ":" (written "::…") and to
 * write Buffers as ":base64:…"; for a session that costs twice a `JSON.stringify` of it. Records here are JSON
 * data (their zod schemas hold no functions, symbols, Buffers or dates), and for JSON data both give the same
 * text unless a string starts with ":". So this writes `JSON.stringify`'s text and looks at it: where a string
 * may start with ":" (a quote after `[`, `,` or `:` followed by ":" — inside a string a quote is always
 * escaped, so none is missed) or a Buffer was written, keyv's own serialiser writes the record instead. The
 * stored text is byte for byte what keyv writes by default, so data folders and Redis keys written before,
 * or by `@keyv/sqlite`, read the same.
 */
import { Keyv, type Deserialize, type Serialize } from 'keyv';

const keyvDefaults = new Keyv();
/** keyv's default serialiser and deserialiser (the ones every Keyv uses unless given others). */
const keyvSerialize: Serialize = keyvDefaults.serialize ?? ((data) => JSON.stringify(data));
const keyvDeserialize: Deserialize = keyvDefaults.deserialize ?? ((text) => JSON.parse(text) as never);

/** A string value (or an array element, or a key) starting with ":" in JSON text. */
const COLON_STRING = /[[,:]":/;
/**
 * How JSON.stringify writes a Buffer (`"type":"Buffer","data":[`, which keyv writes ":base64:…"), looked for
 * without its leading `"type":"`: a search starts from the pattern's first character, and a quote is in every
 * few characters of JSON, a "B" rarely (7× faster on sessions). Every text holding the whole pattern holds this
 * part, so no Buffer is missed; a text with the part alone only goes to keyv's serialiser, which is always right.
 */
const BUFFER = 'Buffer","data":[';

/** keyv's `serialize` option: the same text as keyv's default serialiser for JSON data. */
export const serializeRecord: Serialize = (data) => {
  if (data === undefined || data === null) return 'null';
  const text = JSON.stringify(data) as string | undefined;
  if (text === undefined || typeof data === 'string' || COLON_STRING.test(text) || text.includes(BUFFER)) return keyvSerialize(data);
  return text;
};

/**
 * keyv's `deserialize` option: what keyv's default deserialiser reads. That one is `JSON.parse` with a reviver
 * called on every value to turn ":base64:…" strings back into Buffers and "::…" into ":…"; a text in which no
 * string starts with ":" (the same check as above) reads the same without it, at a fraction of the cost.
 */
export const deserializeRecord: Deserialize = (text) =>
  typeof text === 'string' && !COLON_STRING.test(text) && !text.startsWith('":') ? (JSON.parse(text) as never) : keyvDeserialize(text);
