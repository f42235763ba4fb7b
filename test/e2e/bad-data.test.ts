import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE, STATUS } from '../../connector/fluent/contract.ts';
import { addPayments, createSampleCreditMemo } from '../../scripts/demo/sample-billing.ts';
import { entityAttributes, waitForDocument } from '../../scripts/demo/sample-documents.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { createSampleOrder, SAMPLE_ORDER_LINES } from '../../scripts/demo/sample-order.ts';
import { installSampleWorkflows } from '../../scripts/demo/sample-workflows.ts';
import { startLoop, type Loop } from './loop-harness.ts';

/**
 * Bad data fails the document with a reason a person can act on; the reason reaches Fluent as the
 * FolioDocumentFailed event and lands on the entity (folioFailureReason; DOCUMENT_FAILED for billing
 * entities, whose workflow has Folio's statuses), and no PDF is stored — never a wrong document.
 */
describe('bad data never makes a document', () => {
  let loop: Loop;
  const retailerId = () => loop.emulator.retailerId;

  beforeAll(async () => {
    loop = await startLoop();
    await installSampleWorkflows(loop.emulator, loop.connector.url);
  });
  afterAll(async () => {
    await loop?.close();
  });

  /** Nothing numbered or stored for the entity. */
  async function nothingStored(entityRef: string): Promise<void> {
    const { rows } = await loop.connector.db.query<{ storage: unknown }>('SELECT storage FROM folio_documents WHERE entity_ref = $1', [entityRef]);
    expect(rows.filter((r) => r.storage !== null)).toEqual([]);
  }

  it('an invoice item with a negative quantity', async () => {
    const created = await createSampleInvoice(loop.fluent, { retailerId: retailerId(), suffix: 'BAD-QTY', lines: [{ description: 'Leather belt', quantity: -1, unitMinor: 3450, taxPercent: 20 }] });
    const state = await loop.documentFor(created.invoiceRef);
    expect(state.status).toBe(STATUS.failed);
    expect(state.attributes[ATTRIBUTE.failureReason]).toBe(`invoice ${created.invoiceRef} item ${created.invoiceRef.replace('INV-', 'ORD-')}-INV-1: negative quantity -1`);
    await nothingStored(created.invoiceRef);
  });

  it('an invoice in an unknown currency', async () => {
    const created = await createSampleInvoice(loop.fluent, { retailerId: retailerId(), suffix: 'BAD-CUR', currency: 'XYZ' });
    const state = await loop.documentFor(created.invoiceRef);
    expect(state.status).toBe(STATUS.failed);
    expect(state.attributes[ATTRIBUTE.failureReason]).toBe('unknown currency XYZ');
    await nothingStored(created.invoiceRef);
  });

  it('a credit memo refunding more than the order was paid', async () => {
    const invoice = await createSampleInvoice(loop.fluent, { retailerId: retailerId(), suffix: 'BAD-REF' });
    await loop.documentFor(invoice.invoiceRef);
    await addPayments(loop.fluent, invoice.orderRef, 'GBP', [{ method: 'CARD', amountMinor: invoice.totalMinor }], 'BAD-REF');
    // 3 × 200.00 + VAT = 720.00 credited against 188.38 paid.
    const memo = await createSampleCreditMemo(loop.fluent, {
      retailerId: retailerId(), ref: 'CM-BAD-REF', billingAccountRef: invoice.billingAccountRef, invoiceRef: invoice.invoiceRef, orderRef: invoice.orderRef,
      lines: [{ description: 'Goodwill', quantity: 3, unitMinor: 20000, taxPercent: 20, reason: 'Goodwill' }],
    });
    const reply = await waitForDocument(loop.emulator, { entityType: 'CREDIT_MEMO', entityRef: memo.ref });
    expect(reply.outcome).toBe('failed');
    expect(reply.failureReason).toBe('refund 72000 is larger than paid 18838 (minor units, after earlier refunds)');
    expect(loop.emulator.store.byRef('CreditMemo', memo.ref)?.status).toBe(STATUS.failed);
    expect(entityAttributes(loop.emulator, { entityType: 'CREDIT_MEMO', entityRef: memo.ref })[ATTRIBUTE.failureReason]).toBe(reply.failureReason);
    await nothingStored(memo.ref);
  });

  it('an order item with no tax type', async () => {
    const lines = [SAMPLE_ORDER_LINES[0]!, { sku: 'SCARF', description: 'Silk scarf', quantity: 1, unitMinor: 4500, taxType: null }];
    const order = await createSampleOrder(loop.fluent, loop.emulator.store, { retailerId: retailerId(), suffix: 'BAD-TAX', lines });
    const key = { entityType: 'ORDER', entityId: order.orderId };
    const reply = await waitForDocument(loop.emulator, key);
    expect(reply.outcome).toBe('failed');
    expect(reply.failureReason).toBe(`order item ${order.items[1]!.ref}: missing tax type (no product tax and no taxType)`);
    // Orders keep the retailer's statuses (Folio's fragments never set one); the reason is on the order.
    expect(entityAttributes(loop.emulator, key)[ATTRIBUTE.failureReason]).toBe(reply.failureReason);
    await nothingStored(order.orderRef);
  });
});
