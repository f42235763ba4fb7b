import { describe, expect, it } from 'vitest';
import { buildOrderConfirmation } from '../../connector/compose/order-confirmation.ts';
import { buildPaymentReceipt } from '../../connector/compose/payment-receipt.ts';
import type { OrderNode } from '../../connector/core/fluent-data/order.ts';
import { context } from './fixtures/context.ts';
import { orderResult } from './fixtures/order.ts';
import { expectPermanent } from './support/errors.ts';

describe('buildOrderConfirmation', () => {
  const doc = buildOrderConfirmation({ ...context, order: orderResult });

  it('lists the items and the delivery charge at 20%', () => {
    expect(doc.type).toBe('order_confirmation');
    expect(doc.lines.map((l) => [l.ref, l.quantity, l.unitPriceMinor, l.netMinor, l.taxMinor])).toEqual([
      ['OI-1', 2, 3995, 7990, 1598],
      ['OI-2', 1, 1999, 1999, 400],
      ['OI-3', 1, 2911, 2911, 582],
      ['SHIPPING', 1, 590, 590, 118],
    ]);
    expect(doc.lines[3]?.kind).toBe('shipping');
    expect(doc.taxSummary).toEqual([{ taxCategory: 'S', taxRateBp: 2000, taxableMinor: 13490, taxMinor: 2698 }]);
  });

  it('counts only settled payments as paid', () => {
    expect(doc.totals).toEqual({ netMinor: 13490, taxMinor: 2698, grossMinor: 16188, paidMinor: 16188, balanceMinor: 0 });
    expect(doc.payments?.map((p) => [p.method, p.amountMinor, p.status])).toEqual([
      ['CREDIT_CARD', 15188, 'PAID'], ['LOYALTY_POINTS', 1000, 'PAID'], ['GIFT_CARD', 5000, 'DECLINED'],
    ]);
  });

  it('addresses the customer at the delivery address, with the delivery instruction as a note', () => {
    expect(doc.buyer).toMatchObject({ name: 'Camille Martin', email: 'camille@example.fr', address: { city: 'Lyon', country: 'FR' } });
    expect(doc.notes).toEqual(['Leave with the concierge']);
    expect(doc.source).toMatchObject({ entityType: 'ORDER', entityRef: 'HD_387_56', entityId: '3786' });
  });

  it('fails when an item has no tax type at all', () => {
    const edges = orderResult.items!.edges!.map((e, i) => (i === 0 ? { node: { ...e!.node!, taxType: null, product: { ...e!.node!.product, tax: null } } } : e));
    const order: OrderNode = { ...orderResult, items: { edges } };
    expectPermanent(() => buildOrderConfirmation({ ...context, order }), 'order item OI-1: missing tax type');
  });

  it('fails on mixed currencies', () => {
    const order: OrderNode = { ...orderResult, fulfilmentChoice: { ...orderResult.fulfilmentChoice!, currency: 'CHF' } };
    expectPermanent(() => buildOrderConfirmation({ ...context, order }), 'mixed currencies EUR, CHF');
  });
});

describe('buildPaymentReceipt', () => {
  it('marks the payment received and shows paid so far and the balance', () => {
    const edges = orderResult.financialTransactions!.edges!.slice(0, 1);
    const order: OrderNode = { ...orderResult, financialTransactions: { edges } };
    const doc = buildPaymentReceipt({ ...context, order, paymentRef: 'FT-9001' });
    expect(doc.type).toBe('payment_receipt');
    expect(doc.source).toMatchObject({ entityType: 'FINANCIAL_TRANSACTION', entityRef: 'FT-9001', rootEntityRef: 'HD_387_56' });
    expect(doc.issueDate).toBe('2024-04-02T14:03:30.000Z');
    expect(doc.totals).toMatchObject({ grossMinor: 16188, paidMinor: 15188, balanceMinor: 1000 });
    expect(doc.payments).toEqual([
      { kind: 'payment', method: 'CREDIT_CARD', amountMinor: 15188, ref: 'FT-9001', cardType: 'VISA', status: 'PAID', date: '2024-04-02T14:03:30.000Z', current: true },
    ]);
  });

  it('fails for a payment the order does not have', () => {
    expectPermanent(() => buildPaymentReceipt({ ...context, order: orderResult, paymentRef: 'FT-404' }), 'order HD_387_56: no payment FT-404');
  });

  it('with no payment named, is the receipt of the latest settled payment (a declined one does not count)', () => {
    const doc = buildPaymentReceipt({ ...context, order: orderResult });
    expect(doc.source).toMatchObject({ entityType: 'FINANCIAL_TRANSACTION', entityRef: 'FT-9002' });
    expect(doc.payments?.find((payment) => payment.current)?.ref).toBe('FT-9002');
  });

  it('with no payment named, fails for an order with no settled payment', () => {
    const edges = orderResult.financialTransactions!.edges!.slice(2);
    const order: OrderNode = { ...orderResult, financialTransactions: { edges } };
    expectPermanent(() => buildPaymentReceipt({ ...context, order }), 'order HD_387_56 has no payment to give a receipt for');
  });
});
