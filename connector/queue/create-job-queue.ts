/**
 * The durable job queue, on pg-boss 12 over Folio's own database (PGlite or PostgreSQL).
 *
 * Why pg-boss and not a hand-written SQL queue: it runs unchanged on both engines; `insert({ db })`
 * puts the job insert inside our transaction, so the dispatcher stamps an inbox row and makes its job
 * together (a row becomes one job, a crash loses none; the ack itself only waits for the inbox row,
 * accept-batcher.ts); and it already does what a queue must get right and is easy to get subtly
 * wrong: SKIP LOCKED claims, exponential backoff with jitter, terminal failure without retries
 * (`deadletter`), expiry of claims whose worker died, graceful stop that drains handlers in flight,
 * retention and cleanup.
 *
 * What that costs: pg-boss counts time in seconds. Retry delays are whole seconds (≥ 1 s), polling is
 * at least every 500 ms (an accept in this process wakes the dispatcher and then the workers at once),
 * and a dead worker's job comes back after the visibility timeout plus up to one stale-check
 * interval. counts() reads pg-boss's job table directly, because its own queue statistics are cached
 * for up to a minute.
 */
import { randomUUID } from 'node:crypto';
import { PgBoss, type JobWithMetadata } from 'pg-boss';
import type { Database } from '../db/database.ts';
import { bossDatabaseFor, bossExecutorIn, startBoss } from './boss-database.ts';
import { AcceptBatcher } from './accept-batcher.ts';
import { InboxDispatcher } from './inbox-dispatcher.ts';
import { eventFromInbox, eventOf } from './inbox.ts';
import type { AcceptedEvent, AcceptResult, JobHandler, JobQueue } from '../core/ports/job-queue.ts';
import { outcomeOf } from './job-outcome.ts';
import { Semaphore } from '../core/semaphore.ts';
import { bossSettings, type BossSettings, type JobQueueOptions } from './queue-options.ts';

export type { JobQueueOptions } from './queue-options.ts';

/**
 * A job names its inbox row and carries the row's event, so a worker need not read the row back (one
 * statement per document less). Jobs made before the event travelled with them have only the key.
 */
interface JobData {
  key: string;
  event?: unknown;
}

export function createJobQueue(db: Database, options: JobQueueOptions = {}): JobQueue {
  return new PgBossJobQueue(db, options.acceptDatabase ?? db, bossSettings(options));
}

/** How often a worker polls on its own (seconds, or the poll interval if that is longer). */
const BACKSTOP_POLL_SECONDS = 30;

/** One pg-boss worker of this process: its id, and whether it is running a batch of jobs. */
interface WorkerSlot {
  id: string;
  busy: boolean;
}

class PgBossJobQueue implements JobQueue {
  private readonly boss: PgBoss;
  private starting?: Promise<void>;
  private working = false;
  private readonly workers: WorkerSlot[] = [];
  private nextToWake = 0;
  /** Fetches for jobs made while every worker was busy: the next workers to finish a batch make them. */
  private owedFetches = 0;
  private poller?: NodeJS.Timeout;
  private readonly batcher: AcceptBatcher;
  private readonly dispatcher: InboxDispatcher;
  private stopping = false;

  constructor(
    private readonly db: Database,
    acceptDb: Database,
    private readonly settings: BossSettings,
  ) {
    this.boss = new PgBoss({
      db: bossDatabaseFor(db),
      backend: db.engine,
      schema: settings.schema,
      superviseIntervalSeconds: settings.superviseIntervalSeconds,
      monitorIntervalSeconds: settings.superviseIntervalSeconds,
      // No cron schedules here; nothing for the scheduler to poll for.
      schedule: false,
      // Online index rebuilds are for big PostgreSQL installations, not for an embedded PGlite.
      reindex: db.engine === 'postgres',
    });
    this.boss.on('error', settings.onError);
    this.batcher = new AcceptBatcher(acceptDb);
    this.dispatcher = new InboxDispatcher(db, {
      insertJobs: async (tx, jobs) => {
        await this.boss.insert(this.settings.queueName, jobs.map(({ id, key, event }) => ({ id, data: { key, event } satisfies JobData, ...this.jobPolicy() })), { db: bossExecutorIn(tx) });
      },
      // Made jobs: wake this process's workers instead of letting them wait for the next poll.
      dispatched: (jobs) => this.wakeWorkers(jobs),
      intakeIdle: () => this.batcher.whenIdle(settings.intakeYieldMs),
      intervalMs: settings.pollingIntervalSeconds * 1000,
      onError: settings.onError,
    });
  }

