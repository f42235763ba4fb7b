import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE } from '../../connector/fluent/contract.ts';
import { PROFORMA_EVENT, RECEIPT_EVENT, installSampleWorkflows } from '../../scripts/demo/sample-workflows.ts';
import { entityAttributes, waitForDocument, type DocumentReply, type EntityKey } from '../../scripts/demo/sample-documents.ts';
import { createSampleFulfilment, createSampleOrder, type CreatedOrder } from '../../scripts/demo/sample-order.ts';
import { createSampleReturn } from '../../scripts/demo/sample-return.ts';
import { pdfText } from '../support/pdf-text.ts';
import { startLoop, type Loop } from './loop-harness.ts';

/**
 * Order-side documents end to end: the retailer's ORDER and RETURN_ORDER workflows (merged with
 * Folio's fragments and pushed) ask for them; the connector renders, stores and reports; the
 * fragments write the links onto the entity. Amounts: 2 × 59.99 + 34.50 + 4.95 shipping = 159.43 net,
 * 31.89 VAT, 191.32 gross; paid 20.00 in loyalty points and 171.32 by card.
 */
describe('order documents from the emulator loop', () => {
  let loop: Loop;
  let order: CreatedOrder;
  const retailerId = () => loop.emulator.retailerId;

  beforeAll(async () => {
    loop = await startLoop();
    await installSampleWorkflows(loop.emulator, loop.connector.url);
    order = await createSampleOrder(loop.fluent, loop.emulator.store, {
      retailerId: retailerId(),
      suffix: 'E2E-HD',
      payments: [{ method: 'LOYALTY_POINTS', amountMinor: 2000 }, { method: 'CARD', amountMinor: 17132, cardType: 'VISA' }],
    });
  });
  afterAll(async () => {
    await loop?.close();
  });

  const textOf = (reply: DocumentReply) => pdfText(readFileSync(reply.pdfPath!));
  /** The document was generated and its links written onto the entity by the workflow. */
  async function generated(key: EntityKey, documentType: string): Promise<{ reply: DocumentReply; text: string }> {
    const reply = await waitForDocument(loop.emulator, key, documentType);
    expect(reply, reply.failureReason).toMatchObject({ outcome: 'generated', documentType });
    return { reply, text: textOf(reply) };
  }
  const onEntity = (key: EntityKey, reply: DocumentReply) => {
    const attributes = entityAttributes(loop.emulator, key);
    expect(attributes[ATTRIBUTE.documentNumber]).toBe(reply.number);
    expect(attributes[ATTRIBUTE.fileName]).toBe(`${reply.number}.pdf`);
    expect(String(attributes[ATTRIBUTE.downloadUrl])).toMatch(new RegExp(`^${loop.connector.url}/documents/download\\?t=`));
  };

  it('confirms the order when it is created: items, delivery, totals and what was paid', async () => {
    const key = { entityType: 'ORDER', entityId: order.orderId };
    const { reply, text } = await generated(key, 'order_confirmation');
    expect(reply.number).toMatch(/^OC-GB\d{4}-\d{6}$/);
    onEntity(key, reply);
    for (const fact of [reply.number!, order.orderRef, order.customerName, 'Merino wool jumper', 'Leather belt', '£159.43', '£31.89', '£191.32', 'LOYALTY_POINTS', '£171.32']) expect(text).toContain(fact);
  });

  it('gives a receipt for one payment with what was paid so far and the balance', async () => {
    const card = order.payments[1]!;
    await loop.fluent.postEvent({ name: RECEIPT_EVENT, retailerId: retailerId(), entityType: 'FINANCIAL_TRANSACTION', entityId: card.id, entityRef: card.ref, rootEntityType: 'ORDER', rootEntityId: order.orderId, rootEntityRef: order.orderRef, attributes: {} });
    const { reply, text } = await generated({ entityType: 'FINANCIAL_TRANSACTION', entityId: card.id }, 'payment_receipt');
    expect(reply.number).toMatch(/^RCT-/);
    // Fluent stores no attributes on transactions: the report event is what the OMS receives.
    expect(reply.attributes[ATTRIBUTE.downloadUrl]).toEqual(expect.any(String));
    for (const fact of [reply.number!, card.ref, order.customerName, 'CARD (VISA)', '£171.32', 'This payment', 'Paid so far', '£191.32', '£0.00']) expect(text).toContain(fact);
  });

  it('writes a shipment note per package with its items, quantities, carrier and tracking', async () => {
    const parcel = await createSampleFulfilment(loop.fluent, order, { ref: 'F-E2E-1', items: [{ index: 0, quantity: 2 }, { index: 1, quantity: 1 }], tracking: { carrier: 'DHL Express', number: 'JD014600006281230704' } });
    const key = { entityType: 'FULFILMENT', entityId: parcel.id };
    const { reply, text } = await generated(key, 'shipment_note');
    onEntity(key, reply);
    for (const fact of [reply.number!, 'F-E2E-1', order.customerName, 'Merino wool jumper', 'Leather belt', 'DHL Express', 'JD014600006281230704']) expect(text).toContain(fact);
    // A delivery note without prices.
    expect(text).not.toContain('£');
  });

  it('confirms a return with reasons and the refund by tender, loyalty points first', async () => {
    const returned = await createSampleReturn(loop.fluent, order, { retailerId: retailerId(), ref: 'RET-E2E-1', lines: [{ index: 1, quantity: 1, unitMinor: 3450, reason: 'Too small' }] });
    const key = { entityType: 'RETURN_ORDER', entityRef: returned.ref };
    const { reply, text } = await generated(key, 'return_confirmation');
    onEntity(key, reply);
    expect(text).toMatch(/Reason: Too small/);
    // 41.40 of goods back with their share of the 4.95 shipping (FOLIO_REFUND_POLICY's default, proportional):
    // round(495 × 4140 / 18637) = 1.10, so 42.50 in all: the 20.00 of points first, 22.50 to the card.
    expect(text).toMatch(/LOYALTY_POINTS\s+PAY-E2E-HD-1\s+£20\.00/);
    expect(text).toMatch(/CARD\s+PAY-E2E-HD-2\s+£22\.50/);
    expect(text).toContain('£41.40');
    // The same plan goes back onto the return order for the OMS to carry out.
    expect(entityAttributes(loop.emulator, key)[ATTRIBUTE.refundPlan]).toMatchObject({
      currency: 'GBP', itemsMinor: 4140, shippingMinor: 110, codFeeMinor: 0, totalMinor: 4250,
      allocations: [{ tender: 'LOYALTY_POINTS', amountMinor: 2000 }, { tender: 'CARD', method: 'CARD', amountMinor: 2250, amount: '22.50' }],
    });
  });

  it('invoices each package of a cash-on-delivery order with its share of shipping and the payment status', async () => {
    const cod = await createSampleOrder(loop.fluent, loop.emulator.store, { retailerId: retailerId(), suffix: 'E2E-COD', type: 'COD', payments: [{ method: 'COD', amountMinor: 19132 }] });
    const first = await createSampleFulfilment(loop.fluent, cod, { ref: 'F-E2E-COD-1', items: [{ index: 0, quantity: 2 }] });
    const one = await generated({ entityType: 'FULFILMENT', entityId: first.id }, 'invoice');
    const second = await createSampleFulfilment(loop.fluent, cod, { ref: 'F-E2E-COD-2', items: [{ index: 1, quantity: 1 }] });
    const two = await generated({ entityType: 'FULFILMENT', entityId: second.id }, 'invoice');
    onEntity({ entityType: 'FULFILMENT', entityId: second.id }, two.reply);

    expect(one.text).toContain('Merino wool jumper');
    expect(one.text).not.toContain('Leather belt');
    expect(two.text).toContain('Leather belt');
    for (const { text } of [one, two]) expect(text).toMatch(/Payment status\s+Cash on delivery/);
    // Shipping 4.95 split by value, 3.84 + 1.11: the packages add up to the order, not a cent lost.
    expect(one.text).toMatch(/Delivery\s+1\s+£3\.84/);
    expect(two.text).toMatch(/Delivery\s+1\s+£1\.11/);
    expect(two.text).toContain('F-E2E-COD-2 (2/2)');
  });

  it('makes the declared custom document when its trigger event reaches Folio', async () => {
    const key = { entityType: 'ORDER', entityId: order.orderId };
    await loop.fluent.postEvent({ name: PROFORMA_EVENT, retailerId: retailerId(), entityType: 'ORDER', entityId: order.orderId, entityRef: order.orderRef, rootEntityType: 'ORDER', rootEntityId: order.orderId, rootEntityRef: order.orderRef, attributes: {} });
    // A custom document is its own kind: reported as custom:<name>, with its own number series and prefix.
    const { reply, text } = await generated(key, 'custom:Pro forma invoice');
    expect(reply.number).toMatch(/^PROFORMA-GB\d{4}-\d{6}$/);
    onEntity(key, reply);
    for (const fact of ['Pro forma invoice', reply.number!, order.orderRef, order.customerName, 'Merino wool jumper', '£154.48', '£30.90', '£185.38']) expect(text).toContain(fact);
  });
});
