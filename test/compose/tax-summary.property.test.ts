import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taxOnNet } from '../../connector/compose/money.ts';
import { computeTaxes, type TaxableLine } from '../../connector/compose/tax-summary.ts';
import { treatmentArb } from './support/arbitraries.ts';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Lines as a source gives them; sometimes with its own line taxes, rounded down or up. */
const linesArb = fc.array(
  fc.record({
    amountMinor: fc.integer({ min: -50_000, max: 5_000_000 }),
    treatment: treatmentArb,
    sourceRounding: fc.option(fc.constantFrom('floor', 'ceil') as fc.Arbitrary<'floor' | 'ceil'>, { nil: undefined }),
  }),
  { minLength: 1, maxLength: 30 },
);

type RawLine = { amountMinor: number; treatment: TaxableLine['treatment']; sourceRounding: 'floor' | 'ceil' | undefined };

/** A source's line tax: the exact tax rounded either way (any rounding rule lands on one of these). */
function withSourceTax(lines: RawLine[], mode: 'tax_exclusive' | 'tax_inclusive'): TaxableLine[] {
  return lines.map(({ amountMinor, treatment, sourceRounding }) => {
    if (sourceRounding === undefined) return { amountMinor, treatment };
    const exact = (amountMinor * treatment.rateBp) / (mode === 'tax_exclusive' ? 10_000 : 10_000 + treatment.rateBp);
    return { amountMinor, treatment, sourceTaxMinor: Math[sourceRounding](exact) };
  });
}

describe('tax summary (property)', () => {
  for (const mode of ['tax_exclusive', 'tax_inclusive'] as const) {
    it(`lines, rate rows and totals always reconcile (${mode})`, () => {
      fc.assert(
        fc.property(linesArb, (raw) => {
          const input = withSourceTax(raw, mode);
          const { lines, taxSummary, totals } = computeTaxes(input, mode);
          expect(sum(lines.map((l) => l.netMinor))).toBe(sum(taxSummary.map((r) => r.taxableMinor)));
          expect(sum(taxSummary.map((r) => r.taxableMinor))).toBe(totals.netMinor);
          expect(sum(lines.map((l) => l.taxMinor))).toBe(sum(taxSummary.map((r) => r.taxMinor)));
          expect(sum(taxSummary.map((r) => r.taxMinor))).toBe(totals.taxMinor);
          expect(totals.netMinor + totals.taxMinor).toBe(totals.grossMinor);
          lines.forEach((l) => expect(l.netMinor + l.taxMinor).toBe(l.grossMinor));
          // The amount as priced is kept: net when exclusive, gross (what the buyer paid) when inclusive.
          lines.forEach((l, i) => expect(mode === 'tax_exclusive' ? l.netMinor : l.grossMinor).toBe(input[i]!.amountMinor));
        }),
      );
    });
  }

  it('each rate row follows BR-CO-17 exactly when prices exclude tax', () => {
    fc.assert(
      fc.property(linesArb, (raw) => {
        const { taxSummary } = computeTaxes(withSourceTax(raw, 'tax_exclusive'), 'tax_exclusive');
        taxSummary.forEach((row) => expect(row.taxMinor).toBe(taxOnNet(row.taxableMinor, row.taxRateBp)));
      }),
    );
  });

  it('tax-inclusive rows are within one unit of BR-CO-17 (exact whenever a split exists)', () => {
    fc.assert(
      fc.property(linesArb, (raw) => {
        const { taxSummary } = computeTaxes(withSourceTax(raw, 'tax_inclusive'), 'tax_inclusive');
        taxSummary.forEach((row) => expect(Math.abs(row.taxMinor - taxOnNet(row.taxableMinor, row.taxRateBp))).toBeLessThanOrEqual(1));
      }),
    );
  });

  it('computed line taxes are each within one unit of exact', () => {
    fc.assert(
      fc.property(linesArb, (raw) => {
        const input = raw.map(({ amountMinor, treatment }) => ({ amountMinor, treatment }));
        const { lines } = computeTaxes(input, 'tax_exclusive');
        lines.forEach((l, i) => expect(Math.abs(l.taxMinor - (input[i]!.amountMinor * input[i]!.treatment.rateBp) / 10_000)).toBeLessThan(1));
      }),
    );
  });
});
