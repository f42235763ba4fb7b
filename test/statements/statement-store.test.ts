import { expect, it } from 'vitest';
import { createAuditTrail } from '../../connector/audit/audit-trail.ts';
import { PermanentError } from '../../connector/core/errors.ts';
import { cycleAfter, cycleOf } from '../../connector/statements/cycle.ts';
import { statementOf } from '../../connector/statements/ledger.ts';
import { addAdjustment, adjustmentsOf, closeCycle, countedKeys, findClosedCycle } from '../../connector/statements/statement-store.ts';
import { describeOnBothDatabases } from '../support/databases.ts';
import { SELLERS, sampleActivities } from './fixtures.ts';

const seller = SELLERS[1]!;
const november = cycleOf(seller.billingCycle, '2026-11');

describeOnBothDatabases('closed seller cycles', (fresh) => {
  const close = async (db: Parameters<typeof closeCycle>[0], activities = sampleActivities('D')) => {
    const { entries, payout } = statementOf(seller, november, activities, await countedKeys(db, 'ACME', seller.ref));
    return closeCycle(db, { accountId: 'ACME', retailerId: '1', seller, cycle: november, entries, payout, vatStatus: 'standard', standardRateBp: 2300, withInvoice: true, country: 'IE' });
  };

  it('closes a cycle once: entries, payout and two numbers in their own series; closing again returns it unchanged', async () => {
    const { db } = await fresh();
    const first = await close(db);
    expect(first.invoice!.number).toBe('CI-IE2026-000001');
    expect(first.statement.number).toBe('ST-IE2026-000001');
    expect(first.entries.map((e) => e.key)).toEqual(['sale:D-ORD-1', 'sale:D-ORD-2', 'refund:D-CM-1', 'adjustment:D-ADJ-1']);
    const again = await Promise.all([close(db), close(db)]);
    for (const closed of again) expect({ ...closed, closedAt: 0 }).toEqual({ ...first, closedAt: 0 });
    const { rows } = await db.query<{ series: string; next_value: number }>('SELECT series, next_value FROM folio_number_series ORDER BY series');
    expect(rows).toEqual([{ series: '1|IE|commission_invoice', next_value: 2 }, { series: '1|IE|seller_statement', next_value: 2 }]);
    expect(await countedKeys(db, 'ACME', seller.ref)).toEqual(new Set(first.entries.map((e) => e.key)));
  });

  it('never lets a closed cycle be rewritten, nor an adjustment changed', async () => {
    const { db } = await fresh();
    await close(db);
    await expect(db.query(`UPDATE folio_statements SET payout_minor = 0`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM folio_statement_entries`)).rejects.toThrow(/append-only/);
    const audit = createAuditTrail(db);
    await addAdjustment(db, audit, { accountId: 'ACME', seller, amountMinor: 1000, reason: 'Goodwill', author: 'ops' });
    await expect(db.query(`UPDATE folio_statement_adjustments SET amount_minor = 1`)).rejects.toThrow(/append-only/);
  });

  it('records adjustments with reason and author, audited, into the cycle named or the next one', async () => {
    const { db } = await fresh();
    const audit = createAuditTrail(db);
    await close(db);
    await expect(addAdjustment(db, audit, { accountId: 'ACME', seller, amountMinor: -500, reason: 'Late fee', author: 'ops', cycleId: '2026-11' })).rejects.toThrow(/closed/);
    await expect(addAdjustment(db, audit, { accountId: 'ACME', seller, amountMinor: 0, reason: 'Nothing', author: 'ops' })).rejects.toThrow(PermanentError);
    await expect(addAdjustment(db, audit, { accountId: 'ACME', seller, amountMinor: 100, reason: '  ', author: 'ops' })).rejects.toThrow(/reason/);
    const added = await addAdjustment(db, audit, { accountId: 'ACME', seller, amountMinor: -500, reason: 'Late fee', author: 'ops@example.com', cycleId: '2027-01' });
    const [activity] = await adjustmentsOf(db, 'ACME', seller);
    expect(activity).toMatchObject({ kind: 'adjustment', ref: added.ref, amountMinor: -500, currency: 'EUR', reason: 'Late fee', at: cycleOf(seller.billingCycle, '2027-01').start.toISOString() });
    // Named for January: December does not count it, January does.
    const december = cycleAfter(seller.billingCycle, november);
    expect(statementOf(seller, december, [activity!], new Set()).entries).toEqual([]);
    expect(statementOf(seller, cycleAfter(seller.billingCycle, december), [activity!], new Set()).entries).toHaveLength(1);
    const trail = await audit.list(seller.ref);
    expect(trail.map((e) => e.step)).toEqual(['adjusted']);
    expect(trail[0]!.details).toMatchObject({ adjustment: added.ref, amountMinor: -500, reason: 'Late fee' });
  });

  it('finds nothing for an open cycle', async () => {
    const { db } = await fresh();
    expect(await findClosedCycle(db, 'ACME', seller.ref, '2026-11')).toBeUndefined();
  });
});
