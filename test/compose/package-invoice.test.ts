import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPackageInvoice } from '../../connector/compose/package-invoice.ts';
import type { PackageOrderNode } from '../../connector/core/fluent-data/package-order.ts';
import { packageInvoiceConfigSchema } from '../../connector/compose/package-invoice.ts';
import { context } from './fixtures/context.ts';
import { orderResult } from './fixtures/order.ts';

function pkg(id: string, createdOn: string, filled: [string, number][]) {
  return { node: { id, ref: `F-${id}`, status: 'FULFILLED', createdOn, items: { edges: filled.map(([ref, q]) => ({ node: { filledQuantity: q, orderItem: { id: ref, ref } } })) } } };
}

/** The fixture order shipped in two packages and paid cash on delivery. */
const codOrder: PackageOrderNode = {
  ...orderResult,
  financialTransactions: { edges: [{ node: { id: '9100', ref: 'FT-9100', type: 'PAYMENT', status: 'PENDING', createdOn: null, total: 161.88, currency: 'EUR', paymentMethod: 'COD', cardType: null } }] },
  fulfilments: { edges: [
    pkg('602', '2024-04-04T08:00:00Z', [['OI-1', 1], ['OI-3', 1]]),
    pkg('601', '2024-04-03T08:00:00Z', [['OI-1', 1], ['OI-2', 1]]),
  ] },
};
const config = packageInvoiceConfigSchema.parse({ codFeePerPackageMinor: 250 });

describe('buildPackageInvoice', () => {
  const first = buildPackageInvoice({ ...context, order: codOrder, fulfilmentId: '601', config });
  const second = buildPackageInvoice({ ...context, order: codOrder, fulfilmentId: '602', config });

  // Shipping share of package 1: round(5.90 × 59.94 / 129.00) = 2.74.
  it('invoices each package with its items, its shipping share and the COD fee', () => {
    expect(first.lines.map((l) => [l.ref, l.quantity, l.netMinor, l.kind])).toEqual([
      ['OI-1', 1, 3995, 'item'], ['OI-2', 1, 1999, 'item'], ['SHIPPING', 1, 274, 'shipping'], ['COD_FEE', 1, 250, 'fee'],
    ]);
    expect(first.references).toContainEqual({ label: 'Package', value: 'F-601 (1/2)' });
    expect(first.paymentStatus).toBe('cash_on_delivery');
    expect(first.source).toMatchObject({ entityType: 'FULFILMENT', entityRef: 'F-601', rootEntityRef: 'HD_387_56' });
  });

  it('splits shipping so that the packages add up to the order exactly', () => {
    const shipping = [first, second].flatMap((d) => d.lines.filter((l) => l.kind === 'shipping')).reduce((a, l) => a + l.netMinor, 0);
    const items = [first, second].flatMap((d) => d.lines.filter((l) => l.kind === 'item')).reduce((a, l) => a + l.netMinor, 0);
    expect(shipping).toBe(590);
    expect(items).toBe(12900);
  });

  it('reports prepaid packages as paid', () => {
    const prepaid: PackageOrderNode = { ...codOrder, financialTransactions: orderResult.financialTransactions };
    const doc = buildPackageInvoice({ ...context, order: prepaid, fulfilmentId: '602', config });
    expect(doc.paymentStatus).toBe('paid');
    expect(doc.lines.some((l) => l.kind === 'fee')).toBe(false);
    expect(doc.totals.balanceMinor).toBe(0);
  });

  it('never loses or invents a cent across any split into packages (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }), (assignment) => {
        // Units: two shirts, one tote, one espadrilles; each unit goes to package 0, 1 or 2.
        const units = ['OI-1', 'OI-1', 'OI-2', 'OI-3'];
        const packages = [0, 1, 2].map((p) => units.filter((_, u) => assignment[u] === p)).filter((list) => list.length > 0);
        const order: PackageOrderNode = {
          ...codOrder,
          fulfilments: { edges: packages.map((list, p) => pkg(String(700 + p), `2024-04-0${p + 3}T08:00:00Z`, [...new Set(list)].map((ref) => [ref, list.filter((r) => r === ref).length] as [string, number]))) },
        };
        const docs = packages.map((_, p) => buildPackageInvoice({ ...context, order, fulfilmentId: String(700 + p), config: { ...config, codFeePerPackageMinor: 0 } }));
        const net = docs.reduce((a, d) => a + d.totals.netMinor, 0);
        expect(net).toBe(13490);
      }),
      { numRuns: 60 },
    );
  });
});
