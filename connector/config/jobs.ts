import { thisMachine, workerConcurrencyFor } from './machine-defaults.ts';
import { nonNegativeInt, positiveInt } from './values.ts';

/** The durable job queue: retries, claims, polling, and how many jobs and pages run at once. */
export const jobVariables = {
  FOLIO_MAX_ATTEMPTS: positiveInt(5),
  FOLIO_RETRY_BASE_MS: positiveInt(2000),
  /** Longest retry delay (whole seconds in the queue). */
  FOLIO_RETRY_MAX_MS: positiveInt(300_000),
  /** How long a claimed job may run before it is considered abandoned (worker died) and retried. */
  FOLIO_JOB_TIMEOUT_MS: positiveInt(600_000),
  /** How often abandoned claims are looked for (at least 1 s). */
  FOLIO_STALE_CHECK_MS: positiveInt(30_000),
  /** How often an idle worker polls for jobs another process queued (at least 500 ms). */
  FOLIO_POLL_INTERVAL_MS: positiveInt(1_000),
  /** How long a graceful stop (SIGTERM) waits for jobs in flight. */
  FOLIO_STOP_TIMEOUT_MS: positiveInt(30_000),
  /** Jobs at once; by default from the machine (machine-defaults.ts). */
  FOLIO_WORKER_CONCURRENCY: positiveInt(workerConcurrencyFor(thisMachine())),
  /** Longest a job waits for this process's webhook acks to commit before it starts; 0: never waits. */
  FOLIO_INTAKE_YIELD_MS: nonNegativeInt(50),
  /** Embedded PGlite only (it has no autovacuum of its own): how often tables are vacuumed as autovacuum would; 0 = never. */
  FOLIO_EMBEDDED_VACUUM_INTERVAL_MS: nonNegativeInt(60_000),
};
