import { z } from 'zod';
import { PermanentError } from '../core/errors.ts';
import { cumulativeShare } from './money.ts';

/**
 * Refunds by tender. A refund (or cancellation) is split over the tenders the order was paid with,
 * in the order a policy gives (loyalty points back as points first, then gift cards, then cards …),
 * never giving a tender back more than it paid, and refunding some tenders by another method (COD
 * was cash to a courier, so it comes back by bank transfer). Shipping and the COD fee are refunded
 * in full, not at all, or in proportion to the items refunded, cumulatively so that partial refunds
 * of everything add up to exactly what was charged. Everything here is plain data, so the result can
 * be printed on the credit note and sent back to the OMS alike.
 */

export const refundPolicySchema = z.object({
  /** Tenders refunded first, in this order; tenders not listed follow in the order they paid. */
  tenderOrder: z.array(z.string()).default(['LOYALTY_POINTS', 'GIFT_CARD', 'STORE_CREDIT']),
  /** The method a tender is refunded by, when not itself. */
  refundMethod: z.record(z.string(), z.string()).default({ COD: 'BANK_TRANSFER', CASH_ON_DELIVERY: 'BANK_TRANSFER' }),
  shipping: z.enum(['full', 'none', 'proportional']).default('proportional'),
  codFee: z.enum(['full', 'none', 'proportional']).default('proportional'),
});
export type RefundPolicy = z.output<typeof refundPolicySchema>;
export type ChargeRefundPolicy = RefundPolicy['shipping'];
export const DEFAULT_REFUND_POLICY: RefundPolicy = refundPolicySchema.parse({});

export interface TenderPayment {
  tender: string;
  paidMinor: number;
  /** Already refunded to this payment by earlier refunds. */
  refundedMinor?: number;
  ref?: string;
}

export interface RefundAllocation {
  tender: string;
  /** How the money goes back (the tender itself, or e.g. BANK_TRANSFER for COD). */
  method: string;
  amountMinor: number;
  ref?: string;
}

const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

function priority(tender: string, order: readonly string[]): number {
  const index = order.findIndex((t) => same(t, tender));
  return index === -1 ? order.length : index;
}

function refundMethodFor(tender: string, policy: Pick<RefundPolicy, 'refundMethod'>): string {
  const entry = Object.entries(policy.refundMethod).find(([t]) => same(t, tender));
  return entry ? entry[1] : tender;
}

/** Splits `refundMinor` over the payments by the policy's tender order; fails if it exceeds what is left. */
export function allocateRefund(
  payments: readonly TenderPayment[],
  refundMinor: number,
  policy: Pick<RefundPolicy, 'tenderOrder' | 'refundMethod'> = DEFAULT_REFUND_POLICY,
): RefundAllocation[] {
  return allocateIndexed(payments, refundMinor, policy).map(({ allocation }) => allocation);
}

/** The allocation with the index of the payment each part comes from (tenders may repeat). */
function allocateIndexed(
  payments: readonly TenderPayment[],
  refundMinor: number,
  policy: Pick<RefundPolicy, 'tenderOrder' | 'refundMethod'>,
): { index: number; allocation: RefundAllocation }[] {
  if (!Number.isSafeInteger(refundMinor) || refundMinor < 0) {
    throw new PermanentError(`refund amount ${refundMinor} must be a non-negative whole number of minor units`);
  }
  const left = (p: TenderPayment) => p.paidMinor - (p.refundedMinor ?? 0);
  const available = payments.reduce((a, p) => a + Math.max(0, left(p)), 0);
  if (refundMinor > available) {
    throw new PermanentError(`refund ${refundMinor} is larger than paid ${available} (minor units, after earlier refunds)`);
  }
  // A stable sort keeps payment order within one priority.
  const ordered = payments
    .map((payment, index) => ({ payment, index }))
    .sort((a, b) => priority(a.payment.tender, policy.tenderOrder) - priority(b.payment.tender, policy.tenderOrder) || a.index - b.index);
  const allocations: { index: number; allocation: RefundAllocation }[] = [];
  let remaining = refundMinor;
  for (const { payment, index } of ordered) {
    if (remaining === 0) break;
    const amount = Math.min(remaining, Math.max(0, left(payment)));
    if (amount === 0) continue;
    const allocation = {
      tender: payment.tender,
      method: refundMethodFor(payment.tender, policy),
      amountMinor: amount,
      ...(payment.ref ? { ref: payment.ref } : {}),
    };
    allocations.push({ index, allocation });
    remaining -= amount;
  }
  return allocations;
}

/** What the order charged, or what has been refunded of it, per component. */
export interface Charges {
  itemsMinor: number;
  shippingMinor: number;
  codFeeMinor: number;
}

/** The refund state of one order: what it charged, what was paid by tender, what went back. */
export interface RefundLedger {
  charged: Charges;
  refunded: Charges;
  payments: TenderPayment[];
}

export interface RefundPlan {
  refund: Charges & { totalMinor: number };
  allocations: RefundAllocation[];
  /** The ledger after this refund: feed it to the next one. */
  ledger: RefundLedger;
}

/** This refund's share of a charge under its policy, given the items refunded before and now. */
function chargeRefund(policy: ChargeRefundPolicy, charged: number, refunded: number, itemsAfter: number, itemsTotal: number): number {
  if (policy === 'none') return 0;
  // 'full': the whole (remaining) charge goes back with the first refund; likewise with nothing to weigh by.
  if (policy === 'full' || itemsTotal === 0) return charged - refunded;
  // Cumulative: the share due for all items refunded so far, less what already went back.
  return Math.max(0, cumulativeShare(charged, 0, itemsAfter, itemsTotal) - refunded);
}

/** Plans a refund of `itemsMinor` of goods with its shipping and COD fee share, allocated by tender. */
export function planRefund(ledger: RefundLedger, itemsMinor: number, policy: RefundPolicy = DEFAULT_REFUND_POLICY): RefundPlan {
  const { charged, refunded } = ledger;
  if (!Number.isSafeInteger(itemsMinor) || itemsMinor < 0) {
    throw new PermanentError(`refund of items ${itemsMinor} must be a non-negative whole number of minor units`);
  }
  const itemsAfter = refunded.itemsMinor + itemsMinor;
  if (itemsAfter > charged.itemsMinor) {
    throw new PermanentError(`refund ${itemsMinor} for items is larger than paid ${charged.itemsMinor - refunded.itemsMinor} (minor units left)`);
  }
  const shipping = chargeRefund(policy.shipping, charged.shippingMinor, refunded.shippingMinor, itemsAfter, charged.itemsMinor);
  const codFee = chargeRefund(policy.codFee, charged.codFeeMinor, refunded.codFeeMinor, itemsAfter, charged.itemsMinor);
  const total = itemsMinor + shipping + codFee;
  const indexed = allocateIndexed(ledger.payments, total, policy);
  const payments = ledger.payments.map((payment, index) => {
    const back = indexed.filter((a) => a.index === index).reduce((sum, a) => sum + a.allocation.amountMinor, 0);
    return { ...payment, refundedMinor: (payment.refundedMinor ?? 0) + back };
  });
  const allocations = indexed.map(({ allocation }) => allocation);
  return {
    refund: { itemsMinor, shippingMinor: shipping, codFeeMinor: codFee, totalMinor: total },
    allocations,
    ledger: {
      charged,
      refunded: { itemsMinor: itemsAfter, shippingMinor: refunded.shippingMinor + shipping, codFeeMinor: refunded.codFeeMinor + codFee },
      payments,
    },
  };
}
