import { expect, it } from 'vitest';
import { createJobQueue } from '../../connector/queue/create-job-queue.ts';
import type { BillingEntity } from '../../connector/reconcile/billing-entity.ts';
import { folioStateOf } from '../../connector/reconcile/folio-state.ts';
import { commitRequest, requestEventId } from '../../connector/reconcile/request-document.ts';
import { describeOnBothDatabases } from '../support/databases.ts';

const target = { accountId: 'ACME', retailerId: '1' };
const entity = (ref: string, updatedOn = '2026-12-01T10:00:00.000Z'): BillingEntity => ({
  entityType: 'INVOICE',
  id: ref.replace(/\D/g, ''),
  ref,
  status: 'DOCUMENT_REQUESTED',
  updatedOn,
  root: { id: '7', ref: 'BA-7' },
});

describeOnBothDatabases('reconcile: what Folio holds for an entity, and its own requests', (fresh) => {
  it('commits one request per entity state: the same state again is a duplicate, a new state a new request', async () => {
    const { db } = await fresh();
    const queue = createJobQueue(db, { onError: () => {} });
    try {
      const first = await commitRequest(queue, target, entity('INV-1'), 'folio-sweep');
      const again = await commitRequest(queue, target, entity('INV-1'), 'folio-backfill');
      expect(first.status).toBe('accepted');
      expect(again).toEqual({ status: 'duplicate', jobId: first.jobId, key: first.key });
      expect(first.key).toBe(`ACME|${requestEventId('ACME', entity('INV-1'))}`);
      const later = await commitRequest(queue, target, entity('INV-1', '2026-12-02T10:00:00.000Z'), 'folio-sweep');
      expect(later.key).not.toBe(first.key);

      // The inbox row is the webhook Fluent's CREATE ruleset would have sent.
      const { rows } = await db.query<{ event: Record<string, unknown>; verified_by: string }>('SELECT event, verified_by FROM folio_inbox WHERE key = $1', [first.key]);
      expect(rows[0]).toMatchObject({
        verified_by: 'folio-sweep',
        event: { name: 'FolioDocumentRequested', accountId: 'ACME', retailerId: '1', entityType: 'INVOICE', entityRef: 'INV-1', entityId: '1', rootEntityType: 'BILLING_ACCOUNT', rootEntityRef: 'BA-7', source: 'folio-sweep' },
      });
    } finally {
      await queue.stop();
    }
  });

  it('finds documents by entity and requests by the entity their event is about, pending or not', async () => {
    const { db } = await fresh();
    const queue = createJobQueue(db, { onError: () => {} });
    try {
      await queue.start();
      await commitRequest(queue, target, entity('INV-2'), 'folio-sweep');
      await db.query(
        `INSERT INTO folio_documents (key, account_id, retailer_id, document_type, entity_type, entity_ref, series, seq, number, status)
         VALUES ('ACME|1|invoice|INVOICE|INV-3', 'ACME', '1', 'invoice', 'INVOICE', 'INV-3', 's', 1, 'INV-1', 'reported')`,
      );
      const known = await folioStateOf(db, target, [entity('INV-2'), entity('INV-3'), entity('INV-4')]);
      expect(known.get('INVOICE|INV-2')).toEqual({ requests: [`ACME|${requestEventId('ACME', entity('INV-2'))}`], pending: true });
      expect(known.get('INVOICE|INV-3')).toEqual({ document: 'reported', requests: [], pending: false });
      expect(known.get('INVOICE|INV-4')).toEqual({ requests: [], pending: false });
    } finally {
      await queue.stop();
    }
  });
});
