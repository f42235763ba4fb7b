/**
 * Outbound webhook deliveries on the durable queue: pg-boss, in the same database and schema as the
 * document jobs, under a queue of its own. pg-boss retries each failed try with exponential backoff and
 * jitter (whole seconds), and a job whose worker died comes back after its expiry.
 *
 * Deliveries become jobs here, not where they are written: the triggers of migration 421 (and a manual
 * redelivery) leave rows with enqueued_at NULL, and the dispatcher makes each one's job and stamps the
 * row in one transaction, so every delivery gets exactly one job per (re)delivery, across crashes.
 */
import { randomUUID } from 'node:crypto';
import { PgBoss, type JobWithMetadata } from 'pg-boss';
import type { Database } from '../db/database.ts';
import { bossDatabaseFor, bossExecutorIn, startBoss } from '../queue/boss-database.ts';
import { tryDelivery, type TryOutcome } from './deliver-event.ts';

export const WEBHOOK_QUEUE = 'folio-webhooks';
const BOSS_SCHEMA = 'folio_queue';
/** Deliveries turned into jobs per transaction. */
const BATCH = 200;

export interface WebhookQueueOptions {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  timeoutMs: number;
  pollMs: number;
  /** POSTs at once in this process. */
  concurrency: number;
  onError?: (error: unknown) => void;
  /** Called after each try (metrics, tests). */
  onTry?: (deliveryId: string, outcome: TryOutcome) => void;
}

interface JobData {
  deliveryId: string;
  manual: boolean;
}

export interface WebhookQueue {
  start(): Promise<void>;
  /** Makes jobs for deliveries waiting for one now (the timer does it every pollMs). */
  dispatch(): Promise<number>;
  stop(): Promise<void>;
}

export function createWebhookQueue(db: Database, options: WebhookQueueOptions): WebhookQueue {
  const onError = options.onError ?? ((error: unknown) => console.error('webhook queue:', error instanceof Error ? error.message : error));
  const wholeSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
  const policy = {
    retryLimit: options.maxAttempts - 1,
    retryDelay: wholeSeconds(options.retryBaseMs),
    retryBackoff: true,
    retryDelayMax: Math.max(wholeSeconds(options.retryBaseMs), wholeSeconds(options.retryMaxMs)),
    // A try takes at most the timeout; after this a job whose worker died is tried again.
    expireInSeconds: wholeSeconds(options.timeoutMs) + 60,
  };
  const pollingIntervalSeconds = Math.max(0.5, options.pollMs / 1000);
  const boss = new PgBoss({ db: bossDatabaseFor(db), backend: db.engine, schema: BOSS_SCHEMA, schedule: false });
  boss.on('error', onError);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let started: Promise<void> | undefined;
  let stopped = false;

  async function dispatch(): Promise<number> {
    const count = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; manual: boolean }>(
        `SELECT id, redelivered_at IS NOT NULL AS manual FROM folio_webhook_deliveries WHERE enqueued_at IS NULL
          ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      const jobs = rows.map((row) => ({ id: randomUUID(), data: { deliveryId: row.id, manual: row.manual } satisfies JobData, ...policy }));
      await boss.insert(WEBHOOK_QUEUE, jobs, { db: bossExecutorIn(tx) });
      await tx.query(
        `UPDATE folio_webhook_deliveries AS d SET enqueued_at = now(), job_id = j.job_id, updated_at = now()
           FROM unnest($1::text[], $2::text[]) AS j(id, job_id) WHERE d.id = j.id`,
        [jobs.map((job) => job.data.deliveryId), jobs.map((job) => job.id)],
      );
      return rows.length;
    });
    return count;
  }

  function tick(): void {
    if (stopped || running) return;
    running = (async () => {
      while (!stopped && (await dispatch()) === BATCH);
    })()
      .catch(onError)
      .finally(() => {
        running = undefined;
      });
  }

  async function runOne(job: JobWithMetadata<JobData>): Promise<void> {
    const outcome = await tryDelivery(
      db,
      { deliveryId: job.data.deliveryId, jobId: job.id, lastTry: job.retryCount >= job.retryLimit, manual: job.data.manual },
      { timeoutMs: options.timeoutMs },
    );
    options.onTry?.(job.data.deliveryId, outcome);
    // Thrown, so pg-boss schedules the next try with backoff and jitter.
    if (outcome === 'retry') throw new Error(`delivery ${job.data.deliveryId}: the receiver did not take it; retrying`);
  }

  async function install(): Promise<void> {
    await startBoss(db, boss);
    // Also loads the queue into pg-boss's cache, so insert() inside our transaction needs no look-up (PGlite: one connection).
    const existing = await boss.getQueue(WEBHOOK_QUEUE);
    if (!existing) await boss.createQueue(WEBHOOK_QUEUE, policy);
    if (options.concurrency > 0) {
      await boss.work(WEBHOOK_QUEUE, { batchSize: 1, includeMetadata: true, localConcurrency: options.concurrency, pollingIntervalSeconds }, async (jobs: JobWithMetadata<JobData>[]) => {
        for (const job of jobs) await runOne(job);
      });
      timer = setInterval(tick, options.pollMs);
      timer.unref();
      tick();
    }
  }

  return {
    start() {
      started ??= install();
      return started;
    },
    async dispatch() {
      await this.start();
      return dispatch();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      if (started) {
        await started.catch(() => undefined);
        await boss.stop({ graceful: true, timeout: options.timeoutMs + 1000 });
      }
    },
  };
}
