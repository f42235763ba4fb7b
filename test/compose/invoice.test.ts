import { describe, expect, it } from 'vitest';
import { buildInvoice } from '../../connector/compose/invoice.ts';
import { documentSchema } from '../../connector/core/document-model.ts';
import { context } from './fixtures/context.ts';
import { customer, invoiceResult } from './fixtures/invoice.ts';

const source = { ...context, invoice: invoiceResult, customer };

describe('buildInvoice', () => {
  const doc = buildInvoice(source);

  it('produces a valid document model for the invoice entity', () => {
    expect(documentSchema.parse(doc)).toEqual(doc);
    expect(doc.type).toBe('invoice');
    expect(doc.source).toEqual({
      accountId: 'NORDWIND', retailerId: '1', entityType: 'INVOICE', entityRef: 'INV-2024-0042', entityId: '5001',
      rootEntityType: 'BILLING_ACCOUNT', rootEntityRef: 'BA-CUST-77',
    });
    expect(doc.currency).toBe('EUR');
    expect(doc.issueDate).toBe('2024-03-05T09:15:00.000Z');
    expect(doc.dueDate).toBe('2024-03-19T23:59:59.000Z');
    expect(doc.orderRef).toBe('ORD-77-1001');
  });

  it('takes the buyer from the billing account and contact details from the customer', () => {
    expect(doc.buyer).toEqual({
      name: 'Erika Mustermann', email: 'erika@example.de', phone: '+49 421 555 0101',
      address: { name: 'Erika Mustermann', street: 'Lindenweg 4', city: 'Bremen', postcode: '28195', region: 'HB', country: 'DE' },
    });
    expect(doc.seller.vatId).toBe('DE123456789');
  });

  it('summarises tax per rate at document level (BR-CO-17) and records the line residue', () => {
    expect(doc.taxSummary).toEqual([
      { taxCategory: 'S', taxRateBp: 1900, taxableMinor: 12274, taxMinor: 2332, roundingResidueMinor: -1 },
      { taxCategory: 'S', taxRateBp: 700, taxableMinor: 671, taxMinor: 47 },
    ]);
    expect(doc.totals).toEqual({ netMinor: 12945, taxMinor: 2379, grossMinor: 15324, paidMinor: 10000, balanceMinor: 5324 });
  });

  it('moves the residue cent to the line whose tax is furthest below exact, so lines reconcile', () => {
    expect(doc.lines.map((l) => l.taxMinor)).toEqual([240, 239, 239, 1520, 47, 94]);
    expect(doc.lines.reduce((a, l) => a + l.taxMinor, 0)).toBe(doc.totals.taxMinor);
    expect(doc.lines.every((l) => l.netMinor + l.taxMinor === l.grossMinor)).toBe(true);
  });

  it('keeps quantities, unit prices, SKUs and marks the shipping line', () => {
    expect(doc.lines[0]).toMatchObject({ ref: 'SOCKS', description: 'Trail socks', sku: 'SKU-SOCKS', quantity: 3, unit: 'EA', unitPriceMinor: 420, netMinor: 1260, kind: 'item' });
    expect(doc.lines[4]).toMatchObject({ taxRateBp: 700, taxCategory: 'S' });
    expect(doc.lines[5]).toMatchObject({ ref: 'SHIP', kind: 'shipping' });
    expect(doc.lines[5]?.sku).toBeUndefined();
  });

  it('falls back to the customer name when the billing account has none', () => {
    const unnamed = { ...invoiceResult, billingAccount: { ...invoiceResult.billingAccount!, name: null } };
    const renamed = buildInvoice({ ...source, invoice: unnamed, customer: { ...customer, firstName: 'Max' } });
    expect(renamed.buyer.name).toBe('Max Mustermann');
  });

  it('treats a DateTime without offset as UTC', () => {
    const local = buildInvoice({ ...source, invoice: { ...invoiceResult, issueDate: '2024-03-05T09:15:00' } });
    expect(local.issueDate).toBe('2024-03-05T09:15:00Z');
  });
});
