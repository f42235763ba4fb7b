import { nodesOf } from '../core/fluent-data/connection.ts';
import type { AmountType } from '../core/fluent-data/fluent-types.ts';
import type { OrderNode } from '../core/fluent-data/order.ts';
import type { DocumentLine } from '../core/document-model.ts';
import type { PriceMode } from './context.ts';
import { amountToMinor, currencyCode, floatToMinor } from './money.ts';
import { isSettled, paymentEntries } from './payments.ts';
import { allocateRefund, DEFAULT_REFUND_POLICY, planRefund, type Charges, type RefundAllocation, type RefundPolicy, type TenderPayment } from './refunds.ts';

/**
 * What credit notes and return confirmations carry besides their Fluent data: how the refund goes back
 * by tender (undefined when there is no order or it has no settled payment: no section).
 */
export interface RefundPlan {
  refunds?: readonly RefundAllocation[] | undefined;
  /** The whole plan (goods, shipping and COD-fee shares, allocations); its allocations win over `refunds`. */
  refundPlan?: PlannedRefund | undefined;
}

/**
 * The refund of one credit memo or return, as the OMS is to carry it out: the goods it credits, the
 * shipping and COD-fee share the policy gives back with them, and the total split over the tenders.
 * This is what goes back to Fluent as the `folioRefundPlan` attribute.
 */
export interface PlannedRefund {
  currency: string;
  itemsMinor: number;
  shippingMinor: number;
  codFeeMinor: number;
  totalMinor: number;
  policy: Pick<RefundPolicy, 'shipping' | 'codFee'>;
  allocations: RefundAllocation[];
}

/** A credit memo or return order: what is refunded, in which currency. */
export interface RefundedEntity {
  ref: string;
  currency?: { alphabeticCode?: string | null | undefined } | null | undefined;
  totalAmount?: AmountType | null | undefined;
}

/** What the document itself says about the refund's parts (credit memo lines by kind), in gross minor units. */
export interface RefundedParts {
  /** Shipping the document credits itself; when given, it is refunded as credited and the policy is not asked. */
  shippingMinor?: number | undefined;
  /** Likewise for a COD fee line on the document. */
  codFeeMinor?: number | undefined;
}

/** The shipping and COD-fee lines a document credits itself (gross), each undefined when it has none. */
export function refundedParts(lines: readonly Pick<DocumentLine, 'kind' | 'grossMinor'>[]): RefundedParts {
  const sum = (kind: DocumentLine['kind']) => {
    const of = lines.filter((line) => line.kind === kind);
    return of.length === 0 ? undefined : of.reduce((total, line) => total + line.grossMinor, 0);
  };
  return { shippingMinor: sum('shipping'), codFeeMinor: sum('fee') };
}

/** Order facts the policy needs that Fluent's order does not carry: the COD fee it charged (configuration). */
export interface RefundPlanOptions {
  policy?: RefundPolicy;
  /** COD fee the order was charged when paid by a COD tender (FOLIO_PACKAGE_INVOICE_CONFIG.codFeePerPackageMinor). */
  codFeeMinor?: number;
  /** Tenders that are cash on delivery. */
  codTenders?: readonly string[];
  priceMode?: PriceMode;
  parts?: RefundedParts;
}

const DEFAULT_COD_TENDERS = ['COD', 'CASH_ON_DELIVERY'];
const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** The refund plan of a credit memo or return order (`what` names it in errors): its total over the order's tenders. */
export function refundPlanOf(entity: RefundedEntity, what: string, order: OrderNode | null | undefined, policy: RefundPolicy = DEFAULT_REFUND_POLICY): RefundAllocation[] | undefined {
  return plannedRefundOf(entity, what, order, { policy })?.allocations;
}

/**
 * The whole refund of a credit memo or return: its goods, plus the shipping and COD fee the policy
 * gives back with them (`full`, `none` or `proportional` to the goods refunded so far, cumulatively),
 * allocated by tender. Charges the document credits itself are refunded as credited. Earlier refunds
 * on the order count as refunds planned under the same policy, so `full` shipping goes back once and a
 * proportional share never twice. Undefined when the order has no settled payment.
 */
