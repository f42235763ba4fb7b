import type { Database } from '../db/database.ts';
import { GroupCommit } from '../db/group-commit.ts';
import type { AcceptedEvent, AcceptResult } from '../core/ports/job-queue.ts';

interface Pending {
  accepted: AcceptedEvent;
  jobId: string;
}

/** Large enough to absorb a burst in one commit, small enough to keep one statement cheap. */
const MAX_BATCH = 250;
/**
 * Commits under way at once. Measured with `npm run load -- --only d` (2,000 webhooks at 500/s, two
 * cores, when a batch was a four-statement transaction): one at a time gave ack p50 13–14 ms, p99
 * 42–84 ms; four gave p50 11–14 ms, p99 100–107 ms.
 */
const MAX_IN_FLIGHT = 1;
/** After the last commit, how long the intake still counts as busy: a burst's next webhook is that close. */
const IDLE_AFTER_MS = 2;

/**
 * Group commit (db/group-commit.ts) for webhooks: events that arrive while a commit is under way are
 * written together by the next statement (one multi-row insert into folio_inbox). Each caller still gets
 * its answer only after its own event is committed, so an acknowledged webhook is never lost; at a burst,
 * the commit cost is paid per batch instead of per webhook, which keeps acks fast.
 *
 * The acknowledgement is one round trip: the inbox row is the durable record, and the queue job is made
 * from it afterwards (inbox-dispatcher.ts), off the webhook's path.
 */
export class AcceptBatcher {
  private readonly commits: GroupCommit<Pending, AcceptResult>;
  private readonly idleWaiters = new Set<() => void>();
  private idleTimer?: NodeJS.Timeout;

  constructor(private readonly db: Database) {
    this.commits = new GroupCommit({ write: (batch) => this.write(batch), maxBatch: MAX_BATCH, maxInFlight: MAX_IN_FLIGHT, onSettled: () => this.settle() });
  }

  /**
   * Resolves once no acknowledgement is waiting or being committed (and none was for IDLE_AFTER_MS), or
   * after maxWaitMs, whichever comes first: how workers in this process give webhooks the right of way.
   */
  whenIdle(maxWaitMs: number): Promise<void> {
    if (maxWaitMs <= 0 || (this.idle() && !this.idleTimer)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.idleWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.idleWaiters.add(done);
    });
  }

  private idle(): boolean {
    return this.commits.idle;
  }

  /** Called after each commit: once the intake stays idle for IDLE_AFTER_MS, let the waiting workers go. */
  private settle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (!this.idle()) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.idle()) for (const release of [...this.idleWaiters]) release();
    }, IDLE_AFTER_MS);
    this.idleTimer.unref();
  }

  accept(accepted: AcceptedEvent, jobId: string): Promise<AcceptResult> {
    return this.commits.submit({ accepted, jobId });
  }

  private async write(batch: Pending[]): Promise<AcceptResult[]> {
    // The same event twice in one batch: the first carries it, the rest are its duplicates.
    const firstByKey = new Map<string, Pending>();
    for (const pending of batch) if (!firstByKey.has(pending.accepted.key)) firstByKey.set(pending.accepted.key, pending);
    // Sorted, so concurrent batches lock inbox keys in the same order and cannot deadlock.
    const firsts = [...firstByKey.values()].sort((a, b) => (a.accepted.key < b.accepted.key ? -1 : a.accepted.key > b.accepted.key ? 1 : 0));
    // One statement, so one round trip and its own commit. Keys seen before answer with the job they got
    // then (`earlier`), as far as this statement's snapshot sees them.
    const { rows } = await this.db.query<{ key: string; fresh: boolean; earlier: string | null }>(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(key, event, raw_body, verified_by, job_id)
       ), inserted AS (
         INSERT INTO folio_inbox (key, event, raw_body, verified_by, job_id)
         SELECT key, event::jsonb, raw_body, verified_by, job_id FROM input
         ON CONFLICT (key) DO NOTHING
         RETURNING key
       )
       SELECT input.key, inserted.key IS NOT NULL AS fresh, earlier.job_id AS earlier
         FROM input
         LEFT JOIN inserted ON inserted.key = input.key
         LEFT JOIN folio_inbox earlier ON earlier.key = input.key`,
      [
        firsts.map((p) => p.accepted.key),
        firsts.map((p) => JSON.stringify(p.accepted.event)),
        firsts.map((p) => p.accepted.rawBody),
        firsts.map((p) => p.accepted.verifiedBy),
        firsts.map((p) => p.jobId),
      ],
    );
    const fresh = new Set(rows.filter((row) => row.fresh).map((row) => row.key));
    const earlier = new Map(rows.filter((row) => !row.fresh && row.earlier).map((row) => [row.key, row.earlier!]));
    // Committed by another process after this statement began: invisible to its snapshot, not to the next.
    const unseen = rows.filter((row) => !row.fresh && !row.earlier).map((row) => row.key);
    if (unseen.length > 0) {
      const again = await this.db.query<{ key: string; job_id: string }>('SELECT key, job_id FROM folio_inbox WHERE key = ANY($1::text[])', [unseen]);
      for (const row of again.rows) earlier.set(row.key, row.job_id);
    }

    return batch.map((pending) => {
      const key = pending.accepted.key;
      const first = firstByKey.get(key)!;
      if (first === pending && fresh.has(key)) return { status: 'accepted', jobId: pending.jobId };
      return { status: 'duplicate', jobId: fresh.has(key) ? first.jobId : earlier.get(key)! };
    });
  }
}
