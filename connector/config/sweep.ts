import { z } from 'zod';
import { nonNegativeInt } from './values.ts';

/** The reconciliation sweep (connector/reconcile): entities left DOCUMENT_REQUESTED because their webhook never came. */
export const sweepVariables = {
  /** How often the sweep runs; 0 turns it off. */
  FOLIO_SWEEP_INTERVAL_MS: nonNegativeInt(300_000),
  /** How long an entity must have sat in DOCUMENT_REQUESTED to count as stale; far past Fluent's ~14 s of webhook retries. */
  FOLIO_SWEEP_GRACE_MS: nonNegativeInt(300_000),
  /** Requests per second the sweep (and `folio backfill`, unless --rate) commits at most. */
  FOLIO_SWEEP_RATE: z.coerce.number().positive('expected requests per second above 0').max(1000, 'expected at most 1000 requests per second').default(5),
};
