import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundPolicySchema } from '../../connector/compose/refunds.ts';
import { creditNoteRefunds } from '../../connector/compose/credit-note.ts';
import { loadCreditNote } from '../../connector/fetch/load-credit-note.ts';
import { ATTRIBUTE, STATUS } from '../../connector/fluent/contract.ts';
import { fluentEventSchema } from '../../connector/fluent/event-model.ts';
import { addPayments, createSampleBillingAccount, createSampleBillingInvoice, createSampleCreditMemo } from '../../scripts/demo/sample-billing.ts';
import { entityAttributes, waitForDocument } from '../../scripts/demo/sample-documents.ts';
import { createSampleInvoice, type CreatedInvoice } from '../../scripts/demo/sample-invoice.ts';
import { createSampleFulfilment, createSampleOrder } from '../../scripts/demo/sample-order.ts';
import { pdfText } from '../support/pdf-text.ts';
import { startLoop, type Loop } from './loop-harness.ts';

/**
 * Billing documents end to end through Folio's BILLING_ACCOUNT workflow. Per-package invoicing of
 * invoices linked to a fulfilment is on here, with a 3.00 COD fee per package.
 */
describe('billing documents from the emulator loop', () => {
  let loop: Loop;
  let invoice: CreatedInvoice;
  let invoiceNumber: string;
  const retailerId = () => loop.emulator.retailerId;
  const pdfOf = (attributes: Record<string, unknown>) => pdfText(readFileSync((attributes[ATTRIBUTE.storage] as { path: string }).path));

  beforeAll(async () => {
    loop = await startLoop({ FOLIO_PACKAGE_INVOICES: 'on', FOLIO_PACKAGE_INVOICE_CONFIG: '{"codFeePerPackageMinor":300}' });
    invoice = await createSampleInvoice(loop.fluent, { retailerId: retailerId(), suffix: 'E2E-B' });
    invoiceNumber = String((await loop.documentFor(invoice.invoiceRef)).attributes[ATTRIBUTE.documentNumber]);
    // 188.38 paid: 20.00 in loyalty points, the rest by card.
    await addPayments(loop.fluent, invoice.orderRef, 'GBP', [{ method: 'LOYALTY_POINTS', amountMinor: 2000 }, { method: 'CARD', amountMinor: invoice.totalMinor - 2000 }], 'E2E-B');
  });
  afterAll(async () => {
    await loop?.close();
  });

  it('credits a returned item against the original invoice and shows each refund method', async () => {
    const memo = await createSampleCreditMemo(loop.fluent, {
      retailerId: retailerId(), ref: 'CM-E2E-1', billingAccountRef: invoice.billingAccountRef, invoiceRef: invoice.invoiceRef, orderRef: invoice.orderRef,
      lines: [{ description: 'Leather belt', quantity: 1, unitMinor: 3450, taxPercent: 20, reason: 'Damaged in transit' }],
    });
    const reply = await waitForDocument(loop.emulator, { entityType: 'CREDIT_MEMO', entityRef: memo.ref });
    expect(reply, reply.failureReason).toMatchObject({ outcome: 'generated', documentType: 'credit_note' });
    expect(loop.emulator.store.byRef('CreditMemo', memo.ref)?.status).toBe(STATUS.generated);
    const attributes = entityAttributes(loop.emulator, { entityType: 'CREDIT_MEMO', entityRef: memo.ref });
    expect(attributes[ATTRIBUTE.documentNumber]).toMatch(/^CN-GB\d{4}-000001$/);

    const text = pdfOf(attributes);
    for (const fact of [String(attributes[ATTRIBUTE.documentNumber]), invoiceNumber, 'Ada Lovelace', 'Leather belt', 'Reason: Damaged in transit', '£6.90', '£41.40']) expect(text).toContain(fact);
    // Loyalty points go back as points first, the rest to the card: 20.00 + 21.40 = 41.40.
    expect(text).toMatch(/LOYALTY_POINTS\s+PAY-E2E-B-1\s+£20\.00/);
    expect(text).toMatch(/CARD\s+PAY-E2E-B-2\s+£21\.40/);
  });

  it('returns the refund allocation as data, under the configured policy', async () => {
    const event = fluentEventSchema.parse({ id: 'e-1', name: 'FolioDocumentRequested', accountId: loop.emulator.accountId, retailerId: retailerId(), entityType: 'CREDIT_MEMO', entityRef: 'CM-E2E-1' });
    const cardFirst = refundPolicySchema.parse({ tenderOrder: ['CARD'] });
    const loaded = await loadCreditNote(loop.fluent, event);
    expect(creditNoteRefunds(loaded)?.allocations).toEqual([
      { tender: 'LOYALTY_POINTS', method: 'LOYALTY_POINTS', amountMinor: 2000, ref: 'PAY-E2E-B-1' },
      { tender: 'CARD', method: 'CARD', amountMinor: 2140, ref: 'PAY-E2E-B-2' },
    ]);
    expect(creditNoteRefunds(loaded, { policy: cardFirst })?.allocations).toEqual([{ tender: 'CARD', method: 'CARD', amountMinor: 4140, ref: 'PAY-E2E-B-2' }]);
  });

  it('issues an invoice of a debit type as a debit note in its own series', async () => {
    const debit = await createSampleBillingInvoice(loop.fluent, {
      retailerId: retailerId(), ref: 'DN-E2E-1', type: 'DEBIT_NOTE', billingAccountRef: invoice.billingAccountRef, orderRef: invoice.orderRef,
      lines: [{ description: 'Express delivery upgrade', quantity: 1, unitMinor: 995, taxPercent: 20 }, { description: 'Price correction: belt', quantity: 1, unitMinor: 500, taxPercent: 20 }],
    });
    const state = await loop.documentFor(debit.ref);
    expect(state.status).toBe(STATUS.generated);
    const number = String(state.attributes[ATTRIBUTE.documentNumber]);
    expect(number).toMatch(/^DN-GB\d{4}-000001$/);
    // Reported and stored as what it is, not as the invoice entity it came from.
    expect(state.attributes[ATTRIBUTE.documentType]).toBe('debit_note');
    expect((state.attributes[ATTRIBUTE.storage] as { path: string }).path).toContain('/debit_note/');
    const text = pdfOf(state.attributes);
    for (const fact of ['Debit note', number, 'Ada Lovelace', 'Express delivery upgrade', 'Price correction: belt', '£14.95', '£2.99', '£17.94']) expect(text).toContain(fact);
  });

  it('invoices an invoice linked to a package as that package, with its COD fee', async () => {
    const cod = await createSampleOrder(loop.fluent, loop.emulator.store, { retailerId: retailerId(), suffix: 'E2E-PKG', type: 'COD', payments: [{ method: 'COD', amountMinor: 19132 }] });
    const account = await createSampleBillingAccount(loop.fluent, { retailerId: retailerId(), ref: 'BA-E2E-PKG', customerRef: cod.customerRef, name: cod.customerName });
    await createSampleFulfilment(loop.fluent, cod, { ref: 'F-E2E-PKG-1', items: [{ index: 0, quantity: 2 }] });
    const linked = await createSampleBillingInvoice(loop.fluent, {
      retailerId: retailerId(), ref: 'INV-E2E-PKG-1', type: 'INVOICE', billingAccountRef: account, orderRef: cod.orderRef, fulfilmentRef: 'F-E2E-PKG-1',
      lines: [{ description: 'Merino wool jumper', quantity: 2, unitMinor: 5999, taxPercent: 20 }],
    });
    const state = await loop.documentFor(linked.ref);
    expect(state.status, String(state.attributes[ATTRIBUTE.failureReason])).toBe(STATUS.generated);
    const number = String(state.attributes[ATTRIBUTE.documentNumber]);
    expect(number).toMatch(/^INV-/);
    const text = pdfOf(state.attributes);
    // 119.98 + shipping share 3.84 + COD fee 3.00 = 126.82 net, 25.36 VAT, 152.18 due on delivery.
    for (const fact of [number, linked.ref, 'F-E2E-PKG-1', 'Merino wool jumper', 'Cash on delivery fee', '£3.00', '£126.82', '£25.36', '£152.18']) expect(text).toContain(fact);
    expect(text).toMatch(/Payment status\s+Cash on delivery/);
    expect(text).toMatch(/COD\s+PAY-E2E-PKG-1/);
  });
});
