import { createAuditTrail } from '../../../connector/audit/audit-trail.ts';
import type { Database } from '../../../connector/db/database.ts';
import { claimDelivery, idempotencyKeyOf, recordSent } from '../../../connector/deliver/outbox.ts';
import { createLinkRevocations } from '../../../connector/links/revocations.ts';
import type { DocumentStore } from '../../../connector/core/ports/document-store.ts';
import { seedDocument, type SeededDocument } from '../../api/support/seed-documents.ts';

/**
 * Each fact a webhook reports, written by Folio's own writers (records, audit trail, delivery outbox,
 * link revocations) as the pipeline and the CLI write them; the events come from those writes alone.
 */
export function factsOn(db: Database, store: DocumentStore) {
  const audit = createAuditTrail(db);
  return {
    /** document.generated: numbered, rendered, stored. */
    generated: (scope: { accountId: string; retailerId: string }, entityRef: string): Promise<SeededDocument> => seedDocument(db, { ...scope, entityRef, store }),
    /** document.failed: the pipeline gave up (handle-job.ts records this step). */
    failed: (scope: { accountId: string; retailerId: string }, entityRef: string, reason: string) =>
      audit.record({ step: 'failed', entityRef, tenant: `${scope.accountId}:${scope.retailerId}`, details: { eventId: `evt-${entityRef}`, reason, attempt: 5 } }),
    /** document.delivered: the e-mail channel's outbox row reaches `sent`. */
    async delivered(document: SeededDocument) {
      const entry = { idempotencyKey: idempotencyKeyOf(document.stored!.key, 'email', 'hash-of-recipient'), documentKey: document.stored!.key, channel: 'email' as const, recipientHash: 'hash-of-recipient' };
      await claimDelivery(db, entry);
      await recordSent(db, entry.idempotencyKey, 'smtp-250-ok');
    },
    /** document.revoked: `folio links revoke`. */
    revoked: (document: SeededDocument, reason: string) => createLinkRevocations(db).revoke(document.stored!.key, reason),
  };
}
