/**
 * Staff commands: typed, zod-validated, and only for the allow-list (checked by platform user id in the
 * runtime, never by display name). They work the same on every channel and mirror the CLI.
 * Each command is a slash command `/name args`; parsing turns the args into a `StaffCommand` or a usage error.
 */
import { z } from 'zod';
import { ANNOUNCE_ARG_PARSERS, ANNOUNCE_COMMANDS } from '../features/announcements/operations.js';
import { COMPLAINT_ARG_PARSERS, COMPLAINT_COMMANDS } from '../features/complaints/operations.js';

/** Every staff command, after validation. Features add their variants to this union. */
export const StaffCommand = z.discriminatedUnion('name', [
  z.object({ name: z.literal('staf') }),
  ...ANNOUNCE_COMMANDS,
  ...COMPLAINT_COMMANDS,
]);
export type StaffCommand = z.infer<typeof StaffCommand>;

/** How each staff command's free-text arguments become fields; the result is validated by `StaffCommand`. */
type ArgParser = (args: string) => Record<string, unknown>;

/** The staff command table: name → argument parser. Help lines are in the locale under `staff.help.<name>`. */
export const STAFF_COMMANDS: Readonly<Record<string, ArgParser>> = {
  staf: () => ({}),
  ...ANNOUNCE_ARG_PARSERS,
  ...COMPLAINT_ARG_PARSERS,
};

/** Outcome of parsing a staff command. */
export type StaffParse = { ok: true; command: StaffCommand } | { ok: false; name: string; problem: string };

/** Parse `/name args` when `name` is a staff command; undefined for any other command. */
export function parseStaffCommand(name: string, args: string): StaffParse | undefined {
  const parseArgs = STAFF_COMMANDS[name];
  if (!parseArgs) return undefined;
  const parsed = StaffCommand.safeParse({ name, ...parseArgs(args) });
  if (parsed.success) return { ok: true, command: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, name, problem: issue ? `${issue.path.join('.') || name}: ${issue.message}` : 'invalid' };
}
