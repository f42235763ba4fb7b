import { nodesOf } from '../core/fluent-data/connection.ts';
import type { AmountType } from '../core/fluent-data/fluent-types.ts';
import type { OrderNode } from '../core/fluent-data/order.ts';
import { amountToMinor, currencyCode } from './money.ts';
import { isSettled, paymentEntries } from './payments.ts';
import { allocateRefund, DEFAULT_REFUND_POLICY, type RefundAllocation, type RefundPolicy, type TenderPayment } from './refunds.ts';

/**
 * What credit notes and return confirmations carry besides their Fluent data: how the refund goes back
 * by tender (undefined when there is no order or it has no settled payment: no section).
 */
export interface RefundPlan {
  refunds?: readonly RefundAllocation[] | undefined;
}

/** A credit memo or return order: what is refunded, in which currency. */
export interface RefundedEntity {
  ref: string;
  currency?: { alphabeticCode?: string | null | undefined } | null | undefined;
  totalAmount?: AmountType | null | undefined;
}

/** The refund plan of a credit memo or return order (`what` names it in errors): its total over the order's tenders. */
export function refundPlanOf(entity: RefundedEntity, what: string, order: OrderNode | null | undefined, policy: RefundPolicy = DEFAULT_REFUND_POLICY): RefundAllocation[] | undefined {
  if (!order) return undefined;
  const currency = currencyCode(entity.currency?.alphabeticCode);
  return refundsByTender(order, currency, amountToMinor(entity.totalAmount, currency, `${what} ${entity.ref} totalAmount`), policy);
}

/**
 * How a refund of `refundMinor` goes back over the tenders the order was paid with, under the
 * configured policy. Refunds the order already recorded are taken off the tender they went back to,
 * so a tender is never refunded more than it paid across several credit notes. An order with no
 * settled payment (an unpaid invoice being credited) has nothing to refund: undefined, no section.
 * The credit memo's own refund is expected not to be on the order yet (it is what is being planned).
 */
function refundsByTender(order: OrderNode, currency: string, refundMinor: number, policy: RefundPolicy): RefundAllocation[] | undefined {
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
