import type { Queryable } from '../db/database.ts';
import { fluentEventSchema, type FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../pipeline/outcome.ts';
import type { AcceptedEvent } from './job-queue.ts';

/**
 * folio_inbox: every webhook accepted, once per key. The row is both the de-duplication record and
 * the job's payload (the job itself only carries the key), so the event is stored once.
 */

/** Inserts the event unless its key is known; returns the job id it was given, or the earlier one. */
export async function recordInInbox(
  tx: Queryable,
  accepted: AcceptedEvent,
  jobId: string,
): Promise<{ inserted: true } | { inserted: false; jobId: string }> {
  const inserted = await tx.query(
    `INSERT INTO folio_inbox (key, event, raw_body, verified_by, job_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (key) DO NOTHING`,
    [accepted.key, accepted.event, accepted.rawBody, accepted.verifiedBy, jobId],
  );
  if (inserted.rowCount === 1) return { inserted: true };
  // A concurrent insert of the same key waited for the first one to commit, so the row is visible now.
  const existing = await tx.query<{ job_id: string }>('SELECT job_id FROM folio_inbox WHERE key = $1', [accepted.key]);
  return { inserted: false, jobId: existing.rows[0]!.job_id };
}

export async function eventFromInbox(db: Queryable, key: string): Promise<FluentEvent> {
  const { rows } = await db.query<{ event: unknown }>('SELECT event FROM folio_inbox WHERE key = $1', [key]);
  if (!rows[0]) throw new PermanentError(`queued event ${key} is missing from folio_inbox`);
  return fluentEventSchema.parse(rows[0].event);
}
