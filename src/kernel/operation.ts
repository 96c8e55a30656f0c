/**
 * The catalogue of staff operations. An operation is declared once, in its feature: its name, zod input,
 * how chat arguments become that input, how CLI arguments do, who may run it, and `run`; its help is the
 * locale line `staff.help.<name>`. The chat
 * commands and their help, Telegram's `/` menu, the CLI's subcommands and `--help`, and the web console's
 * actions are all derived from it, so validation is the same on every front-end
 * (`@grammyjs/commands`' CommandGroup is the model).
 */
import { z as zod } from 'zod';
import type { z } from 'zod';
import type { Translator } from './locale.js';
import type { Reply } from './message.js';

/** Who may run an operation: a viewer reads, an operator handles cases, an admin also manages the office. */
export type Role = 'viewer' | 'operator' | 'admin';

/** Where an operation was asked from. */
export type Front = 'chat' | 'cli' | 'console';

/** What an operation runs with. */
export interface OperationCtx {
  /** Who asks: a staff user key (`telegram:123`), a CLI name (`cli:ayu`) or a console account (`console:ayu`). */
  staffKey: string;
  /** Replies in the staff member's language. */
  t: Translator;
  now: Date;
  front: Front;
}

/** What an operation produced. */
export interface OperationResult {
  /** What the staff member is told (chat, console). */
  replies: Reply[];
  /** A line for the CLI's stderr (counts, where a file went). */
  notice?: string;
  /** The CLI's text when it differs from the replies (tables, exports); without it the replies are printed. */
  text?: string;
  /** Machine-readable result (`--json`, the console). */
  json?: unknown;
  /** CLI exit status (default 0). */
  exitCode?: number;
  /** A file the CLI writes `text` to instead of printing it (`--out FILE`). */
  writeTo?: string;
}

/** A CLI option of an operation (`--status diproses`). */
export interface CliOption {
  type: 'string' | 'boolean';
  /** One line of help. */
  help: string;
  /** Shown as the value's name in usage (`--status S`). */
  value?: string;
}

/** How an operation appears on the command line: `npm run -s bot -- <group> <command> …`. */
export interface CliSpec {
  readonly group: string;
  readonly command: string;
  /** Names of the positional arguments, in order (`['ticket']`); a trailing `?` marks one optional. */
  readonly positionals?: readonly string[];
  readonly options?: Readonly<Record<string, CliOption>>;
  /** Turn parsed arguments into the operation's raw input (default: positionals and options by name). */
  toInput?(positionals: Readonly<Record<string, string | undefined>>, options: Readonly<Record<string, string | boolean | undefined>>): Record<string, unknown>;
}

/** A validation outcome. */
export type Validated = { ok: true; input: unknown } | { ok: false; problem: string };

/** One staff operation, as the front-ends see it (its input type is checked inside). */
export interface Operation {
  /** The chat command (`aduan_status`); also the operation's id in audit records and the console. */
  readonly name: string;
  /** Its help line is the locale template `staff.help.<name>` (arguments, then what it does). */
  readonly role: Role;
  /** Whether it changes anything (a viewer may run only those that do not). */
  readonly mutates: boolean;
  /** False for operations offered only on the CLI (exports, purges). */
  readonly chat: boolean;
  readonly cli?: CliSpec;
  /** Chat arguments → raw input (validated by `validate`). */
  parseChat(args: string): Record<string, unknown>;
  /** Check raw input (from any front-end) against the operation's schema; `problem` is one plain line. */
  validate(raw: unknown, now: Date): Validated;
  /** Run with input that `validate` accepted. */
  run(input: unknown, ctx: OperationCtx): Promise<OperationResult>;
}

/** The declaration of an operation with a typed input. */
export interface OperationSpec<S extends z.ZodType> {
  name: string;
  role: Role;
  mutates: boolean;
  /** Offered as a chat command (default true). */
  chat?: boolean;
  cli?: CliSpec;
  /** The input schema; `now` lets a schema refuse a date in the past (built per call). */
  input: S | ((now: Date) => S);
  parseChat?(args: string): Record<string, unknown>;
  run(input: z.output<S>, ctx: OperationCtx): Promise<OperationResult>;
}

/** The first zod issue as one plain line: `until: must not be in the past`. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Declare an operation; its input type is checked here, so the catalogue can hold any operation. */
export function defineOperation<S extends z.ZodType>(spec: OperationSpec<S>): Operation {
  const schema = (now: Date): S => (typeof spec.input === 'function' ? spec.input(now) : spec.input);
  return {
    name: spec.name,
    role: spec.role,
    mutates: spec.mutates,
    chat: spec.chat ?? true,
    ...(spec.cli ? { cli: spec.cli } : {}),
    parseChat: spec.parseChat ?? (() => ({})),
    validate(raw, now) {
      const parsed = schema(now).safeParse(raw);
      return parsed.success ? { ok: true, input: parsed.data } : { ok: false, problem: firstProblem(parsed.error) };
    },
    run(input, ctx) {
      // Parsed again (cheap) so that `run` only ever sees a value of its own schema's type.
      return spec.run(schema(ctx.now).parse(input), ctx);
    },
  };
}

