/**
 * Group commit: items submitted while a write is under way are written together by the next one (one
 * multi-row statement, committed on its own). Each caller still hears only after its own item is
 * committed, so nothing acknowledged is ever lost; under load the cost of a commit is paid per batch
 * instead of per item. At low load a batch is one item, written on the next turn of the event loop.
 */
export interface GroupCommitOptions<Item, Result> {
  /** Writes a batch in one commit; answers one result per item, in order. Throwing fails the whole batch. */
  write(items: Item[]): Promise<Result[]>;
  /** Items per statement: large enough to absorb a burst, small enough to keep one statement cheap. */
  maxBatch: number;
  /** Writes under way at once. */
  maxInFlight: number;
  /** Called after every write, committed or not. */
  onSettled?(): void;
}

interface Pending<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export class GroupCommit<Item, Result> {
  private waiting: Pending<Item, Result>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly options: GroupCommitOptions<Item, Result>) {}

  /** Nothing waiting and nothing being written. */
  get idle(): boolean {
    return this.waiting.length === 0 && this.inFlight === 0;
  }

  submit(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.waiting.length === 0) return;
    this.scheduled = true;
    // Let the items of this tick (a burst) join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting.splice(0, this.options.maxBatch);
    if (batch.length === 0) return;
    this.inFlight++;
    this.schedule();
    try {
      const results = await this.options.write(batch.map((pending) => pending.item));
      if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
      batch.forEach((pending, i) => pending.resolve(results[i]!));
    } catch (error) {
      // Nothing of the batch was committed: every caller hears so.
      for (const pending of batch) pending.reject(error);
    } finally {
      this.inFlight--;
      this.schedule();
      this.options.onSettled?.();
    }
  }
}