export function plannedRefundOf(entity: RefundedEntity, what: string, order: OrderNode | null | undefined, options: RefundPlanOptions = {}): PlannedRefund | undefined {
  if (!order) return undefined;
  const policy = options.policy ?? DEFAULT_REFUND_POLICY;
  const currency = currencyCode(entity.currency?.alphabeticCode);
  const creditedMinor = amountToMinor(entity.totalAmount, currency, `${what} ${entity.ref} totalAmount`);
  const parts = options.parts ?? {};
  const { payments, earlierMinor } = settledTenders(order, currency);
  if (payments.length === 0) return undefined;

  const cod = payments.some((p) => (options.codTenders ?? DEFAULT_COD_TENDERS).some((t) => same(t, p.tender)));
  const paidMinor = payments.reduce((sum, p) => sum + p.paidMinor, 0);
  const shippingCharged = shippingChargedOf(order, currency, options.priceMode ?? 'tax_exclusive');
  const codFeeCharged = cod ? (options.codFeeMinor ?? 0) : 0;
  const goodsMinor = creditedMinor - (parts.shippingMinor ?? 0) - (parts.codFeeMinor ?? 0);
  const charged: Charges = { itemsMinor: Math.max(paidMinor - shippingCharged - codFeeCharged, goodsMinor), shippingMinor: shippingCharged, codFeeMinor: codFeeCharged };
  // A charge the document credits itself is not the policy's to decide: it goes back as credited.
  const effective: RefundPolicy = {
    ...policy,
    ...(parts.shippingMinor !== undefined && { shipping: 'none' as const }),
    ...(parts.codFeeMinor !== undefined && { codFee: 'none' as const }),
  };
  const refunded = earlierCharges(charged, earlierMinor, effective);
  const share = planRefund({ charged, refunded, payments: [UNLIMITED] }, goodsMinor, effective).refund;
  const shippingMinor = share.shippingMinor + (parts.shippingMinor ?? 0);
  const codFeeMinor = share.codFeeMinor + (parts.codFeeMinor ?? 0);
  const totalMinor = goodsMinor + shippingMinor + codFeeMinor;
  return {
    currency,
    itemsMinor: goodsMinor,
    shippingMinor,
    codFeeMinor,
    totalMinor,
    policy: { shipping: policy.shipping, codFee: policy.codFee },
    allocations: allocateRefund(deductEarlier(payments, order, currency), totalMinor, policy),
  };
}

/** A tender that can take any refund: for working out the charges' shares alone, before the real allocation. */
const UNLIMITED: TenderPayment = { tender: 'ANY', paidMinor: Number.MAX_SAFE_INTEGER };

/** The order's settled payments by tender, and what settled refunds already took back in total. */
function settledTenders(order: OrderNode, currency: string): { payments: TenderPayment[]; earlierMinor: number } {
  const entries = paymentEntries(order, currency);
  const settled = nodesOf(order.financialTransactions, `order ${order.ref} transactions`).map(isSettled);
  const payments: TenderPayment[] = [];
  let earlierMinor = 0;
  entries.forEach((entry, i) => {
    if (!settled[i]) return;
    if (entry.kind === 'payment') payments.push({ tender: entry.method, paidMinor: entry.amountMinor, refundedMinor: 0, ...(entry.ref ? { ref: entry.ref } : {}) });
    else earlierMinor += entry.amountMinor;
  });
  return { payments, earlierMinor };
}

/** The shipping the shopper paid: fulfilmentPrice, plus its tax when prices are tax-exclusive. */
function shippingChargedOf(order: OrderNode, currency: string, mode: PriceMode): number {
  const choice = order.fulfilmentChoice;
  if (choice?.fulfilmentPrice == null) return 0;
  const price = floatToMinor(choice.fulfilmentPrice, currency, `order ${order.ref} fulfilmentPrice`);
  const tax = mode === 'tax_exclusive' && choice.fulfilmentTaxPrice != null ? floatToMinor(choice.fulfilmentTaxPrice, currency, `order ${order.ref} fulfilmentTaxPrice`) : 0;
  return price + tax;
}

/**
 * The charges earlier refunds gave back, taken as refunds planned under the same policy: the goods
 * share g with g + shipping(g) + codFee(g) = earlier total (the largest such g, found by bisection,
 * since the shares grow with g), and the charges' cumulative shares at g.
 */
function earlierCharges(charged: Charges, earlierMinor: number, policy: RefundPolicy): Charges {
  if (earlierMinor <= 0) return { itemsMinor: 0, shippingMinor: 0, codFeeMinor: 0 };
  const at = (goods: number): Charges => {
    const plan = planRefund({ charged, refunded: { itemsMinor: 0, shippingMinor: 0, codFeeMinor: 0 }, payments: [UNLIMITED] }, goods, policy);
    return plan.ledger.refunded;
  };
  const total = (c: Charges) => c.itemsMinor + c.shippingMinor + c.codFeeMinor;
  let low = 0;
  let high = charged.itemsMinor;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (total(at(mid)) <= earlierMinor) low = mid;
    else high = mid - 1;
  }
  return at(low);
}

/** Earlier refunds come off their own tender first, then off whatever is left (a refund by another method). */
function deductEarlier(payments: readonly TenderPayment[], order: OrderNode, currency: string): TenderPayment[] {
  const copy = payments.map((p) => ({ ...p, refundedMinor: 0 }));
  const entries = paymentEntries(order, currency);
  const settled = nodesOf(order.financialTransactions, `order ${order.ref} transactions`).map(isSettled);
  entries.forEach((entry, i) => {
    if (settled[i] && entry.kind === 'refund') deduct(copy, { tender: entry.method, amountMinor: entry.amountMinor });
  });
  return copy;
}

function deduct(payments: TenderPayment[], refund: { tender: string; amountMinor: number }): void {
  let left = refund.amountMinor;
  const own = payments.filter((p) => same(p.tender, refund.tender));
  for (const payment of [...own, ...payments.filter((p) => !own.includes(p))]) {
    const take = Math.min(left, payment.paidMinor - (payment.refundedMinor ?? 0));
    if (take <= 0) continue;
    payment.refundedMinor = (payment.refundedMinor ?? 0) + take;
    left -= take;
    if (left === 0) return;
  }
  // More went back than was paid: the allocation then finds nothing left and fails with the amounts.
}
