/**
 * Runs the tasks that share a key one after another, in the order they arrive; tasks with other keys,
 * or with none, run alongside. The message bus queues the commands for one product this way: within
 * this process they wait for each other instead of failing each other at the version check, which
 * still guards against any other process.
 */
export class KeyedQueue {
  /** The last task queued under each key, settled or not; a key goes once its last task is done. */
  private readonly lastOf = new Map<string, Promise<unknown>>();

  async run<T>(key: string | undefined, task: () => Promise<T>): Promise<T> {
    if (key === undefined) return task();
    const current = (this.lastOf.get(key) ?? Promise.resolve()).then(task);
    const settled = current.catch(() => undefined); // a failure is its caller's: the next task still runs
    this.lastOf.set(key, settled);
    try {
      return await current;
    } finally {
      if (this.lastOf.get(key) === settled) this.lastOf.delete(key);
    }
  }

  /** How many keys have tasks queued or running. */
  get size(): number {
    return this.lastOf.size;
  }
}
