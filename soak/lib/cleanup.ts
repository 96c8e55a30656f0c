/**
 * Everything a soak run creates (child processes, temp dirs, servers, Redis keys) registers its undoing here,
 * so a finished run, a failed one, a hard timeout and Ctrl-C all leave nothing behind. Undone newest first,
 * each step bounded; `killNow()` is the synchronous last resort of an exiting process (children, dirs).
 */
import { rmSync } from 'node:fs';

interface Task {
  name: string;
  run(): Promise<void> | void;
  /** What can be done synchronously when the process exits without the async path. */
  sync?: () => void;
}

const tasks = new Set<Task>();
let running: Promise<void> | undefined;
let epoch = 0;

/** Changes with every `cleanupAll()`: what was started before it (a scenario cut short) must not start anything. */
export function cleanupEpoch(): number {
  return epoch;
}

/** Register an undo step; returns the function that unregisters it (when the thing was undone normally). */
export function onCleanup(name: string, run: () => Promise<void> | void, sync?: () => void): () => void {
  const task: Task = { name, run, ...(sync ? { sync } : {}) };
  tasks.add(task);
  return () => void tasks.delete(task);
}

/** A temp dir removed at cleanup. */
export function cleanupDir(dir: string): () => void {
  const rm = () => rmSync(dir, { recursive: true, force: true });
  return onCleanup(`rm ${dir}`, rm, rm);
}

/** Undo everything registered, newest first, each step at most `stepMs`. */
export function cleanupAll(stepMs = 5000): Promise<void> {
  epoch += 1;
  running ??= (async () => {
    for (const task of [...tasks].reverse()) {
      tasks.delete(task);
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([Promise.resolve().then(() => task.run()), new Promise<void>((resolve) => (timer = setTimeout(resolve, stepMs)))]);
      } catch (err) {
        process.stderr.write(`soak: cleanup "${task.name}" failed: ${err instanceof Error ? err.message : String(err)}\n`);
      } finally {
        clearTimeout(timer);
      }
    }
  })().finally(() => {
    running = undefined;
  });
  return running;
}

/** Synchronous last resort (process `exit`): kill children, remove dirs. */
export function killNow(): void {
  for (const task of [...tasks].reverse()) {
    try {
      task.sync?.();
    } catch {
      // Best effort at exit.
    }
  }
}

/** The undo steps of one scenario: run at its end, and by the global cleanup if the run is cut short first. */
export class Scope {
  private readonly steps: { name: string; run: () => Promise<void> | void; unregister: () => void }[] = [];

  add(name: string, run: () => Promise<void> | void, sync?: () => void): void {
    this.steps.push({ name, run, unregister: onCleanup(name, run, sync) });
  }

  /** Undo this scope's steps, newest first, each at most `stepMs`. */
  async close(stepMs = 15_000): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      step.unregister();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([Promise.resolve().then(() => step.run()), new Promise<void>((resolve) => (timer = setTimeout(resolve, stepMs)))]);
      } catch (err) {
        process.stderr.write(`soak: cleanup "${step.name}" failed: ${err instanceof Error ? err.message : String(err)}\n`);
      } finally {
        clearTimeout(timer);
      }
    }
  }
}
