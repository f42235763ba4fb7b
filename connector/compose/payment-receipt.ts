import { nodesOf } from '../core/fluent-data/connection.ts';
import type { PaymentReceiptData } from '../core/fluent-data/document-data.ts';
import { PermanentError } from '../core/errors.ts';
import { zonedIso } from './dates.ts';
import { documentHeader } from './document-header.ts';
import type { DocumentModel } from '../core/document-model.ts';
import { finalizeDocument } from './finalize.ts';
import { orderBuyer, priceOrder, type OrderDocumentSource } from './order-document.ts';
import { isRefund, isSettled, paidSoFar, paymentEntries } from './payments.ts';

export interface PaymentReceiptSource extends PaymentReceiptData, OrderDocumentSource {}

/**
 * A receipt for one payment (partial or full): the order it pays for, this payment marked current,
 * every payment so far, and the balance left. With no payment named, the order's latest settled one.
 */
export function buildPaymentReceipt(source: PaymentReceiptSource): DocumentModel {
  const { order } = source;
  const orderRef = order.ref ?? order.id;
  const transactions = nodesOf(order.financialTransactions, `order ${orderRef} transactions`);
  const paymentRef = source.paymentRef ?? transactions.filter((t) => t.ref && !isRefund(t) && isSettled(t)).at(-1)?.ref;
  if (!paymentRef) throw new PermanentError(`order ${order.ref} has no payment to give a receipt for`);
  const transaction = transactions.find((tx) => tx.ref === paymentRef);
  if (!transaction) throw new PermanentError(`order ${orderRef}: no payment ${paymentRef}`);
  const { currency, priced } = priceOrder(source);
  const payments = paymentEntries(order, currency, paymentRef);
  const paid = paidSoFar(order, payments);
  return finalizeDocument({
    type: 'payment_receipt',
    ...documentHeader(source, {
      entity: source.payment
        ? { type: 'PAYMENT', ref: source.payment.ref, id: source.payment.id }
        : { type: 'FINANCIAL_TRANSACTION', ref: paymentRef, id: transaction.id },
      root: { type: 'ORDER', ref: orderRef },
      issueDate: zonedIso(transaction.createdOn ?? order.createdOn, `payment ${paymentRef} createdOn`),
      currency,
      buyer: orderBuyer(order),
      orderRef,
    }),
    references: [
      { label: 'Order', value: orderRef },
      { label: 'Payment', value: paymentRef },
    ],
    lines: priced.lines,
    taxSummary: priced.taxSummary,
    totals: { ...priced.totals, paidMinor: paid, balanceMinor: priced.totals.grossMinor - paid },
    notes: [],
    priceMode: source.priceMode ?? 'tax_exclusive',
    payments,
  });
}
