import { nodesOf } from '../core/fluent-data/connection.ts';
import type { FinancialTransactionNode, OrderNode } from '../core/fluent-data/order.ts';
import { PermanentError } from '../core/errors.ts';
import { optionalZonedIso } from './dates.ts';
import type { PaymentEntry } from '../core/document-model.ts';
import { floatToMinor } from './money.ts';
import { compact } from './party.ts';
import type { RefundAllocation, TenderPayment } from './refunds.ts';

/**
 * Fluent FinancialTransactions as payments and refunds. Type and status are free text in Fluent, so
 * they are read by pattern: a refund/credit/reversal type is money going back; a failed, declined,
 * cancelled, voided or merely authorised transaction has moved no money and does not count as paid.
 */
const REFUND_TYPE = /refund|credit|reversal|chargeback/i;
const NOT_SETTLED = /fail|declin|cancel|void|reject|error|pending|authori[sz]/i;

export function isRefund(tx: FinancialTransactionNode): boolean {
  return REFUND_TYPE.test(tx.type);
}

export function isSettled(tx: FinancialTransactionNode): boolean {
  return !NOT_SETTLED.test(tx.status ?? '');
}

export function tenderOf(tx: FinancialTransactionNode): string {
  return tx.paymentMethod?.trim() || tx.cardType?.trim() || tx.type;
}

export function paymentEntries(order: OrderNode, currency: string, currentRef?: string): PaymentEntry[] {
  return nodesOf(order.financialTransactions, `order ${order.ref} transactions`).map((tx) => {
    const what = `transaction ${tx.ref ?? tx.id}`;
    if (tx.currency.toUpperCase() !== currency) throw new PermanentError(`${what}: currency ${tx.currency} differs from the document's ${currency}`);
    const amount = floatToMinor(tx.total, currency, `${what} total`);
    if (amount < 0) throw new PermanentError(`${what}: negative total ${tx.total}`);
    return compact({
      kind: isRefund(tx) ? ('refund' as const) : ('payment' as const),
      method: tenderOf(tx),
      amountMinor: amount,
      ref: tx.ref ?? undefined,
      cardType: tx.cardType ?? undefined,
      status: tx.status ?? undefined,
      date: optionalZonedIso(tx.createdOn, `${what} createdOn`),
      current: currentRef !== undefined && tx.ref === currentRef ? true : undefined,
    });
  });
}

/** Paid so far: settled payments less settled refunds. */
export function paidSoFar(order: OrderNode, entries: readonly PaymentEntry[]): number {
  const settled = nodesOf(order.financialTransactions, `order ${order.ref} transactions`).map(isSettled);
  return entries.reduce((sum, e, i) => (settled[i] ? sum + (e.kind === 'refund' ? -e.amountMinor : e.amountMinor) : sum), 0);
}

/** The order's payments per tender, as the refund allocator wants them (refunds already made deducted). */
export function tenderPayments(entries: readonly PaymentEntry[]): TenderPayment[] {
  const payments = entries.filter((e) => e.kind === 'payment');
  return payments.map((p) => compact({ tender: p.method, paidMinor: p.amountMinor, ref: p.ref }));
}

/** Refund allocations as payment entries, for the credit note and return confirmation. */
export function refundEntries(refunds: readonly RefundAllocation[] | undefined): PaymentEntry[] | undefined {
  if (!refunds || refunds.length === 0) return undefined;
  return refunds.map((r) => compact({ kind: 'refund' as const, method: r.method, amountMinor: r.amountMinor, ref: r.ref }));
}
