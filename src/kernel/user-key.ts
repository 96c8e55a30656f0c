/**
 * A person is known by a namespaced key: `<channel>:<platform id>` (`telegram:123`, `whatsapp:6281…@c.us`,
 * `console:local`). The channel part routes replies; the id part is whatever the platform gives. This is the
 * one parser of that shape: nothing else slices at the colon.
 */

/** A user key such as `telegram:123`. */
export type UserKey = `${string}:${string}`;

/** The two halves of a user key. */
export interface ParsedUserKey {
  /** The channel module's name (`telegram`). */
  channel: string;
  /** The platform's id of the person (`123`, `6281234567890@c.us`). */
  id: string;
}

const SHAPE = /^([a-z][a-z0-9_-]{0,31}):(.+)$/s;

/** Split a key; undefined when it is not `<channel>:<id>`. */
export function parseUserKey(key: string): ParsedUserKey | undefined {
  const m = SHAPE.exec(key);
  return m ? { channel: m[1] ?? '', id: m[2] ?? '' } : undefined;
}

/** The key of `id` on `channel`. */
export function userKey(channel: string, id: string): UserKey {
  return `${channel}:${id}`;
}

/** The channel part of a key (`telegram` of `telegram:123`), or undefined for a malformed key. */
export function channelOf(key: string): string | undefined {
  return parseUserKey(key)?.channel;
}

/** Whether `key` is a well-formed user key. */
export function isUserKey(key: string): key is UserKey {
  return SHAPE.test(key);
}
