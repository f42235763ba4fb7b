import { describe, expect, it } from 'vitest';
import { allocateRefund, DEFAULT_REFUND_POLICY, planRefund, refundPolicySchema, type RefundLedger } from '../../connector/compose/refunds.ts';
import { expectPermanent } from './support/errors.ts';

const payments = [
  { tender: 'CREDIT_CARD', paidMinor: 8000, ref: 'FT-1' },
  { tender: 'LOYALTY_POINTS', paidMinor: 1500, ref: 'FT-2' },
];

describe('allocateRefund', () => {
  it('gives loyalty points back first, as points, then the card', () => {
    expect(allocateRefund(payments, 2000)).toEqual([
      { tender: 'LOYALTY_POINTS', method: 'LOYALTY_POINTS', amountMinor: 1500, ref: 'FT-2' },
      { tender: 'CREDIT_CARD', method: 'CREDIT_CARD', amountMinor: 500, ref: 'FT-1' },
    ]);
  });

  it('refunds cash on delivery by bank transfer', () => {
    expect(allocateRefund([{ tender: 'COD', paidMinor: 4990 }], 4990)).toEqual([{ tender: 'COD', method: 'BANK_TRANSFER', amountMinor: 4990 }]);
  });

  it('skips what earlier refunds already gave back', () => {
    const partly = [{ ...payments[1]!, refundedMinor: 1500 }, payments[0]!];
    expect(allocateRefund(partly, 100)).toEqual([{ tender: 'CREDIT_CARD', method: 'CREDIT_CARD', amountMinor: 100, ref: 'FT-1' }]);
  });

  it('follows a configured order', () => {
    const policy = refundPolicySchema.parse({ tenderOrder: ['CREDIT_CARD'] });
    expect(allocateRefund(payments, 100, policy)[0]?.tender).toBe('CREDIT_CARD');
  });

  it('refuses a refund larger than paid', () => {
    expectPermanent(() => allocateRefund(payments, 9501), 'refund 9501 is larger than paid 9500');
  });
});

describe('planRefund', () => {
  const ledger: RefundLedger = {
    charged: { itemsMinor: 10000, shippingMinor: 499, codFeeMinor: 300 },
    refunded: { itemsMinor: 0, shippingMinor: 0, codFeeMinor: 0 },
    payments: [{ tender: 'COD', paidMinor: 10799 }],
  };

  it('refunds shipping and the COD fee in proportion, cumulatively', () => {
    const first = planRefund(ledger, 3333);
    expect(first.refund).toEqual({ itemsMinor: 3333, shippingMinor: 166, codFeeMinor: 100, totalMinor: 3599 });
    expect(first.allocations).toEqual([{ tender: 'COD', method: 'BANK_TRANSFER', amountMinor: 3599 }]);
    const second = planRefund(first.ledger, 6667);
    expect(second.refund).toEqual({ itemsMinor: 6667, shippingMinor: 333, codFeeMinor: 200, totalMinor: 7200 });
    expect(second.ledger.payments[0]?.refundedMinor).toBe(10799);
  });

  it('refunds the COD fee in full with the first refund, or never', () => {
    const full = planRefund(ledger, 1000, { ...DEFAULT_REFUND_POLICY, codFee: 'full', shipping: 'none' });
    expect(full.refund).toEqual({ itemsMinor: 1000, shippingMinor: 0, codFeeMinor: 300, totalMinor: 1300 });
    expect(planRefund(full.ledger, 1000, { ...DEFAULT_REFUND_POLICY, codFee: 'full' }).refund.codFeeMinor).toBe(0);
  });

  it('refuses to refund more items than were charged', () => {
    expectPermanent(() => planRefund(ledger, 10001), 'refund 10001 for items is larger than paid 10000');
  });
});
