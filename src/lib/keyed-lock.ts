/**
 * Runs tasks one at a time per key, different keys in parallel. keyv has no compare-and-set, so a person's
 * messages are handled in order in this process: the second turn reads the session the first one wrote.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Run `task` after every earlier task of `key` has settled; resolves or rejects with `task`'s outcome. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Drop the entry once this is the last task of the key, so idle keys do not accumulate.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
