import { describe, it } from 'vitest';
import type { InvoiceNode } from '../../connector/core/fluent-data/invoice.ts';
import { buildInvoice } from '../../connector/compose/invoice.ts';
import { context } from './fixtures/context.ts';
import { customer, invoiceResult } from './fixtures/invoice.ts';
import { expectPermanent } from './support/errors.ts';

type Item = NonNullable<NonNullable<NonNullable<InvoiceNode['items']>['edges']>[number]>['node'];

/** The fixture invoice with its first item changed. */
function withFirstItem(change: (item: NonNullable<Item>) => NonNullable<Item>): InvoiceNode {
  const edges = invoiceResult.items!.edges!.map((edge, index) => (index === 0 ? { node: change(edge!.node!) } : edge));
  return { ...invoiceResult, items: { ...invoiceResult.items, edges } };
}

const build = (invoice: InvoiceNode) => () => buildInvoice({ ...context, invoice, customer });

// Bad data must fail the document with a reason a person can act on: never a wrong PDF.
describe('buildInvoice refuses bad data', () => {
  it('a line without tax type when the invoice has no default', () => {
    const invoice = { ...withFirstItem((i) => ({ ...i, unitTaxType: null })), defaultTaxType: null };
    expectPermanent(build(invoice), 'invoice INV-2024-0042 item SOCKS: missing tax type');
  });

  it('a negative quantity', () => {
    const invoice = withFirstItem((i) => ({ ...i, unitQuantity: { quantity: -3, unit: 'EA' } }));
    expectPermanent(build(invoice), 'item SOCKS: negative quantity -3');
  });

  it('an unknown currency', () => {
    expectPermanent(build({ ...invoiceResult, currency: { alphabeticCode: 'XYZ' } }), 'unknown currency XYZ');
  });

  it('a missing currency', () => {
    expectPermanent(build({ ...invoiceResult, currency: null }), 'unknown currency (none)');
  });

  it('a missing billing account', () => {
    expectPermanent(build({ ...invoiceResult, billingAccount: null }), 'invoice INV-2024-0042: missing billing account');
  });

  it('a tax type whose tariff has no rate', () => {
    const invoice = withFirstItem((i) => ({ ...i, unitTaxType: { country: 'DE', group: 'STANDARD', tariff: 'VAT' } }));
    expectPermanent(build(invoice), 'tax type DE/STANDARD/VAT has no rate');
  });

  it('line taxes further from the rate tax than rounding can explain', () => {
    const invoice = withFirstItem((i) => ({ ...i, taxAmount: { amount: 3.5, scale: 2, unscaledValue: 350 } }));
    expectPermanent(build(invoice), /line taxes for S 19% sum to .* more than rounding/);
  });

  it('a subtotal that does not match the items', () => {
    const invoice = { ...invoiceResult, subTotalAmount: { amount: 130, scale: 2, unscaledValue: 13000 } };
    expectPermanent(build(invoice), 'subtotal 13000 does not match the sum of its items 12945');
  });

  it('an amount whose float and BigDecimal parts disagree', () => {
    const invoice = withFirstItem((i) => ({ ...i, amount: { amount: 12.6, scale: 2, unscaledValue: 1261 } }));
    expectPermanent(build(invoice), 'amount 12.6 disagrees with unscaledValue 1261');
  });

  it('an issue date that is not a date', () => {
    expectPermanent(build({ ...invoiceResult, issueDate: 'yesterday' }), 'issueDate: not a date-time: yesterday');
  });

  it('more items than one page holds', () => {
    const invoice = { ...invoiceResult, items: { ...invoiceResult.items, pageInfo: { hasNextPage: true } } };
    expectPermanent(build(invoice), 'more entries than one page holds');
  });
});
