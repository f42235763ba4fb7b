import { nodesOf } from './input/connection.ts';
import type { OrderNode } from './input/order.ts';
import { isSettled, paymentEntries } from './payments.ts';
import { allocateRefund, type RefundAllocation, type RefundPolicy, type TenderPayment } from './refunds.ts';

/**
 * What credit notes and return confirmations carry besides their entity: the order whose payments
 * planned the refund, and the plan (undefined when the order has no settled payment).
 */
export interface RefundPlanData {
  order?: OrderNode | null;
  refunds?: readonly RefundAllocation[] | undefined;
}

/**
 * How a refund of `refundMinor` goes back over the tenders the order was paid with, under the
 * configured policy. Refunds the order already recorded are taken off the tender they went back to,
 * so a tender is never refunded more than it paid across several credit notes. An order with no
 * settled payment (an unpaid invoice being credited) has nothing to refund: undefined, no section.
 * The credit memo's own refund is expected not to be on the order yet (it is what is being planned).
 */
export function refundsByTender(order: OrderNode, currency: string, refundMinor: number, policy: RefundPolicy): RefundAllocation[] | undefined {
  const entries = paymentEntries(order, currency);
  const settled = nodesOf(order.financialTransactions, `order ${order.ref} transactions`).map(isSettled);
  const payments: TenderPayment[] = [];
  const earlier: { tender: string; amountMinor: number }[] = [];
  entries.forEach((entry, i) => {
    if (!settled[i]) return;
    if (entry.kind === 'payment') payments.push({ tender: entry.method, paidMinor: entry.amountMinor, refundedMinor: 0, ...(entry.ref ? { ref: entry.ref } : {}) });
    else earlier.push({ tender: entry.method, amountMinor: entry.amountMinor });
  });
  if (payments.length === 0) return undefined;
  for (const refund of earlier) deduct(payments, refund);
  return allocateRefund(payments, refundMinor, policy);
}

/** An earlier refund comes off its own tender first, then off whatever is left (a refund by another method). */
function deduct(payments: TenderPayment[], refund: { tender: string; amountMinor: number }): void {
  let left = refund.amountMinor;
  const own = payments.filter((p) => p.tender.toUpperCase() === refund.tender.toUpperCase());
  for (const payment of [...own, ...payments.filter((p) => !own.includes(p))]) {
    const take = Math.min(left, payment.paidMinor - (payment.refundedMinor ?? 0));
    if (take <= 0) continue;
    payment.refundedMinor = (payment.refundedMinor ?? 0) + take;
    left -= take;
    if (left === 0) return;
  }
  // More went back than was paid: allocateRefund then finds nothing left and fails with the amounts.
}
