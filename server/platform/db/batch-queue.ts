/** One item's outcome in a group: its value, or the error that refused it alone. */
export type Settled<O> = { value: O } | { error: unknown };

export interface BatchQueueOptions {
  /** Most items written together. */
  maxBatch: number;
  /** Groups being written at once (each holds a connection of the pool). */
  maxInFlight: number;
}

/**
 * Batching of work many requests do at once. Items that arrive while earlier groups are being
 * handled wait, and are then handled together by one call of `write`: for writes, group commit
 * (one transaction, one statement per step for all of them); for reads, one query for all.
 * Under load the round trips (and the commit) are shared; an item that arrives alone with a free
 * slot is handled alone at the next turn of the event loop, so a quiet system adds no latency.
 *
 * `write` settles each item on its own (an item refused by a rule fails alone). When it throws,
 * the group is handled again item by item, so a fault of one (a constraint, a deadlock victim)
 * reaches only that item's caller.
 */
export class BatchQueue<I, O> {
  private readonly queue: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly write: (items: I[]) => Promise<Settled<O>[]>,
    private readonly options: BatchQueueOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Starts groups at the next turn of the event loop rather than at once, so that items
   * submitted in the same turn (requests that arrived together) share a group even when a slot
   * is free. On PGlite, whose queries run without yielding to I/O, this is what lets groups form.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const group = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.writeGroup(group).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async writeGroup(group: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[]): Promise<void> {
    let settled: Settled<O>[];
    try {
      settled = await this.write(group.map((g) => g.item));
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      await Promise.all(group.map((g) => this.writeGroup([g])));
      return;
    }
    group.forEach((g, k) => {
      const s = settled[k];
      if (!s) g.reject(new Error('batch queue: no outcome for an item'));
      else if ('error' in s) g.reject(s.error);
      else g.resolve(s.value);
    });
  }
}
