import type { Queryable } from '../db/database.ts';
import { PermanentError } from '../core/errors.ts';
import { AUDIT_STEPS, type AuditEvent, type AuditEventInput, type AuditSink } from '../core/ports/audit-sink.ts';
import { GroupCommit } from '../db/group-commit.ts';
import { redactPersonalData } from './redact.ts';

interface AuditRow {
  id: string | number;
  at: Date | string;
  step: AuditEvent['step'];
  document_key: string | null;
  entity_ref: string | null;
  tenant: string | null;
  sha256: string | null;
  channel: string | null;
  recipient_hash: string | null;
  details: Record<string, unknown> | string;
}

/** Rows per insert, and inserts under way at once: a few jobs' steps land together, one commit at a time. */
const MAX_BATCH = 200;
const MAX_IN_FLIGHT = 1;

const COLUMNS = 'id, at, step, document_key, entity_ref, tenant, sha256, channel, recipient_hash, details';

/** Appends one event. There is deliberately no update or delete anywhere in this module. */
export async function recordAuditEvent(db: Queryable, event: AuditEventInput): Promise<AuditEvent> {
  return (await recordAuditEvents(db, [event]))[0]!;
}

/**
 * Appends events in one statement, in the given order (ids ascend with it), and answers them in the
 * same order. Each is checked first: one bad event fails the batch before anything is written.
 */
export async function recordAuditEvents(db: Queryable, events: readonly AuditEventInput[]): Promise<AuditEvent[]> {
  events.forEach(checkEvent);
  const column = <T>(pick: (event: AuditEventInput) => T | undefined) => events.map((event) => pick(event) ?? null);
  const { rows } = await db.query<AuditRow>(
    `INSERT INTO folio_audit_events (at, step, document_key, entity_ref, tenant, sha256, channel, recipient_hash, details)
     SELECT COALESCE(at, now()), step, document_key, entity_ref, tenant, sha256, channel, recipient_hash, details
       FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
            WITH ORDINALITY AS t(at, step, document_key, entity_ref, tenant, sha256, channel, recipient_hash, details, position)
      ORDER BY position
     RETURNING ${COLUMNS}`,
    [
      column((event) => event.at?.toISOString()), column((event) => event.step), column((event) => event.documentKey),
      column((event) => event.entityRef), column((event) => event.tenant), column((event) => event.sha256),
      column((event) => event.channel), column((event) => event.recipientHash),
      events.map((event) => JSON.stringify(redactPersonalData(event.details ?? {}))),
    ],
  );
  // Ids are drawn in insertion order, which ORDER BY position fixes.
  return rows.map(toEvent).sort((a, b) => a.id - b.id);
}

/** The trail of a document, found by its storage key or by the Fluent entity ref, oldest first. */
export async function listAudit(db: Queryable, documentKeyOrEntityRef: string): Promise<AuditEvent[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT ${COLUMNS} FROM folio_audit_events
      WHERE document_key = $1 OR entity_ref = $1
         -- an entity's trail also includes the steps recorded against its document key only
         OR document_key IN (SELECT document_key FROM folio_audit_events WHERE entity_ref = $1 AND document_key IS NOT NULL)
      ORDER BY at, id`,
    [documentKeyOrEntityRef],
  );
  return rows.map(toEvent);
}

/** The audit sink, answering the events as stored, and the trail's reader. */
export interface AuditTrail extends AuditSink {
  record(event: AuditEventInput): Promise<AuditEvent>;
  list(ref: string): Promise<AuditEvent[]>;
}

/**
 * The audit sink the connector runs with. Events recorded at the same moment (concurrent jobs, a burst)
 * share one insert (db/group-commit.ts); each record() still resolves only once its event is committed.
 */
export function createAuditTrail(db: Queryable): AuditTrail {
  const commits = new GroupCommit<AuditEventInput, AuditEvent>({
    write: (events) => recordAuditEvents(db, events),
    maxBatch: MAX_BATCH,
    maxInFlight: MAX_IN_FLIGHT,
  });
  return {
    async record(event) {
      // A bad event fails alone, before it can fail a batch of good ones.
      checkEvent(event);
      return commits.submit(event);
    },
    list: (ref) => listAudit(db, ref),
  };
}

function checkEvent(event: AuditEventInput): void {
  if (!AUDIT_STEPS.includes(event.step)) throw new PermanentError(`unknown audit step ${JSON.stringify(event.step)}`);
  if (!event.documentKey && !event.entityRef) throw new PermanentError('an audit event needs a document key or an entity ref');
}

function toEvent(row: AuditRow): AuditEvent {
  const event: AuditEvent = {
    id: Number(row.id),
    at: row.at instanceof Date ? row.at : new Date(row.at),
    step: row.step,
    details: typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, unknown>) : row.details,
  };
  if (row.document_key !== null) event.documentKey = row.document_key;
  if (row.entity_ref !== null) event.entityRef = row.entity_ref;
  if (row.tenant !== null) event.tenant = row.tenant;
  if (row.sha256 !== null) event.sha256 = row.sha256;
  if (row.channel !== null) event.channel = row.channel;
  if (row.recipient_hash !== null) event.recipientHash = row.recipient_hash;
  return event;
}
