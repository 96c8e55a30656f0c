/**
 * The catalogue of staff operations, gathered from the features once by the composition root, and its chat
 * front-end: a staff member's `/name args` becomes the operation's input by its own parser, is validated by
 * its own schema, and runs; a mistake is answered with the problem and the operation's usage line. The CLI
 * (`src/cli/operations.ts`) and the web console are the other front-ends of the same catalogue.
 */
import { z } from 'zod';
import type { EffectRunner, OperationEffect } from '../kernel/effects.js';
import { Translator, type Locales } from '../kernel/locale.js';
import { defineOperation, type Operation, type OperationCtx, type OperationResult } from '../kernel/operation.js';
import type { Logger } from '../lib/log.js';
import type { AuditLog } from './audit.js';

/** Every staff operation, by name. */
export class Catalogue {
  private readonly byName = new Map<string, Operation>();

  /**
   * @param operations every feature's operations
   * @param audit where the chat and CLI front-ends record each change (the console records its own, with the
   *   account name); absent in tests that do not look at it
   */
  constructor(
    operations: readonly Operation[],
    readonly audit?: AuditLog,
  ) {
    for (const op of [helpOperation(() => this.chatOperations()), ...operations]) {
      if (this.byName.has(op.name)) throw new Error(`two operations are named "${op.name}"`);
      this.byName.set(op.name, op);
    }
  }

  /** All operations, in declaration order. */
  all(): Operation[] {
    return [...this.byName.values()];
  }

  /** The operations offered as chat commands. */
  chatOperations(): Operation[] {
    return this.all().filter((op) => op.chat);
  }

  get(name: string): Operation | undefined {
    return this.byName.get(name);
  }

  /** The operation a CLI `group command` names. */
  cli(group: string, command: string): Operation | undefined {
    return this.all().find((op) => op.cli?.group === group && op.cli.command === command);
  }

  /** The CLI groups, each with its operations. */
  cliGroups(): Map<string, Operation[]> {
    const groups = new Map<string, Operation[]>();
    for (const op of this.all()) if (op.cli) groups.set(op.cli.group, [...(groups.get(op.cli.group) ?? []), op]);
    return groups;
  }

  /** Chat command names with their help line (Telegram's `/` menu, `/staf`). */
  chatHelp(t: Translator): { name: string; help: string }[] {
    return this.chatOperations().map((op) => ({ name: op.name, help: helpLine(t, op.name) }));
  }
}

/** The help line of an operation: its locale line `staff.help.<name>`. */
export function helpLine(t: Translator, name: string): string {
  const key = `staff.help.${name}`;
  return t.has(key) ? t.text(key) : '';
}

/** `/staf`: the list of staff commands, derived from the catalogue. */
function helpOperation(list: () => Operation[]): Operation {
  return defineOperation({
    name: 'staf',
    role: 'viewer',
    mutates: false,
    input: z.object({}),
    run: async (_input, ctx): Promise<OperationResult> => {
      const lines = list().map((op) => `/${op.name} ${helpLine(ctx.t, op.name)}`.trimEnd());
      return { replies: [ctx.t.reply('staff.help', { lines: lines.join('\n') })] };
    },
  });
}

/** Run `op` on raw input from any front-end: validated first, so a mistake never reaches `run`. */
export async function runOperation(
  op: Operation,
  raw: unknown,
  ctx: OperationCtx,
): Promise<{ ok: true; result: OperationResult } | { ok: false; problem: string }> {
  const checked = op.validate(raw, ctx.now);
  if (!checked.ok) return checked;
  return { ok: true, result: await op.run(checked.input, ctx) };
}

/** The chat front-end: the runner of `staff.operation` effects. Replies are in Indonesian for staff. */
export function chatOperationRunner(catalogue: Catalogue, locales: Locales, log: Logger): Record<string, EffectRunner> {
  const run: EffectRunner = async (effect, ctx) => {
    const { name, args } = effect as OperationEffect;
    const t = new Translator(locales, 'id');
    const op = catalogue.get(name);
    if (!op || !op.chat) return { replies: [t.reply('staff.refused')] };
    const out = await runOperation(op, op.parseChat(args), { staffKey: ctx.userKey, t, now: ctx.now, front: 'chat' });
    if (!out.ok) {
      return { replies: [t.reply('staff.usage', { command: `/${name}`, problem: out.problem })] };
    }
    if (op.mutates) {
      log.info({ operation: name, by: ctx.userKey }, 'staff operation');
      await catalogue.audit?.record({ at: ctx.now.toISOString(), by: ctx.userKey, action: name, detail: 'chat', ok: (out.result.exitCode ?? 0) === 0 });
    }
    return { replies: out.result.replies };
  };
  return { 'staff.operation': run };
}
