import { describe, expect, it } from 'vitest';
import { buildReturnConfirmation, returnConfirmationRefunds } from '../../connector/compose/return-confirmation.ts';
import { planRefund } from '../../connector/compose/refunds.ts';
import type { ReturnOrderNode } from '../../connector/core/fluent-data/return-order.ts';
import { returnOrderQueryResultSchema } from '../../connector/fetch/queries/return-order.ts';
import { amount, context } from './fixtures/context.ts';
import { orderResult } from './fixtures/order.ts';
import { expectPermanent } from './support/errors.ts';

const vat20 = { country: 'FR', group: 'STANDARD', tariff: '20' };

const returnOrder = returnOrderQueryResultSchema.parse({
  returnOrder: {
    id: '801', ref: 'RET-HD_387_56-1', type: 'DEFAULT', status: 'COMPLETE', createdOn: '2024-04-10T11:00:00Z', attributes: [],
    customer: { ref: 'CUST-42' }, order: { ref: 'HD_387_56' }, creditMemo: { ref: 'CM-88' },
    currency: { alphabeticCode: 'EUR' }, defaultTaxType: vat20,
    subTotalAmount: amount('39.95'), totalTax: amount('7.99'), totalAmount: amount('47.94'), pickupAddress: null,
    returnOrderItems: { edges: [{ node: {
      ref: 'ROI-1', status: 'RECEIVED', product: { ref: 'SKU-1' }, orderItem: { ref: 'OI-1' },
      returnReason: { value: 'TOO_SMALL', label: 'Too small' }, returnReasonComment: 'Need size L', returnCondition: { value: 'NEW', label: 'As new' },
      unitQuantity: { quantity: 1, unit: 'EA' }, unitAmount: amount('39.95'), unitTaxType: null, itemAmount: amount('39.95'), itemTaxAmount: amount('7.99'),
    } }] },
  },
}).returnOrder as ReturnOrderNode;

describe('buildReturnConfirmation', () => {
  const plan = planRefund({
    charged: { itemsMinor: 15598, shippingMinor: 590, codFeeMinor: 0 },
    refunded: { itemsMinor: 0, shippingMinor: 0, codFeeMinor: 0 },
    payments: [{ tender: 'CREDIT_CARD', paidMinor: 15188 }, { tender: 'LOYALTY_POINTS', paidMinor: 1000 }],
  }, 4794);
  const doc = buildReturnConfirmation({ ...context, returnOrder, order: orderResult, refunds: plan.allocations });

  it('lists returned items with product names and reasons', () => {
    expect(doc.type).toBe('return_confirmation');
    expect(doc.lines).toEqual([expect.objectContaining({ description: 'Linen shirt', reason: 'Too small: Need size L', quantity: 1, netMinor: 3995, taxMinor: 799 })]);
    expect(doc.references).toContainEqual({ label: 'Credit memo', value: 'CM-88' });
  });

  it('summarises the refund by tender', () => {
    expect(doc.totals.grossMinor).toBe(4794);
    expect(plan.refund).toEqual({ itemsMinor: 4794, shippingMinor: 181, codFeeMinor: 0, totalMinor: 4975 });
    expect(doc.payments).toEqual([
      { kind: 'refund', method: 'LOYALTY_POINTS', amountMinor: 1000 },
      { kind: 'refund', method: 'CREDIT_CARD', amountMinor: 3975 },
    ]);
  });

  it('needs the original order for the buyer', () => {
    expectPermanent(() => buildReturnConfirmation({ ...context, returnOrder }), 'the original order is needed');
  });
});

describe('returnConfirmationRefunds', () => {
  it('plans the return total with its shipping share over the order’s settled tenders, loyalty points first', () => {
    // 47.94 of the 154.80 of goods come back, with that share of the 7.08 shipping (proportional, the
    // default): round(708 × 4794 / 15480) = 2.19. The 10.00 of loyalty points go first, the rest to the
    // card; the declined gift card paid nothing.
    expect(returnConfirmationRefunds({ returnOrder, order: orderResult })).toEqual({
      currency: 'EUR', itemsMinor: 4794, shippingMinor: 219, codFeeMinor: 0, totalMinor: 5013,
      policy: { shipping: 'proportional', codFee: 'proportional' },
      allocations: [
        { tender: 'LOYALTY_POINTS', method: 'LOYALTY_POINTS', amountMinor: 1000, ref: 'FT-9002' },
        { tender: 'CREDIT_CARD', method: 'CREDIT_CARD', amountMinor: 4013, ref: 'FT-9001' },
      ],
    });
  });

  it('plans nothing without the original order', () => {
    expect(returnConfirmationRefunds({ returnOrder, order: null })).toBeUndefined();
  });
});