/**
 * Split chat arguments into words; `"double quoted"` and “curly quoted” runs are one word
 * (`/aduan_catatan ADU-1 "telepon ulang besok"`).
 */
export function splitArgs(args: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  for (const m of args.matchAll(re)) words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words;
}

/** A role's rank: an operation needs at least its own role. */
const RANK: Readonly<Record<Role, number>> = { viewer: 0, operator: 1, admin: 2 };

/** Whether `role` may run `op`. */
export function mayRun(role: Role, op: Pick<Operation, 'role'>): boolean {
  return RANK[role] >= RANK[op.role];
}

/** Which records a staff list shows: open ones (default), the overdue ones, or all (the CLI without a flag). */
export const ListFilter = zod.enum(['terbuka', 'terlambat', 'semua']);
export type ListFilter = zod.infer<typeof ListFilter>;

/** `/aduan terlambat`, `/konsultasi_daftar open` … → the list filter (an unknown word is left for the schema to name). */
export function parseListFilter(args: string): Record<string, unknown> {
  const w = (splitArgs(args)[0] ?? 'terbuka').toLowerCase();
  return { filter: w === 'open' ? 'terbuka' : w === 'overdue' || w === 'telat' ? 'terlambat' : w };
}

/** The CLI of a staff list: `<group> list [--open|--overdue]`. */
export function listCli(group: string, what: string, overdueHelp: string): CliSpec {
  return {
    group,
    command: 'list',
    options: {
      open: { type: 'boolean', help: `only open ${what}` },
      overdue: { type: 'boolean', help: overdueHelp },
    },
    toInput: (_p, o) => ({ filter: o.overdue ? 'terlambat' : o.open ? 'terbuka' : 'semua' }),
  };
}

/**
 * A staff list as an operation result: the chat shows at most `max` lines (and how many more), the CLI every
 * line, `--json` the records.
 */
export function listResult(
  lines: readonly string[],
  records: unknown,
  opts: { max: number; more: (count: number) => string; empty: Reply; full: (shown: string) => Reply; noun: string },
): OperationResult {
  const shown = lines.slice(0, opts.max);
  if (lines.length > opts.max) shown.push(opts.more(lines.length - opts.max));
  return {
    replies: [lines.length === 0 ? opts.empty : opts.full(shown.join('\n'))],
    text: lines.map((l) => `${l}\n`).join(''),
    notice: `${lines.length} ${opts.noun}(s)`,
    json: records,
  };
}

/**
 * The export of a desk's records (`<group> export --format csv|jsonl [--out FILE]`, the console's download): one
 * declaration for every desk. The CLI writes `text` to `--out` when given (`OperationResult.writeTo`).
 */
export function exportOperation<T>(spec: {
  name: string;
  group: string;
  /** `complaint`, `consultation`: how the count is said. */
  noun: string;
  list(): Promise<T[]>;
  csv(records: T[], now: Date): string;
  jsonl(records: T[]): string;
}): Operation {
  return defineOperation({
    name: spec.name,
    role: 'admin',
    mutates: false,
    chat: false,
    input: zod.object({ format: zod.enum(['csv', 'jsonl']), out: zod.string().min(1).nullable() }),
    cli: {
      group: spec.group,
      command: 'export',
      options: {
        format: { type: 'string', value: 'csv|jsonl', help: 'csv (opens in a spreadsheet) or jsonl; default csv' },
        out: { type: 'string', value: 'FILE', help: 'write to FILE instead of stdout' },
      },
      toInput: (_p, o) => ({ format: o.format ?? 'csv', out: o.out ?? null }),
    },
    run: async ({ format, out }, ctx) => {
      const all = await spec.list();
      const text = format === 'csv' ? spec.csv(all, ctx.now) : spec.jsonl(all);
      return out
        ? { replies: [], text, writeTo: out, notice: `${all.length} ${spec.noun}(s) written to ${out}` }
        : { replies: [], text };
    },
  });
}

/** Removing a desk's records closed longer ago than the retention period (`<group> purge`), for every desk. */
export function purgeOperation(spec: { name: string; group: string; noun: string; retentionDays: number; purge(now: Date): Promise<number> }): Operation {
  return defineOperation({
    name: spec.name,
    role: 'admin',
    mutates: true,
    chat: false,
    input: zod.object({}),
    cli: { group: spec.group, command: 'purge' },
    run: async (_input, ctx) => {
      const removed = await spec.purge(ctx.now);
      return { replies: [], text: `${removed} ${spec.noun}(s) removed (closed more than ${spec.retentionDays} days ago)\n`, json: { removed } };
    },
  });
}
