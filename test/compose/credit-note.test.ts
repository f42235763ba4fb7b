import { describe, expect, it } from 'vitest';
import { buildCreditNote } from '../../connector/compose/credit-note.ts';
import { buildDebitNote } from '../../connector/compose/debit-note.ts';
import { allocateRefund } from '../../connector/compose/refunds.ts';
import type { CreditMemoNode } from '../../connector/core/fluent-data/credit-memo.ts';
import { creditMemoQueryResultSchema } from '../../connector/fetch/queries/credit-memo.ts';
import { amount, context } from './fixtures/context.ts';
import { customer, invoiceResult, vat19 } from './fixtures/invoice.ts';
import { expectPermanent } from './support/errors.ts';

/** A credit memo for the returned rain jacket of the fixture invoice, which Folio numbered DE2024-000042. */
const creditMemo = creditMemoQueryResultSchema.parse({
  creditMemo: {
    id: '7001', ref: 'CM-2024-0007', type: 'RETURN', status: 'ISSUED', issueDate: '2024-03-12T10:00:00Z',
    currency: { alphabeticCode: 'EUR' }, defaultTaxType: vat19,
    subTotalAmount: amount('79.99'), totalTax: amount('15.20'), totalAmount: amount('95.19'), totalBalance: amount('95.19'),
    attributes: [],
    invoice: { ref: 'INV-2024-0042', issueDate: '2024-03-05T09:15:00.000Z', attributes: [{ name: 'folioDocumentNumber', type: 'STRING', value: 'DE2024-000042' }] },
    order: { ref: 'ORD-77-1001' }, returnOrder: { ref: 'RET-77-1' },
    billingAccount: invoiceResult.billingAccount,
    items: { edges: [{ node: {
      ref: 'CM-2024-0007-1', type: 'RETURN', description: 'Rain jacket', creditReasonCode: { value: 'DAMAGED', label: 'Arrived damaged' },
      orderItem: { ref: 'OI-JACKET' }, product: { ref: 'SKU-JACKET' }, unitQuantity: { quantity: 1, unit: 'EA' }, unitTaxType: null,
      unitAmount: amount('79.99'), amount: amount('79.99'), taxAmount: amount('15.20'),
    } }] },
  },
}).creditMemo as CreditMemoNode;

describe('buildCreditNote', () => {
  const refunds = allocateRefund([{ tender: 'CREDIT_CARD', paidMinor: 10000 }, { tender: 'LOYALTY_POINTS', paidMinor: 2000 }], 9519);
  const doc = buildCreditNote({ ...context, creditMemo, customer, refunds });

  it('references the original invoice by its Folio number and date', () => {
    expect(doc.type).toBe('credit_note');
    expect(doc.references).toEqual([
      { label: 'Invoice', value: 'DE2024-000042' },
      { label: 'Invoice date', value: '2024-03-05T09:15:00.000Z' },
      { label: 'Order', value: 'ORD-77-1001' },
      { label: 'Return', value: 'RET-77-1' },
    ]);
  });

  it('carries the credit reason per item and positive credited amounts', () => {
    expect(doc.lines[0]).toMatchObject({ description: 'Rain jacket', reason: 'Arrived damaged', netMinor: 7999, taxMinor: 1520 });
    expect(doc.totals).toEqual({ netMinor: 7999, taxMinor: 1520, grossMinor: 9519 });
  });

  it('shows each refund method and amount', () => {
    expect(doc.payments).toEqual([
      { kind: 'refund', method: 'LOYALTY_POINTS', amountMinor: 2000 },
      { kind: 'refund', method: 'CREDIT_CARD', amountMinor: 7519 },
    ]);
  });

  it('falls back to the Fluent invoice ref before Folio numbered it', () => {
    const unnumbered = { ...creditMemo, invoice: { ...creditMemo.invoice!, attributes: [] } };
    expect(buildCreditNote({ ...context, creditMemo: unnumbered }).references[0]).toEqual({ label: 'Invoice', value: 'INV-2024-0042' });
  });

  it('refuses refunds that do not add up to the credit', () => {
    expectPermanent(() => buildCreditNote({ ...context, creditMemo, refunds: [{ tender: 'CARD', method: 'CARD', amountMinor: 100 }] }), 'refunds by tender add up to 100, not the credit total 9519');
  });
});

describe('buildDebitNote', () => {
  it('is an invoice of a debit type built as a debit note', () => {
    const doc = buildDebitNote({ ...context, invoice: { ...invoiceResult, type: 'DEBIT' }, customer });
    expect(doc.type).toBe('debit_note');
    expect(doc.totals.grossMinor).toBe(15324);
  });
});
