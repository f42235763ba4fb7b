import { nodesOf } from './input/connection.ts';
import { PermanentError } from '../pipeline/outcome.ts';
import { zonedIso } from './dates.ts';
import { documentHeader } from './document-header.ts';
import type { DocumentModel } from './document-model.ts';
import { finalizeDocument } from './finalize.ts';
import { orderBuyer, priceOrder, type OrderData, type OrderDocumentSource } from './order-document.ts';
import { paidSoFar, paymentEntries } from './payments.ts';

/** The Fluent data a payment receipt is built from (fetch/load-payment-receipt.ts reads it). */
export interface PaymentReceiptData extends OrderData {
  /** The FinancialTransaction this is the receipt of. */
  paymentRef: string;
  /** The billing account's Payment that asked for it: then the receipt belongs to that entity. */
  payment?: { id: string; ref: string };
}

export interface PaymentReceiptSource extends PaymentReceiptData, OrderDocumentSource {}

/**
 * A receipt for one payment (partial or full): the order it pays for, this payment marked current,
 * every payment so far, and the balance left.
 */
export function buildPaymentReceipt(source: PaymentReceiptSource): DocumentModel {
  const { order } = source;
  const orderRef = order.ref ?? order.id;
  const transaction = nodesOf(order.financialTransactions, `order ${orderRef} transactions`).find((tx) => tx.ref === source.paymentRef);
  if (!transaction) throw new PermanentError(`order ${orderRef}: no payment ${source.paymentRef}`);
  const { currency, priced } = priceOrder(source);
  const payments = paymentEntries(order, currency, source.paymentRef);
  const paid = paidSoFar(order, payments);
  return finalizeDocument({
    type: 'payment_receipt',
    ...documentHeader(source, {
      entity: source.payment
        ? { type: 'PAYMENT', ref: source.payment.ref, id: source.payment.id }
        : { type: 'FINANCIAL_TRANSACTION', ref: source.paymentRef, id: transaction.id },
      root: { type: 'ORDER', ref: orderRef },
      issueDate: zonedIso(transaction.createdOn ?? order.createdOn, `payment ${source.paymentRef} createdOn`),
      currency,
      buyer: orderBuyer(order),
      orderRef,
    }),
    references: [
      { label: 'Order', value: orderRef },
      { label: 'Payment', value: source.paymentRef },
    ],
    lines: priced.lines,
    taxSummary: priced.taxSummary,
    totals: { ...priced.totals, paidMinor: paid, balanceMinor: priced.totals.grossMinor - paid },
    notes: [],
    priceMode: source.priceMode ?? 'tax_exclusive',
    payments,
  });
}
