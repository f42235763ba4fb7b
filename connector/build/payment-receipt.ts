import { nodesOf } from '../fetch/queries/common.ts';
import { PermanentError } from '../pipeline/outcome.ts';
import { zonedIso } from './dates.ts';
import type { DocumentModel } from './document-model.ts';
import { finalizeDocument } from './finalize.ts';
import { orderBuyer, priceOrder, type OrderDocumentSource } from './order-document.ts';
import { compact } from './party.ts';
import { paidSoFar, paymentEntries } from './payments.ts';

export interface PaymentReceiptSource extends OrderDocumentSource {
  /** The FinancialTransaction this is the receipt of. */
  paymentRef: string;
  /** The billing account's Payment that asked for it: then the receipt belongs to that entity. */
  payment?: { id: string; ref: string };
}

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
    source: compact({
      accountId: source.origin.accountId,
      retailerId: source.origin.retailerId,
      entityType: source.payment ? 'PAYMENT' : 'FINANCIAL_TRANSACTION',
      entityRef: source.payment?.ref ?? source.paymentRef,
      entityId: source.payment?.id ?? transaction.id,
      rootEntityType: source.origin.rootEntityType ?? 'ORDER',
      rootEntityRef: source.origin.rootEntityRef ?? orderRef,
    }),
    issueDate: zonedIso(transaction.createdOn ?? order.createdOn, `payment ${source.paymentRef} createdOn`),
    timeZone: source.timeZone,
    locale: source.locale,
    currency,
    seller: source.seller,
    buyer: orderBuyer(order),
    orderRef,
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
