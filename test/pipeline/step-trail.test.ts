import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditTrail, listAudit } from '../../connector/audit/audit-trail.ts';
import type { Database } from '../../connector/db/database.ts';
import { stepTrail } from '../../connector/pipeline/step-trail.ts';
import { createTestDatabase } from '../audit/support/test-database.ts';

describe('the steps of one pipeline run in the audit trail', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  it('writes held steps with the next lasting one, in one statement and in order', async () => {
    const steps = stepTrail(createAuditTrail(db));
    steps.hold({ step: 'fetched', entityRef: 'INV-HELD-1', details: { eventId: 'e-1' } });
    steps.hold({ step: 'rendered', entityRef: 'INV-HELD-1', details: { eventId: 'e-1' } });
    expect(await listAudit(db, 'INV-HELD-1')).toEqual([]);
    await steps.record({ step: 'stored', entityRef: 'INV-HELD-1', documentKey: 'ACME/1/invoice/H-1.pdf', details: { eventId: 'e-1' } });
    const trail = await listAudit(db, 'INV-HELD-1');
    expect(trail.map((event) => event.step)).toEqual(['fetched', 'rendered', 'stored']);
    // One statement: one transaction time for all three, ids in the order the steps happened.
    expect(new Set(trail.map((event) => event.at.getTime())).size).toBe(1);
    expect(trail.map((event) => event.id)).toEqual([...trail.map((event) => event.id)].sort((a, b) => a - b));
    // Nothing stays held: the next record writes itself alone.
    await steps.record({ step: 'reported', entityRef: 'INV-HELD-1', details: { eventId: 'e-1' } });
    expect((await listAudit(db, 'INV-HELD-1')).map((event) => event.step)).toEqual(['fetched', 'rendered', 'stored', 'reported']);
  });

  it('flushes what is held when the run fails, so the failure follows the steps done', async () => {
    const audit = createAuditTrail(db);
    const steps = stepTrail(audit);
    steps.hold({ step: 'fetched', entityRef: 'INV-HELD-2', details: { eventId: 'e-2' } });
    await steps.flush();
    await audit.record({ step: 'failed', entityRef: 'INV-HELD-2', details: { eventId: 'e-2', reason: 'no lines' } });
    expect((await listAudit(db, 'INV-HELD-2')).map((event) => event.step)).toEqual(['fetched', 'failed']);
    await steps.flush();
    expect(await listAudit(db, 'INV-HELD-2')).toHaveLength(2);
  });
});
