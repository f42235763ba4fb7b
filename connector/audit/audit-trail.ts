import type { Queryable } from '../db/database.ts';
import { PermanentError } from '../core/errors.ts';
import { AUDIT_STEPS, type AuditEvent, type AuditEventInput, type AuditSink } from '../core/ports/audit-sink.ts';
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

const COLUMNS = 'id, at, step, document_key, entity_ref, tenant, sha256, channel, recipient_hash, details';

/** Appends one event. There is deliberately no update or delete anywhere in this module. */
export async function recordAuditEvent(db: Queryable, event: AuditEventInput): Promise<AuditEvent> {
  if (!AUDIT_STEPS.includes(event.step)) throw new PermanentError(`unknown audit step ${JSON.stringify(event.step)}`);
  if (!event.documentKey && !event.entityRef) throw new PermanentError('an audit event needs a document key or an entity ref');
  const details = redactPersonalData(event.details ?? {});
  const { rows } = await db.query<AuditRow>(
    `INSERT INTO folio_audit_events (at, step, document_key, entity_ref, tenant, sha256, channel, recipient_hash, details)
     VALUES (COALESCE($1::timestamptz, now()), $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
     RETURNING ${COLUMNS}`,
    [
      event.at?.toISOString() ?? null, event.step, event.documentKey ?? null, event.entityRef ?? null, event.tenant ?? null,
      event.sha256 ?? null, event.channel ?? null, event.recipientHash ?? null, JSON.stringify(details),
    ],
  );
  return toEvent(rows[0]!);
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

export function createAuditTrail(db: Queryable): AuditSink & { list(ref: string): Promise<AuditEvent[]> } {
  return {
    record: (event) => recordAuditEvent(db, event),
    list: (ref) => listAudit(db, ref),
  };
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
