import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateByWeights } from '../../connector/compose/money.ts';
import { PermanentError } from '../../connector/core/errors.ts';
import { allocateRefund, DEFAULT_REFUND_POLICY, planRefund, type RefundLedger, type RefundPolicy } from '../../connector/compose/refunds.ts';

const TENDERS = ['CREDIT_CARD', 'LOYALTY_POINTS', 'GIFT_CARD', 'COD', 'PAYPAL'];

const paymentsArb = fc.array(
  fc.record({ tender: fc.constantFrom(...TENDERS), paidMinor: fc.integer({ min: 0, max: 5_000_000 }) }),
  { minLength: 1, maxLength: 6 },
);

const chargePolicyArb = fc.constantFrom('full', 'none', 'proportional') as fc.Arbitrary<'full' | 'none' | 'proportional'>;

describe('refunds by tender (property)', () => {
  it('never gives a tender back more than it paid, and allocates the whole refund', () => {
    fc.assert(
      fc.property(paymentsArb, fc.double({ min: 0, max: 1, noNaN: true }), (payments, fraction) => {
        const paid = payments.reduce((a, p) => a + p.paidMinor, 0);
        const refund = Math.floor(paid * fraction);
        const allocations = allocateRefund(payments, refund);
        expect(allocations.reduce((a, x) => a + x.amountMinor, 0)).toBe(refund);
        for (const tender of TENDERS) {
          const back = allocations.filter((a) => a.tender === tender).reduce((s, a) => s + a.amountMinor, 0);
          const gave = payments.filter((p) => p.tender === tender).reduce((s, p) => s + p.paidMinor, 0);
          expect(back).toBeLessThanOrEqual(gave);
        }
      }),
    );
  });

  it('refuses any refund larger than paid', () => {
    fc.assert(
      fc.property(paymentsArb, fc.integer({ min: 1, max: 1000 }), (payments, excess) => {
        const paid = payments.reduce((a, p) => a + p.paidMinor, 0);
        expect(() => allocateRefund(payments, paid + excess)).toThrow(PermanentError);
      }),
    );
  });

  it('repeated partial refunds of everything return exactly what each tender paid (proportional COD fee and shipping)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.array(fc.constantFrom(...TENDERS), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 12 }),
        // Minor units are integers in every currency (JPY, EUR, KWD alike): the ledger never sees decimals.
        (items, shipping, codFee, tenders, tenderWeights, refundWeights) => {
          const total = items + shipping + codFee;
          const paidParts = allocateByWeights(total, tenders.map((_, i) => tenderWeights[i % tenderWeights.length]!));
          let ledger: RefundLedger = {
            charged: { itemsMinor: items, shippingMinor: shipping, codFeeMinor: codFee },
            refunded: { itemsMinor: 0, shippingMinor: 0, codFeeMinor: 0 },
            payments: tenders.map((tender, i) => ({ tender, paidMinor: paidParts[i]!, ref: `FT-${i}` })),
          };
          let refundedTotal = 0;
          for (const part of allocateByWeights(items, refundWeights)) {
            const plan = planRefund(ledger, part, DEFAULT_REFUND_POLICY);
            refundedTotal += plan.allocations.reduce((a, x) => a + x.amountMinor, 0);
            ledger = plan.ledger;
          }
          expect(refundedTotal).toBe(total);
          expect(ledger.refunded).toEqual(ledger.charged);
          ledger.payments.forEach((p) => expect(p.refundedMinor).toBe(p.paidMinor));
        },
      ),
    );
  });

  it('under any shipping and COD fee policy, refunds never exceed what was paid and charges never go back twice', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        chargePolicyArb,
        chargePolicyArb,
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 8 }),
        (items, shipping, codFee, shippingPolicy, codPolicy, refundWeights) => {
          const policy: RefundPolicy = { ...DEFAULT_REFUND_POLICY, shipping: shippingPolicy, codFee: codPolicy };
          let ledger: RefundLedger = {
            charged: { itemsMinor: items, shippingMinor: shipping, codFeeMinor: codFee },
            refunded: { itemsMinor: 0, shippingMinor: 0, codFeeMinor: 0 },
            payments: [{ tender: 'COD', paidMinor: items + shipping + codFee }],
          };
          for (const part of allocateByWeights(items, refundWeights)) ledger = planRefund(ledger, part, policy).ledger;
          expect(ledger.refunded.shippingMinor).toBe(shippingPolicy === 'none' ? 0 : shipping);
          expect(ledger.refunded.codFeeMinor).toBe(codPolicy === 'none' ? 0 : codFee);
          expect(ledger.payments[0]!.refundedMinor).toBeLessThanOrEqual(ledger.payments[0]!.paidMinor);
        },
      ),
    );
  });
});
