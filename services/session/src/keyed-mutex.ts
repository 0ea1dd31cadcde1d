/**
 * Runs tasks that share a key one after another, tasks with different keys freely.
 *
 * Why: FerretDB 1.x applies update operators as read-modify-write without isolation, so
 * concurrent `$inc`s on one document lose counts there. The updates stay atomic operators (on
 * MongoDB they are atomic across replicas); serialising them per document in this process makes
 * them exact on FerretDB too.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with queued or running tasks (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
