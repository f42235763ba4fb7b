import { mulDivHalfUp } from '../compose/money.ts';
import type { CommissionRate, Seller } from '../sellers/seller.ts';

/**
 * Commission rates: the most specific rate wins (category and channel, then category alone, then
 * channel alone), else the seller's default. A commission is the rate times the gross amount, rounded
 * half-up to the minor unit, per order line; a refund reverses the same rate on what it refunds.
 */
export interface RatedLine {
  category?: string | undefined;
  channel?: string | undefined;
}

const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

export function commissionRateBp(commission: Seller['commission'], line: RatedLine): number {
  const score = (rate: CommissionRate): number => {
    if (rate.category !== undefined && !same(rate.category, line.category)) return -1;
    if (rate.channel !== undefined && !same(rate.channel, line.channel)) return -1;
    return (rate.category !== undefined ? 2 : 0) + (rate.channel !== undefined ? 1 : 0);
  };
  let best: { rate: CommissionRate; score: number } | undefined;
  for (const rate of commission.rates) {
    const s = score(rate);
    if (s > 0 && (!best || s > best.score)) best = { rate, score: s };
  }
  return best ? best.rate.rateBp : commission.defaultRateBp;
}

/** rate × amount, half away from zero, in minor units. */
export function commissionOn(amountMinor: number, rateBp: number): number {
  return mulDivHalfUp(amountMinor, rateBp, 10_000);
}
