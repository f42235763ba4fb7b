import type { AuditSink } from '../core/ports/audit-sink.ts';
import type { Queryable } from '../db/database.ts';
import { fluentEventSchema } from '../fluent/event-model.ts';
import type { JobQueue } from '../core/ports/job-queue.ts';
import { listFailures, type Failure, type FailureQueryOptions } from './failures.ts';

/**
 * Replay of a failed document: the original Fluent event is queued again as a new job under a new
 * inbox key, `<inbox key>|retry|<n>`. The original key stays taken, so Fluent's own redeliveries of
 * that event are still duplicates; two people clicking retry at once compute the same n and the
 * second finds a duplicate instead of queuing a second job.
 *
 * Nothing is made twice: the job runs the same pipeline, whose number is tied to the document key
 * (one per entity and type), whose file is stored under that number, whose deliveries go through the
 * outbox — so a replay completes the document that failed rather than making another.
 */
export interface ReplayDeps extends FailureQueryOptions {
  db: Queryable;
  queue: JobQueue;
  audit?: AuditSink;
}

export type RetryResult =
  | { status: 'queued'; failure: Failure; inboxKey: string; jobId: string }
  | { status: 'already-queued'; failure: Failure; inboxKey: string; jobId: string };

/** The target names nothing that is failed (it may be fine, unknown, or already replayed and done). */
export class NothingToRetryError extends Error {
  override readonly name = 'NothingToRetryError';
}

/** Finds the failure a person names — document key, entity ref or inbox key — and replays it. */
export async function retryDocument(deps: ReplayDeps, target: string, actor = 'admin'): Promise<RetryResult> {
  const failures = await listFailures(deps.db, deps);
  const failure = failures.find((f) => f.documentKey === target || f.entityRef === target || f.inboxKey === target);
  if (!failure) throw new NothingToRetryError(`${target} names no failed document`);
  return replayFailure(deps, failure, actor);
}

/** Replays every failed document; one that cannot be replayed does not stop the others. */
export async function retryAllFailed(deps: ReplayDeps, actor = 'admin'): Promise<{ results: RetryResult[]; errors: { failure: Failure; error: string }[] }> {
  const results: RetryResult[] = [];
  const errors: { failure: Failure; error: string }[] = [];
  for (const failure of await listFailures(deps.db, deps)) {
    try {
      results.push(await replayFailure(deps, failure, actor));
    } catch (error) {
      errors.push({ failure, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { results, errors };
}

interface InboxRow {
  key: string;
  event: unknown;
  raw_body: string;
  verified_by: string;
  job_id: string;
  state: string | null;
}

export async function replayFailure(deps: ReplayDeps, failure: Failure, actor: string): Promise<RetryResult> {
  const schema = deps.queueSchema ?? 'folio_queue';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  const { rows } = await deps.db.query<InboxRow>(
    // An inbox row without queued_at is a job about to be made: as good as 'created'.
    `SELECT i.key, i.event, i.raw_body, i.verified_by, i.job_id,
            COALESCE(j.state::text, CASE WHEN i.queued_at IS NULL THEN 'created' END) AS state
       FROM folio_inbox i LEFT JOIN ${schema}.job j ON j.id::text = i.job_id
      WHERE i.key = $1 OR left(i.key, length($1) + 7) = $1 || '|retry|'
      ORDER BY i.received_at`,
    [failure.inboxKey],
  );
  const original = rows.find((row) => row.key === failure.inboxKey);
  if (!original) throw new NothingToRetryError(`the event that asked for ${failure.entityRef} (${failure.inboxKey}) is no longer in the inbox`);

  // A job for this event still waiting or running: a second one would only race it.
  const pending = rows.find((row) => row.state === 'created' || row.state === 'retry' || row.state === 'active');
  if (pending) return { status: 'already-queued', failure, inboxKey: pending.key, jobId: pending.job_id };

  const n = 1 + Math.max(0, ...rows.map((row) => Number(/\|retry\|(\d+)$/.exec(row.key)?.[1] ?? 0)));
  const inboxKey = `${failure.inboxKey}|retry|${n}`;
  const accepted = await deps.queue.accept({
    key: inboxKey,
    event: fluentEventSchema.parse(original.event),
    rawBody: original.raw_body,
    verifiedBy: `${original.verified_by} (replayed by ${actor})`,
  });
  if (accepted.status === 'accepted') {
    await deps.audit?.record({
      step: 'retried',
      entityRef: failure.entityRef,
      tenant: failure.tenant,
      details: { eventId: failure.eventId, replay: n, by: actor, inboxKey },
    });
  }
  return { status: accepted.status === 'accepted' ? 'queued' : 'already-queued', failure, inboxKey, jobId: accepted.jobId };
}
