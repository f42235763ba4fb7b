import { PermanentError } from '../core/errors.ts';
import type { CommissionPart, Payout, StatementEntry } from '../core/statement-model.ts';
import type { Seller } from '../sellers/seller.ts';
import { commissionOn, commissionRateBp } from './commission.ts';
import type { Cycle } from './cycle.ts';

/**
 * A seller's cycle, in pure functions: what happened (activities, read from Fluent and the adjustments
 * table), which of it belongs to a cycle, each as a statement entry with its commission, and the payout.
 * Integer minor units throughout; the payout identity holds by construction and is checked anyway.
 */

/** An order confirmed and paid: its items (gross, by category) and the shipping the shopper paid. */
export interface SaleActivity {
  kind: 'sale';
  ref: string;
  /** When it counts: the order's creation, zoned ISO. */
  at: string;
  currency: string;
  channel?: string | undefined;
  lines: { ref: string; category?: string | undefined; goodsMinor: number }[];
  shippingMinor: number;
}

/** A refund (credit memo) of an order: the goods and shipping it gives back, each item with its category. */
export interface RefundActivity {
  kind: 'refund';
  ref: string;
  orderRef: string;
  at: string;
  currency: string;
  channel?: string | undefined;
  lines: { ref: string; category?: string | undefined; goodsMinor: number }[];
  shippingMinor: number;
}

/** A manual adjustment by an operator: a credit (+) or debit (−) with its reason and author. */
export interface AdjustmentActivity {
  kind: 'adjustment';
  ref: string;
  at: string;
  currency: string;
  amountMinor: number;
  reason: string;
  author: string;
}

export type Activity = SaleActivity | RefundActivity | AdjustmentActivity;

/** An activity's identity across cycles: counted once, ever. */
export const activityKey = (activity: Pick<Activity, 'kind' | 'ref'>): string => `${activity.kind}:${activity.ref}`;

/**
 * What a cycle counts: everything that happened before its end and no closed cycle counted yet. So a
 * refund issued after its order's cycle was closed (or dated into it late) lands in the next cycle, and
 * a closed cycle is never rewritten. Sorted by time then key, so the statement reads in order and a
 * rerun over the same activities gives the same entries.
 */
export function selectForCycle<A extends Activity>(activities: readonly A[], cycle: Pick<Cycle, 'end'>, counted: ReadonlySet<string>): A[] {
  const end = cycle.end.getTime();
  const seen = new Set<string>();
  const selected: A[] = [];
  for (const activity of activities) {
    const key = activityKey(activity);
    if (counted.has(key) || seen.has(key) || Date.parse(activity.at) >= end) continue;
    seen.add(key);
    selected.push(activity);
  }
  return selected.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || activityKey(a).localeCompare(activityKey(b)));
}

/** One activity as a statement entry, with its commission (sales) or commission reversed (refunds). */
export function entryOf(activity: Activity, seller: Pick<Seller, 'commission' | 'payoutCurrency'>): StatementEntry {
  if (activity.currency !== seller.payoutCurrency) {
    throw new PermanentError(`${activity.kind} ${activity.ref} is in ${activity.currency}, the seller is paid out in ${seller.payoutCurrency} (no conversion)`);
  }
  const key = activityKey(activity);
  if (activity.kind === 'adjustment') {
    return { key, kind: 'adjustment', ref: activity.ref, date: activity.at, description: activity.reason, goodsMinor: 0, shippingMinor: 0, commissionMinor: 0, amountMinor: checked(activity.amountMinor, key), commissions: [], author: activity.author };
  }
  const parts = commissionParts(activity, seller.commission);
  const goods = activity.lines.reduce((sum, line) => sum + checked(line.goodsMinor, key, true), 0);
  const shipping = checked(activity.shippingMinor, key, true);
  const commission = parts.reduce((sum, part) => sum + part.commissionMinor, 0);
  const categories = [...new Set(activity.lines.map((line) => line.category ?? '—'))].join(', ');
  const description = [categories, activity.channel].filter(Boolean).join(' · ');
  return activity.kind === 'sale'
    ? { key, kind: 'sale', ref: activity.ref, orderRef: activity.ref, date: activity.at, description, goodsMinor: goods, shippingMinor: shipping, commissionMinor: commission, amountMinor: goods + shipping - commission, commissions: parts }
    : { key, kind: 'refund', ref: activity.ref, orderRef: activity.orderRef, date: activity.at, description, goodsMinor: goods, shippingMinor: shipping, commissionMinor: commission, amountMinor: -(goods + shipping) + commission, commissions: parts };
}

