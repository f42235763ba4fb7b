import type { FluentEvent } from '../../fluent/event-model.ts';

/** A webhook accepted from Fluent: the parsed event plus the exact bytes that were signed. */
export interface AcceptedEvent {
  /** De-duplication key: the Fluent account plus the event id. */
  key: string;
  event: FluentEvent;
  rawBody: string;
  /** Which configured public key verified it (environment name), for the audit trail. */
  verifiedBy: string;
}

export interface AcceptResult {
  /** 'accepted' the first time the key is seen; 'duplicate' after that (nothing new is queued). */
  status: 'accepted' | 'duplicate';
  jobId: string;
}

export interface Job {
  id: string;
  key: string;
  event: FluentEvent;
  /** 1 for the first try. */
  attempt: number;
  /** The try after which the job is given up (failure reported to Fluent). */
  maxAttempts: number;
}

/**
 * Processes one job. Returning completes it. What it throws decides the rest (core/errors.ts):
 * a PermanentError fails the job at once; a NothingToDoError completes it; anything else is retried
 * with exponential backoff and jitter until maxAttempts, then the job is failed.
 */
export type JobHandler = (job: Job) => Promise<void>;

/**
 * A durable job queue in SQL. `accept` returns only after the event is committed, so an accepted
 * webhook is never lost; a handler that throws is retried with backoff until maxAttempts.
 */
export interface JobQueue {
  /** Installs or upgrades the queue's tables; the other methods call it themselves when needed. */
  start(): Promise<void>;
  accept(event: AcceptedEvent): Promise<AcceptResult>;
  /** Starts workers calling handler; `concurrency` jobs at a time in this process. */
  work(handler: JobHandler, options?: { concurrency?: number }): Promise<void>;
  /** Counts jobs by state (for health, metrics and tests). */
  counts(): Promise<Record<'queued' | 'active' | 'completed' | 'failed', number>>;
  /**
   * Stops taking new jobs, waits for those in flight, releases the queue's timers. The Database
   * passed to createJobQueue stays open: it belongs to whoever opened it.
   */
  stop(): Promise<void>;
}
