/**
 * The channels announcements can go out on, as the registry gives them (only channels that can push). Nothing
 * here names a platform: the staff grammar (`ke <channel>`), audience counts, previews, reports and delivery
 * lanes all loop over this list.
 */
import type { DeliveryProfile } from '../../kernel/channel.js';
import type { SendBudget } from '../../lib/pacing.js';

/** A channel that can message people first, as the announcements feature sees it. */
export interface PushChannel {
  /** The channel module's name: the user-key namespace (lower case). */
  readonly name: string;
  /** How staff call it in replies. */
  readonly label: string;
  /** How fast announcements may go out on it. */
  readonly delivery: DeliveryProfile;
  /**
   * The channel's sending budget in this process, shared with the replies to people who wrote (they go
   * first): when given, it paces the overall rate and the per-chat gap instead of the lane's own pacers.
   */
  readonly budget?: SendBudget;
}

/** Words that mean every channel. */
const ALL_WORDS = new Set(['semua', 'all', '*']);

/** Whether `word` means every channel (`semua`, `all`). */
export function isAllWord(word: string): boolean {
  return ALL_WORDS.has(word.trim().toLowerCase());
}

/** The channel `word` names (its name or its label, any case), or undefined. */
export function findChannel(channels: readonly PushChannel[], word: string): PushChannel | undefined {
  const w = word.trim().toLowerCase();
  return channels.find((c) => c.name === w || c.label.toLowerCase() === w);
}

/** The label of channel `name` (its name when it is not registered any more). */
export function labelOf(channels: readonly PushChannel[], name: string): string {
  return channels.find((c) => c.name === name)?.label ?? name;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A leading `ke <channel>` / `to <channel>` in staff text: any registered name or label (case-insensitive, a
 * label may have several words), or `semua` / `all`. A word that is not a channel is left to the text.
 * @returns the channel names it picks and the rest of the text, or undefined when the text does not start so.
 */
export function takeChannelPrefix(channels: readonly PushChannel[], text: string): { channels: string[]; rest: string } | undefined {
  const words = [...ALL_WORDS, ...channels.flatMap((c) => [c.name, c.label])]
    .filter((w) => w.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((w) => escape(w).replace(/\s+/g, '\\s+'));
  const m = new RegExp(`^(?:ke|to)\\s+(${words.join('|')})(?=\\s|$)\\s*`, 'i').exec(text);
  if (!m) return undefined;
  const word = (m[1] ?? '').replace(/\s+/g, ' ');
  const picked = isAllWord(word) ? channels.map((c) => c.name) : [findChannel(channels, word)?.name ?? word.toLowerCase()];
  return { channels: picked, rest: text.slice(m[0].length) };
}

/**
 * A CLI `--channel` value: `all` (or `semua`) → every channel; a name or label → that one; anything else is
 * kept as typed so the operation's schema names the problem.
 */
export function channelOption(channels: readonly PushChannel[], value: string): string[] {
  if (isAllWord(value)) return channels.map((c) => c.name);
  return value
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean)
    .map((w) => findChannel(channels, w)?.name ?? w);
}