/** Commission per item line at its rate, and on shipping when the seller's shipping is commissioned. */
function commissionParts(activity: SaleActivity | RefundActivity, commission: Seller['commission']): CommissionPart[] {
  const parts: CommissionPart[] = activity.lines.map((line) => {
    const rateBp = commissionRateBp(commission, { category: line.category, channel: activity.channel });
    return compactPart({ category: line.category, channel: activity.channel, on: 'items', rateBp, baseMinor: line.goodsMinor, commissionMinor: commissionOn(line.goodsMinor, rateBp) });
  });
  if (commission.shippingIncluded && activity.shippingMinor !== 0) {
    const rateBp = commissionRateBp(commission, { channel: activity.channel });
    parts.push(compactPart({ channel: activity.channel, on: 'shipping', rateBp, baseMinor: activity.shippingMinor, commissionMinor: commissionOn(activity.shippingMinor, rateBp) }));
  }
  return parts;
}

function compactPart(part: CommissionPart): CommissionPart {
  return Object.fromEntries(Object.entries(part).filter(([, value]) => value !== undefined)) as CommissionPart;
}

function checked(value: number, key: string, nonNegative = false): number {
  if (!Number.isSafeInteger(value) || (nonNegative && value < 0)) throw new PermanentError(`${key}: amount ${value} is not ${nonNegative ? 'a non-negative' : 'a'} whole number of minor units`);
  return value;
}

/** payout = sales + shipping − refunds − commissions + reversals ± adjustments − subscription. */
export function computePayout(entries: readonly StatementEntry[], subscriptionMinor: number): Payout {
  const sum = (kind: StatementEntry['kind'], pick: (e: StatementEntry) => number) => entries.filter((e) => e.kind === kind).reduce((total, e) => total + pick(e), 0);
  const salesMinor = sum('sale', (e) => e.goodsMinor);
  const shippingMinor = sum('sale', (e) => e.shippingMinor);
  const refundsMinor = sum('refund', (e) => e.goodsMinor + e.shippingMinor);
  const commissionsMinor = sum('sale', (e) => e.commissionMinor);
  const reversalsMinor = sum('refund', (e) => e.commissionMinor);
  const adjustmentsMinor = sum('adjustment', (e) => e.amountMinor);
  const payoutMinor = salesMinor + shippingMinor - refundsMinor - commissionsMinor + reversalsMinor + adjustmentsMinor - subscriptionMinor;
  // The same money counted the other way round, entry by entry: a mismatch is a bug, never a document.
  const byEntries = entries.reduce((total, e) => total + e.amountMinor, 0) - subscriptionMinor;
  if (byEntries !== payoutMinor) throw new Error(`payout ${payoutMinor} does not reconcile with its entries ${byEntries} (minor units)`);
  for (const value of [salesMinor, shippingMinor, refundsMinor, commissionsMinor, reversalsMinor, adjustmentsMinor, payoutMinor]) {
    if (!Number.isSafeInteger(value)) throw new PermanentError(`payout amount ${value} is too large to represent exactly`);
  }
  return { salesMinor, shippingMinor, refundsMinor, commissionsMinor, reversalsMinor, adjustmentsMinor, subscriptionMinor, payoutMinor };
}

/** A seller's cycle from its activities: the entries it counts and the payout. Pure: the same inputs, the same statement. */
export function statementOf(seller: Pick<Seller, 'commission' | 'payoutCurrency' | 'subscriptionFeeMinor'>, cycle: Pick<Cycle, 'end'>, activities: readonly Activity[], counted: ReadonlySet<string>): { entries: StatementEntry[]; payout: Payout } {
  const entries = selectForCycle(activities, cycle, counted).map((activity) => entryOf(activity, seller));
  return { entries, payout: computePayout(entries, seller.subscriptionFeeMinor) };
}
