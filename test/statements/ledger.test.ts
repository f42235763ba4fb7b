import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../connector/core/errors.ts';
import { commissionRateBp } from '../../connector/statements/commission.ts';
import { cycleOf } from '../../connector/statements/cycle.ts';
import { entryOf, statementOf } from '../../connector/statements/ledger.ts';
import { SELLERS, sampleActivities } from './fixtures.ts';

const [berlin, dublin] = SELLERS;

describe('commission rates', () => {
  it('takes the most specific rate: category and channel, then category, then channel, then the default', () => {
    const c = berlin!.commission;
    expect(commissionRateBp(c, { category: 'books', channel: 'app' })).toBe(700);
    expect(commissionRateBp(c, { category: 'BOOKS', channel: 'web' })).toBe(800);
    expect(commissionRateBp(c, { category: 'toys', channel: 'app' })).toBe(1100);
    expect(commissionRateBp(c, { category: 'toys', channel: 'web' })).toBe(1000);
    expect(commissionRateBp(c, {})).toBe(1000);
  });
});

describe('statement entries and payout', () => {
  const cycle = cycleOf(berlin!.billingCycle, '2026-11');

  it('charges commission per line and on shipping when the seller says so, and reverses it on refunds', () => {
    const { entries, payout } = statementOf(berlin!, cycle, sampleActivities('B'), new Set());
    const sale = entries.find((e) => e.key === 'sale:B-ORD-1')!;
    // books 8 % of 45.90 = 3.672 → 3.67; fashion 10 % of 129.99 = 12.999 → 13.00; shipping 10 % of 4.95 = 0.495 → 0.50.
    expect(sale.commissions.map((c) => c.commissionMinor)).toEqual([367, 1300, 50]);
    expect(sale.amountMinor).toBe(4590 + 12_999 + 495 - 1717);
    const refund = entries.find((e) => e.key === 'refund:B-CM-1')!;
    expect(refund).toMatchObject({ goodsMinor: 12_999, shippingMinor: 495, commissionMinor: 1350, amountMinor: -(12_999 + 495) + 1350, orderRef: 'B-ORD-1' });
    expect(payout).toEqual({ salesMinor: 42_489, shippingMinor: 495, refundsMinor: 13_494, commissionsMinor: 4456, reversalsMinor: 1350, adjustmentsMinor: 1500, subscriptionMinor: 3900, payoutMinor: 23_984 });
  });

  it('commissions no shipping for a seller whose shipping is not included', () => {
    const entry = entryOf(sampleActivities('D')[0]!, dublin!);
    expect(entry.commissions.map((c) => c.on)).toEqual(['items', 'items']);
  });

  it('counts nothing twice and nothing from after the cycle', () => {
    const activities = sampleActivities('B');
    const late = { ...activities[2]!, ref: 'B-CM-LATE', at: '2026-12-01T10:00:00.000Z' };
    const { entries } = statementOf(berlin!, cycle, [...activities, late, activities[0]!], new Set(['refund:B-CM-1']));
    expect(entries.map((e) => e.key)).toEqual(['sale:B-ORD-1', 'sale:B-ORD-2', 'adjustment:B-ADJ-1']);
  });

  it('refuses activity in another currency than the payout', () => {
    expect(() => entryOf({ ...sampleActivities('B')[0]!, currency: 'GBP' }, berlin!)).toThrow(PermanentError);
  });
});
