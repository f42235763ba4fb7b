import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildInvoice } from '../../connector/compose/invoice.ts';
import { taxOnNet } from '../../connector/compose/money.ts';
import type { InvoiceNode } from '../../connector/core/fluent-data/invoice.ts';
import { currencyArb, decimalString } from './support/arbitraries.ts';
import { context } from './fixtures/context.ts';
import { invoiceResult } from './fixtures/invoice.ts';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const TARIFFS = ['20', '19', '7.7', '5.5', '10', '0'];

const itemArb = fc.record({
  quantity: fc.integer({ min: 0, max: 50 }),
  unitMinor: fc.integer({ min: 0, max: 2_000_000 }),
  tariff: fc.constantFrom(...TARIFFS),
  fluentRounding: fc.option(fc.constantFrom('floor', 'ceil') as fc.Arbitrary<'floor' | 'ceil'>, { nil: undefined }),
});

describe('buildInvoice over random invoices in JPY, EUR and KWD (property)', () => {
  it('totals reconcile: Σ lines = Σ rate rows = totals, net + tax = gross, BR-CO-17 per rate', () => {
    fc.assert(
      fc.property(currencyArb, fc.array(itemArb, { minLength: 1, maxLength: 25 }), ({ code, exponent }, items) => {
        // Fluent sends AmountType with the currency's scale; line taxes rounded either way, or none.
        const money = (minor: number) => ({ amount: Number(decimalString(minor, exponent)), scale: exponent, unscaledValue: minor });
        const edges = items.map((item, i) => {
          const net = item.quantity * item.unitMinor;
          const exact = (net * Number(item.tariff) * 100) / 10_000;
          return { node: {
            ref: `L${i}`, type: 'PRODUCT', description: `Item ${i}`, product: null,
            unitQuantity: { quantity: item.quantity, unit: 'EA' }, unitTaxType: { country: 'XX', group: 'STANDARD', tariff: item.tariff },
            unitAmount: money(item.unitMinor), amount: money(net),
            taxAmount: item.fluentRounding ? money(Math[item.fluentRounding](exact)) : null,
          } };
        });
        const invoice: InvoiceNode = {
          ...invoiceResult, currency: { alphabeticCode: code }, items: { edges },
          subTotalAmount: null, totalTax: null, totalAmount: null, totalBalance: null,
        };
        const doc = buildInvoice({ ...context, invoice });
        expect(sum(doc.lines.map((l) => l.netMinor))).toBe(sum(doc.taxSummary.map((r) => r.taxableMinor)));
        expect(sum(doc.taxSummary.map((r) => r.taxableMinor))).toBe(doc.totals.netMinor);
        expect(sum(doc.lines.map((l) => l.taxMinor))).toBe(doc.totals.taxMinor);
        expect(sum(doc.taxSummary.map((r) => r.taxMinor))).toBe(doc.totals.taxMinor);
        expect(doc.totals.netMinor + doc.totals.taxMinor).toBe(doc.totals.grossMinor);
        doc.taxSummary.forEach((r) => expect(r.taxMinor).toBe(taxOnNet(r.taxableMinor, r.taxRateBp)));
        // No drift: the document's net is exactly the sum of what Fluent charged per line.
        expect(doc.totals.netMinor).toBe(sum(items.map((i) => i.quantity * i.unitMinor)));
      }),
      { numRuns: 200 },
    );
  });
});
