import { zonedIso } from './dates.ts';
import { documentHeader } from './document-header.ts';
import type { DocumentModel } from '../core/document-model.ts';
import { finalizeDocument } from './finalize.ts';
import { orderBuyer, priceOrder, type OrderDocumentSource } from './order-document.ts';
import { paidSoFar, paymentEntries } from './payments.ts';

/** The order confirmation sent when an order is created: items, delivery, totals and what was paid. */
export function buildOrderConfirmation(source: OrderDocumentSource): DocumentModel {
  const { order } = source;
  const { currency, priced } = priceOrder(source);
  const payments = paymentEntries(order, currency);
  const paid = paidSoFar(order, payments);
  const orderRef = order.ref ?? order.id;
  return finalizeDocument({
    type: 'order_confirmation',
    ...documentHeader(source, {
      entity: { type: 'ORDER', ref: orderRef, id: order.id },
      root: { type: 'ORDER', ref: orderRef },
      issueDate: zonedIso(order.createdOn, `order ${orderRef} createdOn`),
      currency,
      buyer: orderBuyer(order),
      orderRef,
    }),
    references: [{ label: 'Order', value: orderRef }],
    lines: priced.lines,
    taxSummary: priced.taxSummary,
    totals: { ...priced.totals, paidMinor: paid, balanceMinor: priced.totals.grossMinor - paid },
    notes: order.fulfilmentChoice?.deliveryInstruction ? [order.fulfilmentChoice.deliveryInstruction] : [],
    priceMode: source.priceMode ?? 'tax_exclusive',
    ...(payments.length > 0 ? { payments } : {}),
  });
}