  start(): Promise<void> {
    if (this.stopping) return Promise.reject(new Error('job queue is stopped'));
    // A failed start (database not reachable yet) is not remembered: the next call tries again.
    this.starting ??= this.install().catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  private async install(): Promise<void> {
    await startBoss(this.db, this.boss);
    // Creating the queue also loads it into pg-boss's queue cache. That matters: send() inside our
    // transaction would otherwise look the queue up on the shared connection, which on PGlite
    // waits for the very transaction it is part of.
    await this.boss.createQueue(this.settings.queueName, this.jobPolicy());
    // PGlite is open in one process at a time (its data directory is locked): a job still claimed now
    // was claimed by a process that died, so it need not wait for its claim to expire.
    if (this.db.engine === 'pglite') await this.releaseClaimsOfTheDead();
    this.dispatcher.start();
  }

  private async releaseClaimsOfTheDead(): Promise<void> {
    const { rows } = await this.db.query<{ id: string }>(`SELECT id::text AS id FROM ${this.settings.schema}.job WHERE name = $1 AND state = 'active'`, [this.settings.queueName]);
    // Failed as a try of their own: retried with backoff, or failed for good after the last one.
    if (rows.length > 0) await this.boss.fail(this.settings.queueName, rows.map((row) => row.id), { error: 'the process running it stopped' });
  }

  async accept(accepted: AcceptedEvent): Promise<AcceptResult> {
    await this.start();
    const result = await this.batcher.accept(accepted, randomUUID());
    // Committed: make its job now rather than at the dispatcher's next round.
    if (result.status === 'accepted') this.dispatcher.wake();
    return result;
  }

  async work(handler: JobHandler, options: { concurrency?: number } = {}): Promise<void> {
    await this.start();
    if (this.working) throw new Error('this job queue already has a worker');
    this.working = true;
    const concurrency = options.concurrency ?? this.settings.concurrency;
    // Each fetch claims up to claimBatch jobs, and pg-boss completes a fetch's jobs in one statement; the
    // slots keep to `concurrency` jobs running. A worker per slot, so a slot never idles behind another
    // worker's unfinished batch while jobs are waiting (with 2 workers of 4, npm run load's flood left
    // 9–12 s of jobs behind it; with 8 workers of 4, 0–2.6 s).
    const slots = new Semaphore(concurrency);
    // One pg-boss worker per slot rather than localConcurrency: pg-boss wakes a worker by the id work()
    // returns, and the extra workers of localConcurrency have ids it does not return.
    for (let slot = 0; slot < concurrency; slot++) {
      const worker: WorkerSlot = { id: '', busy: false };
      worker.id = await this.boss.work(
        this.settings.queueName,
        { batchSize: this.settings.claimBatch, includeMetadata: true, perJobResults: true, pollingIntervalSeconds: this.backstopPollSeconds() },
        async (jobs: JobWithMetadata<JobData>[]) => {
          worker.busy = true;
          const full = jobs.length >= this.settings.claimBatch;
          // More may be waiting (a backlog a poll found: retries come due, another process's jobs): one
          // more idle worker looks, and so on while fetches come back full.
          if (full) this.wakeWorkers(1, { owe: false });
          try {
            return await Promise.all(jobs.map((job) => slots.run(() => this.runOne(handler, job))));
          } finally {
            worker.busy = false;
            // A full fetch is followed at once by the next, so a backlog drains at the pipeline's speed;
            // so is one that jobs made meanwhile are owed. Otherwise the queue was empty: back to polling.
            if (full || this.owedFetches > 0) {
              if (!full) this.owedFetches -= 1;
              this.boss.notifyWorker(worker.id);
            }
          }
        },
      );
      this.workers.push(worker);
    }
    // The process polls once per interval, whatever its concurrency: each tick wakes one idle worker.
    // With every worker polling on its own, an idle connector with 12 workers sent 12 fetches a second.
    this.poller = setInterval(() => this.wakeWorkers(1, { owe: false }), this.settings.pollingIntervalSeconds * 1000);
    this.poller.unref();
  }

  /** Each worker's own poll, behind the process's: it matters only while every worker is busy for long. */
  private backstopPollSeconds(): number {
    return Math.max(this.settings.pollingIntervalSeconds, BACKSTOP_POLL_SECONDS);
  }

  /**
   * Wakes enough idle workers for `jobs` new jobs (a fetch claims up to claimBatch), taking turns; the
   * fetches it cannot start now are owed, and busy workers make them as their batches end. Waking every
   * worker made each job cost a fetch per worker: 13 fetch statements per document at 15 invoices a
   * second with 12 workers.
   */
  private wakeWorkers(jobs: number, { owe }: { owe: boolean } = { owe: true }): void {
    let wanted = Math.ceil(jobs / this.settings.claimBatch);
    for (let tried = 0; tried < this.workers.length && wanted > 0; tried++) {
      const worker = this.workers[this.nextToWake] as WorkerSlot;
      this.nextToWake = (this.nextToWake + 1) % this.workers.length;
      if (worker.busy) continue;
      this.boss.notifyWorker(worker.id);
      wanted -= 1;
    }
    if (owe) this.owedFetches = Math.min(this.workers.length, this.owedFetches + wanted);
  }

  private async runOne(handler: JobHandler, job: JobWithMetadata<JobData>) {
    try {
      // Webhooks first: a job can wait a few milliseconds, an acknowledgement should not (see intakeYieldMs).
      await this.batcher.whenIdle(this.settings.intakeYieldMs);
      const event = job.data.event === undefined ? await eventFromInbox(this.db, job.data.key) : eventOf(job.data.key, job.data.event);
      // pg-boss counts retries from 0 and bumps the count on every new claim, a dead worker's too.
      await handler({ id: job.id, key: job.data.key, event, attempt: job.retryCount + 1, maxAttempts: job.retryLimit + 1 });
      return { id: job.id, status: 'completed' as const };
    } catch (error) {
      return outcomeOf(job.id, error);
    }
  }

  async counts(): Promise<Record<'queued' | 'active' | 'completed' | 'failed', number>> {
    // Still answers after stop(), for health checks during shutdown.
    if (!this.stopping) await this.start();
    // Accepted webhooks whose job is not made yet count as queued.
    const { rows } = await this.db.query<{ state: string; count: number }>(
      `SELECT state, count(*) AS count FROM ${this.settings.schema}.job WHERE name = $1 GROUP BY state
       UNION ALL SELECT 'created', count(*) FROM folio_inbox WHERE queued_at IS NULL`,
      [this.settings.queueName],
    );
    const of = (...states: string[]) => rows.filter((row) => states.includes(row.state)).reduce((sum, row) => sum + Number(row.count), 0);
    return { queued: of('created', 'retry'), active: of('active'), completed: of('completed'), failed: of('failed', 'cancelled') };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.poller);
    if (!this.starting) return;
    await this.starting.catch(() => {});
    await this.dispatcher.stop();
    // Graceful: no new claims, handlers in flight finish (or are failed and retried after the timeout).
    await this.boss.stop({ graceful: true, timeout: this.settings.stopTimeoutMs });
  }

  private jobPolicy() {
    const { retryLimit, retryDelay, retryDelayMax, expireInSeconds } = this.settings;
    return { retryLimit, retryDelay, retryBackoff: true, retryDelayMax, expireInSeconds };
  }
}
