import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cycleAfter, cycleOf } from '../../connector/statements/cycle.ts';
import { activityKey, statementOf, type Activity } from '../../connector/statements/ledger.ts';
import { sellerSchema } from '../../connector/sellers/seller.ts';

/**
 * 1,000 random cycles: random sellers (rates by category and channel, shipping commissioned or not, a
 * subscription), random orders, refunds dated in their order's cycle but issued after it closed, and
 * adjustments. Each pair of consecutive cycles is closed in turn, the second one knowing what the first
 * counted, as the cycle run does. The identity holds exactly in every cycle, nothing is counted twice
 * and nothing before the second cycle's end is left out.
 */
const CATEGORIES = ['books', 'electronics', 'fashion', 'toys'];
const CHANNELS = ['web', 'app', 'store'];
const billing = { frequency: 'monthly' as const, timeZone: 'Europe/Berlin', cutOffHour: 0, anchor: '2024-01-01' };
const first = cycleOf(billing, '2026-10');
const second = cycleAfter(billing, first);
const span = second.end.getTime() - first.start.getTime();

const sellerArb = fc.record({
  defaultRateBp: fc.integer({ min: 0, max: 3000 }),
  rates: fc.uniqueArray(fc.record({ category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }), channel: fc.option(fc.constantFrom(...CHANNELS), { nil: undefined }), rateBp: fc.integer({ min: 0, max: 10_000 }) }), {
    maxLength: 6,
    selector: (r) => `${r.category}|${r.channel}`,
  }),
  shippingIncluded: fc.boolean(),
  subscriptionFeeMinor: fc.integer({ min: 0, max: 50_000 }),
}).map((s) =>
  sellerSchema.parse({
    ref: 'S1', retailerId: '2', legalName: 'Seller', address: { country: 'DE' }, payoutCurrency: 'EUR',
    commission: { defaultRateBp: s.defaultRateBp, rates: s.rates.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))), shippingIncluded: s.shippingIncluded },
    subscriptionFeeMinor: s.subscriptionFeeMinor, billingCycle: billing,
  }),
);

/** An instant anywhere from the first cycle's start to a week after the second's end. */
const atArb = fc.integer({ min: 0, max: span + 7 * 86_400_000 }).map((offset) => new Date(first.start.getTime() + offset).toISOString());
const lineArb = fc.record({ category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }), goodsMinor: fc.integer({ min: 0, max: 500_000 }) });

const orderArb = fc.record({ at: atArb, channel: fc.option(fc.constantFrom(...CHANNELS), { nil: undefined }), lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }), shippingMinor: fc.integer({ min: 0, max: 2_000 }), refunds: fc.array(fc.record({ afterMs: fc.integer({ min: 0, max: span }), share: fc.double({ min: 0, max: 1, noNaN: true }), shipping: fc.boolean() }), { maxLength: 2 }) });
const adjustmentArb = fc.record({ at: atArb, amountMinor: fc.integer({ min: -100_000, max: 100_000 }) });

type Order = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;

function activitiesOf(orders: readonly Order[], adjustments: readonly { at: string; amountMinor: number }[]): Activity[] {
  const activities: Activity[] = [];
  orders.forEach((order, i) => {
    const ref = `ORD-${i}`;
    const lines = order.lines.map((line, j) => ({ ref: `${ref}-${j}`, category: line.category, goodsMinor: line.goodsMinor }));
    activities.push({ kind: 'sale', ref, at: order.at, currency: 'EUR', channel: order.channel, lines, shippingMinor: order.shippingMinor });
    order.refunds.forEach((refund, k) => {
      const at = new Date(Date.parse(order.at) + refund.afterMs).toISOString();
      const refunded = lines.map((line) => ({ ...line, goodsMinor: Math.floor(line.goodsMinor * refund.share) }));
      activities.push({ kind: 'refund', ref: `CM-${i}-${k}`, orderRef: ref, at, currency: 'EUR', channel: order.channel, lines: refunded, shippingMinor: refund.shipping ? order.shippingMinor : 0 });
    });
  });
  adjustments.forEach((adjustment, i) => activities.push({ kind: 'adjustment', ref: `ADJ-${i}`, at: adjustment.at, currency: 'EUR', amountMinor: adjustment.amountMinor, reason: 'goodwill', author: 'ops@example.com' }));
  return activities;
}

describe('seller payout (property)', () => {
  it('reconciles to the cent over 1,000 random cycles and counts no refund twice', () => {
    fc.assert(
      fc.property(sellerArb, fc.array(orderArb, { maxLength: 12 }), fc.array(adjustmentArb, { maxLength: 4 }), (seller, orders, adjustments) => {
        const activities = activitiesOf(orders, adjustments);
        const closedFirst = statementOf(seller, first, activities, new Set());
        const counted = new Set(closedFirst.entries.map((e) => e.key));
        const closedSecond = statementOf(seller, second, activities, counted);

        for (const { entries, payout } of [closedFirst, closedSecond]) {
          // The identity, from its parts, equals the money counted entry by entry.
          expect(payout.payoutMinor).toBe(payout.salesMinor + payout.shippingMinor - payout.refundsMinor - payout.commissionsMinor + payout.reversalsMinor + payout.adjustmentsMinor - payout.subscriptionMinor);
          expect(payout.payoutMinor).toBe(entries.reduce((sum, e) => sum + e.amountMinor, 0) - seller.subscriptionFeeMinor);
          for (const e of entries) expect(Number.isSafeInteger(e.amountMinor)).toBe(true);
          // Commissions are the sum of their parts.
          for (const e of entries) expect(e.commissionMinor).toBe(e.commissions.reduce((s, p) => s + p.commissionMinor, 0));
        }
        // Every activity before the second cycle's end is counted exactly once over the two cycles.
        const keys = [...closedFirst.entries, ...closedSecond.entries].map((e) => e.key);
        expect(new Set(keys).size).toBe(keys.length);
        const due = activities.filter((a) => Date.parse(a.at) < second.end.getTime()).map(activityKey);
        expect(new Set(keys)).toEqual(new Set(due));
        // A closed cycle counts nothing dated after its end; late refunds land in the next one.
        for (const e of closedFirst.entries) expect(Date.parse(e.date)).toBeLessThan(first.end.getTime());
        // Rerunning the second cycle over the same data gives the same entries and numbers.
        expect(statementOf(seller, second, activities, counted)).toEqual(closedSecond);
      }),
      { numRuns: 1000 },
    );
  });
});
