/**
 * Runs tasks one at a time per key (a station), in the order they were asked for; a failed task
 * does not stop the ones after it. Keys leave the map once their last task is done.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(task);
    this.tails.set(key, run);
    void run
      .catch(() => undefined)
      .then(() => {
        if (this.tails.get(key) === run) this.tails.delete(key);
      });
    return run;
  }
}
