import { expect, it } from 'vitest';
import { listAudit, recordAuditEvent } from '../../connector/audit/audit-trail.ts';
import { fluentEventSchema } from '../../connector/fluent/event-model.ts';
import { commitRequest } from '../../connector/reconcile/request-document.ts';
import { describeOnBothDatabases } from '../support/databases.ts';
import { queueOn, untilCounts, webhook } from '../queue/queue-fixtures.ts';

describeOnBothDatabases('audit step received: every accepted request, once, first in its trail', (fresh) => {
  it('records an accepted webhook once, dated when it was accepted, before the steps of its job', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db);
    await queue.work(async (job) => void (await recordAuditEvent(db, { step: 'fetched', entityRef: job.event.entityRef!, details: { eventId: job.event.id } })));
    await queue.accept(webhook('R-1'));
    // Fluent's retry of the same webhook is a duplicate: no second `received`.
    await queue.accept(webhook('R-1'));
    await untilCounts(queue, { completed: 1, queued: 0, active: 0 });

    const trail = await listAudit(db, 'O-R-1');
    expect(trail.map((event) => event.step)).toEqual(['received', 'fetched']);
    const { rows } = await db.query<{ received_at: Date }>('SELECT received_at FROM folio_inbox WHERE key = $1', ['ACME|R-1']);
    expect(trail[0]).toMatchObject({ at: new Date(rows[0]!.received_at), tenant: 'ACME:1', details: { eventId: 'R-1', event: 'OrderCreated', verifiedBy: 'test-key' } });
  });

  it('records Folio’s own sweep request, naming the requester, and an event known by id only', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db);
    await queue.work(async () => {});
    await commitRequest(queue, { accountId: 'ACME', retailerId: '2' }, { entityType: 'INVOICE', id: '77', ref: 'INV-77', status: 'DOCUMENT_REQUESTED' }, 'folio-sweep');
    const byId = fluentEventSchema.parse({ id: 'R-2', name: 'OrderCreated', accountId: 'ACME', retailerId: 1, entityType: 'ORDER', entityId: 42 });
    await queue.accept({ key: 'ACME|R-2', event: byId, rawBody: JSON.stringify(byId), verifiedBy: 'test-key' });
    await untilCounts(queue, { completed: 2, queued: 0, active: 0 });

    expect(await listAudit(db, 'INV-77')).toMatchObject([{ step: 'received', tenant: 'ACME:2', details: { verifiedBy: 'folio-sweep' } }]);
    expect(await listAudit(db, 'id:42')).toMatchObject([{ step: 'received', details: { eventId: 'R-2' } }]);
  });
});
