import type { Queryable } from '../db/database.ts';
import type { AuditStep } from '../core/ports/audit-sink.ts';

const RECEIVED: AuditStep = 'received';

/**
 * Writes the `received` step of accepted requests: Fluent's webhooks and Folio's own sweep and backfill
 * requests alike, since both enter through folio_inbox (reconcile/request-document.ts).
 *
 * Called by the inbox dispatcher inside the transaction that turns the rows into jobs, not on the ack:
 * the ack must stay one SQL statement (queue/accept-batcher.ts), and a second write there would cost
 * every webhook a round trip. The dispatcher takes each row exactly once (it stamps queued_at in the
 * same transaction), in batches off the webhook's path, so one INSERT … SELECT per batch writes each
 * step once. It is dated with the row's received_at, so the trail still shows it first. The details
 * hold no personal data (ids, the event name, which key or requester verified it), so recordAuditEvent's
 * redaction is not needed.
 */
export async function recordReceived(tx: Queryable, inboxKeys: readonly string[]): Promise<void> {
  await tx.query(
    `INSERT INTO folio_audit_events (at, step, entity_ref, tenant, details)
     SELECT received_at, $2,
            -- entityRefOf and tenantOf (core/document-key.ts) in SQL, so a batch is one statement
            COALESCE(event->>'entityRef', 'id:' || (event->>'entityId')),
            (event->>'accountId') || ':' || (event->>'retailerId'),
            jsonb_build_object('eventId', event->>'id', 'event', event->>'name', 'verifiedBy', verified_by)
       FROM folio_inbox WHERE key = ANY($1::text[])
      ORDER BY received_at, key`,
    [inboxKeys, RECEIVED],
  );
}
