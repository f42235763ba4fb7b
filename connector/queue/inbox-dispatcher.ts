import { recordReceived } from '../audit/record-received.ts';
import type { Database, Queryable } from '../db/database.ts';

/** Rows turned into jobs per transaction. */
const BATCH = 500;

export interface InboxDispatcherOptions {
  /**
   * Inserts the queue jobs (ids chosen at accept time, so a repeated insert changes nothing) inside tx,
   * each with its row's event as stored.
   */
  insertJobs(tx: Queryable, jobs: { id: string; key: string; event: unknown }[]): Promise<void>;
  /** After `jobs` jobs were made: wake this process's workers for them. */
  dispatched(jobs: number): void;
  /** Resolves when this process's webhook intake is idle (or has waited long enough): acks go first. */
  intakeIdle(): Promise<void>;
  /** How often to look for rows another process accepted and did not dispatch (it may have died). */
  intervalMs: number;
  onError(error: unknown): void;
}

/**
 * Turns accepted webhooks (folio_inbox rows without queued_at) into queue jobs, in batches, each in one
 * transaction with the row's stamp, so a row becomes exactly one job even across crashes and processes
 * (SKIP LOCKED: two dispatchers take different rows). An accept in this process wakes it at once; the
 * timer picks up what other processes left.
 */
export class InboxDispatcher {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly options: InboxDispatcherOptions,
  ) {}

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.wake(), this.options.intervalMs);
    this.timer.unref();
    this.wake();
  }

  /** Dispatch soon; calls during a run coalesce into one more run. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Stops the timer and waits for a run in progress (what is left is dispatched by the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        // During a burst this also gathers the accepts into fewer, larger batches.
        await this.options.intakeIdle();
        const count = await this.dispatchBatch();
        if (count > 0) this.options.dispatched(count);
        if (count < BATCH || this.stopped) return;
      }
    } catch (error) {
      // Nothing was stamped: the rows stay for the next run (the timer's, at the latest).
      this.options.onError(error);
    }
  }

  private dispatchBatch(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ key: string; job_id: string; event: unknown }>(
        `SELECT key, job_id, event FROM folio_inbox WHERE queued_at IS NULL ORDER BY received_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      await this.options.insertJobs(tx, rows.map((row) => ({ id: row.job_id, key: row.key, event: row.event })));
      const keys = rows.map((row) => row.key);
      await tx.query(`UPDATE folio_inbox SET queued_at = now() WHERE key = ANY($1::text[])`, [keys]);
      // The audit trail's `received`, here rather than on the ack (see record-received.ts): once per row.
      await recordReceived(tx, keys);
      return rows.length;
    });
  }
}
