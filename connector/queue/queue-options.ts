import type { Database } from '../db/database.ts';

export interface JobQueueOptions {
  /**
   * Where webhook acknowledgements commit (default: the queue's database). On PostgreSQL, a small pool
   * of its own, so an ack never waits behind the workers for a connection.
   */
  acceptDatabase?: Database;
  /** Tries before a job is failed for good (default 5). */
  maxAttempts?: number;
  /** First retry delay (default 5 s); doubles each try, with jitter. Whole seconds (pg-boss), at least 1 s. */
  backoffBaseMs?: number;
  /** Longest retry delay (default 5 min). Whole seconds. */
  backoffMaxMs?: number;
  /** How often an idle worker looks for jobs (default 1 s; at least 500 ms). Accepts in this process wake it at once. */
  pollIntervalMs?: number;
  /** Jobs run at once in this process (default 2); work() may override it. */
  concurrency?: number;
  /**
   * Jobs one fetch may claim (default 4). A backlog is then claimed and completed a few jobs per
   * statement instead of one; still only `concurrency` jobs run at once, the others claimed wait in
   * this process for a free slot. At most concurrency × claimBatch jobs are claimed by one process.
   */
  claimBatch?: number;
  /**
   * How long a job may run (default 10 min), counted from its claim: a claimed job's wait for a free
   * slot counts too. A job still claimed after that, because its worker died or hangs, is released and
   * retried; so keep it well above the slowest legitimate job times claimBatch.
   */
  visibilityTimeoutMs?: number;
  /** How often expired claims are looked for (default 30 s; at least 1 s). */
  staleCheckIntervalMs?: number;
  /**
   * How long a job of this process waits, at most, for webhook acknowledgements in this process to be
   * committed before it starts (default 50 ms; 0: never). Acks and jobs share the cores and the
   * database; at a burst, acks go first and the queue absorbs the jobs. The bound keeps jobs moving
   * under sustained intake: a render takes longer than the wait, so only cheap jobs slow down much.
   */
  intakeYieldMs?: number;
  /** How long stop() waits for jobs in flight (default 30 s). */
  stopTimeoutMs?: number;
  /** pg-boss queue name (default 'folio-documents'). */
  queueName?: string;
  /** Schema pg-boss keeps its tables in (default 'folio_queue'). */
  schema?: string;
  /** Errors from the queue's background work (maintenance, polling); default: printed to stderr. */
  onError?: (error: unknown) => void;
}

/** The options in the units pg-boss takes (seconds, mostly whole). */
export interface BossSettings {
  queueName: string;
  schema: string;
  retryLimit: number;
  retryDelay: number;
  retryDelayMax: number;
  expireInSeconds: number;
  pollingIntervalSeconds: number;
  superviseIntervalSeconds: number;
  concurrency: number;
  claimBatch: number;
  intakeYieldMs: number;
  stopTimeoutMs: number;
  onError: (error: unknown) => void;
}

export function bossSettings(options: JobQueueOptions): BossSettings {
  const maxAttempts = wholeNumber('maxAttempts', options.maxAttempts ?? 5);
  const schema = options.schema ?? 'folio_queue';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  const wholeSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
  const retryDelay = wholeSeconds(options.backoffBaseMs ?? 5_000);
  return {
    queueName: options.queueName ?? 'folio-documents',
    schema,
    retryLimit: maxAttempts - 1,
    retryDelay,
    retryDelayMax: Math.max(retryDelay, wholeSeconds(options.backoffMaxMs ?? 300_000)),
    expireInSeconds: wholeSeconds(options.visibilityTimeoutMs ?? 600_000),
    pollingIntervalSeconds: Math.max(0.5, (options.pollIntervalMs ?? 1_000) / 1000),
    superviseIntervalSeconds: wholeSeconds(options.staleCheckIntervalMs ?? 30_000),
    concurrency: Math.max(1, options.concurrency ?? 2),
    claimBatch: wholeNumber('claimBatch', options.claimBatch ?? 4),
    intakeYieldMs: Math.max(0, options.intakeYieldMs ?? 50),
    stopTimeoutMs: options.stopTimeoutMs ?? 30_000,
    onError: options.onError ?? ((error) => console.error('job queue:', error instanceof Error ? error.message : error)),
  };
}

function wholeNumber(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1, not ${value}`);
  return value;
}
