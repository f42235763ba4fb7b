import type { Queryable } from '../db/database.ts';
import { entityRefOf, tenantOf } from '../core/document-key.ts';

/**
 * Failed documents, computed from Folio's own records so the admin page and /metrics show what the
 * Fluent dashboard tile shows (entities in DOCUMENT_FAILED) without asking Fluent.
 *
 * The audit trail is the record of what was told to Fluent: 'failed' is written when a failure is
 * reported (permanent error, or the last retry used up) and 'reported' when a document is. An entity
 * whose latest of the two is 'failed' is in DOCUMENT_FAILED on Fluent's side — the workflow moves it
 * there on FolioDocumentFailed and out of it only on FolioDocumentGenerated. That covers failures
 * before a number was assigned too, which have no folio_documents row.
 *
 * Jobs the queue failed without our handler (a worker killed on every attempt until the claims ran
 * out) never reached Fluent; they are listed as well, flagged `reportedToFluent: false`, and are
 * not part of the tile count.
 */
export interface Failure {
  /** Tenant (account:retailer) and entity, as the audit trail names them. */
  tenant: string;
  entityRef: string;
  entityType?: string;
  /** The document, when a number had been assigned. */
  documentKey?: string;
  documentType?: string;
  number?: string;
  reason: string;
  failedAt: Date;
  /** The Fluent event that asked for the document; replay re-enqueues it. */
  eventId: string;
  /** Its folio_inbox key (account|event id). */
  inboxKey: string;
  reportedToFluent: boolean;
}

export interface FailureQueryOptions {
  queueSchema?: string;
  queueName?: string;
}

interface AuditRow {
  tenant: string;
  entity_ref: string;
  at: Date | string;
  inbox_key: string | null;
  event_id: string | null;
  reason: string | null;
  document_key: string | null;
  document_type: string | null;
  number: string | null;
  entity_type: string | null;
}

interface JobRow {
  inbox_key: string;
  event: { id: string; accountId: string; retailerId: string; entityType: string; entityRef?: string; entityId?: string };
  output: { error?: string } | string | null;
  completed_on: Date | string | null;
}

/** Entities whose last outcome told to Fluent is a failure, newest first. */
const REPORTED_FAILURES = `
  WITH latest AS (
    SELECT DISTINCT ON (tenant, entity_ref) tenant, entity_ref, step, at, details
      FROM folio_audit_events
     WHERE step IN ('failed', 'reported') AND entity_ref IS NOT NULL AND tenant IS NOT NULL
     ORDER BY tenant, entity_ref, id DESC
  )
  SELECT l.tenant, l.entity_ref, l.at, l.details->>'reason' AS reason,
         i.key AS inbox_key, i.event_id,
         d.key AS document_key, d.document_type, d.number, d.entity_type
    FROM latest l
    LEFT JOIN LATERAL (
      SELECT key, document_type, number, entity_type FROM folio_documents
       WHERE account_id || ':' || retailer_id = l.tenant AND entity_ref = l.entity_ref
       ORDER BY (status = 'failed') DESC, updated_at DESC LIMIT 1
    ) d ON true
    -- The event Fluent sent about the entity (not a replay of it), preferring the one that failed.
    -- Found by entity rather than by the audit's eventId, which the audit's redaction may have altered.
    LEFT JOIN LATERAL (
      SELECT key, event->>'id' AS event_id FROM folio_inbox
       WHERE coalesce(event->>'entityRef', 'id:' || (event->>'entityId')) = l.entity_ref
         AND (event->>'accountId') || ':' || (event->>'retailerId') = l.tenant
         AND position('|retry|' in key) = 0
       ORDER BY (event->>'id' = l.details->>'eventId') DESC, received_at DESC LIMIT 1
    ) i ON true
   WHERE l.step = 'failed'
   ORDER BY l.at DESC`;

export async function listFailures(db: Queryable, options: FailureQueryOptions = {}): Promise<Failure[]> {
  const { rows } = await db.query<AuditRow>(REPORTED_FAILURES);
  const failures: Failure[] = rows.map((row) => {
    return {
      tenant: row.tenant,
      entityRef: row.entity_ref,
      ...(row.entity_type && { entityType: row.entity_type }),
      ...(row.document_key && { documentKey: row.document_key }),
      ...(row.document_type && { documentType: row.document_type }),
      ...(row.number && { number: row.number }),
      reason: row.reason ?? 'unknown',
      failedAt: new Date(row.at),
      eventId: row.event_id ?? '',
      inboxKey: row.inbox_key ?? '',
      reportedToFluent: true,
    };
  });
  const known = new Set(failures.map((f) => `${f.tenant}|${f.entityRef}`));
  for (const job of await unreportedJobFailures(db, options)) {
    const entityRef = entityRefOf(job.event);
    const tenant = tenantOf(job.event);
    if (known.has(`${tenant}|${entityRef}`)) continue;
    known.add(`${tenant}|${entityRef}`);
    const output = typeof job.output === 'string' ? job.output : job.output?.error;
    failures.push({
      tenant,
      entityRef,
      entityType: job.event.entityType,
      reason: output ?? 'the job failed without a recorded reason',
      failedAt: new Date(job.completed_on ?? Date.now()),
      eventId: job.event.id,
      inboxKey: originalInboxKey(job.inbox_key),
      reportedToFluent: false,
    });
  }
  return failures;
}

/** The count the Fluent DOCUMENT_FAILED tile shows: failures Fluent was told about. */
export async function countReportedFailures(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ count: string | number }>(`SELECT count(*) AS count FROM (${REPORTED_FAILURES}) f`);
  return Number(rows[0]?.count ?? 0);
}

/**
 * Failed queue jobs whose entity has no outcome in the audit trail at all: the handler never got to
 * report (its worker was killed on every attempt). Newer outcomes hide older failed jobs.
 */
async function unreportedJobFailures(db: Queryable, options: FailureQueryOptions): Promise<JobRow[]> {
  const schema = options.queueSchema ?? 'folio_queue';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  const { rows } = await db.query<JobRow>(
    `SELECT i.key AS inbox_key, i.event, j.output, j.completed_on
       FROM ${schema}.job j
       JOIN folio_inbox i ON i.job_id = j.id::text
      WHERE j.name = $1 AND j.state = 'failed'
        AND NOT EXISTS (
          SELECT 1 FROM folio_audit_events a
           WHERE a.step IN ('failed', 'reported')
             AND a.entity_ref = coalesce(i.event->>'entityRef', 'id:' || (i.event->>'entityId'))
             AND a.tenant = (i.event->>'accountId') || ':' || (i.event->>'retailerId'))
      ORDER BY j.completed_on DESC`,
    [options.queueName ?? 'folio-documents'],
  );
  return rows;
}

/** `ACME|E1|retry|2` → `ACME|E1`: replays are numbered against the event Fluent sent. */
export function originalInboxKey(key: string): string {
  const at = key.indexOf('|retry|');
  return at === -1 ? key : key.slice(0, at);
}
