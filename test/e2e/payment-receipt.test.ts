import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE, STATUS } from '../../connector/fluent/contract.ts';
import { createSampleBillingAccount } from '../../scripts/demo/sample-billing.ts';
import { waitForDocument } from '../../scripts/demo/sample-documents.ts';
import { createSampleOrder, type CreatedOrder } from '../../scripts/demo/sample-order.ts';
import { pdfText } from '../support/pdf-text.ts';
import { startLoop, type Loop } from './loop-harness.ts';

/**
 * A billing account's payment, from createPayment to its receipt, through the shipped
 * BILLING_ACCOUNT::CUSTOMER workflow: the platform raises CREATE on the PAYMENT, the PAYMENT ruleset
 * asks Folio, and Folio follows the payment's financial transaction to the order it pays for.
 */
describe('payment receipts from createPayment', () => {
  let loop: Loop;
  let order: CreatedOrder;
  let accountRef: string;

  beforeAll(async () => {
    loop = await startLoop();
    const retailerId = loop.emulator.retailerId;
    order = await createSampleOrder(loop.fluent, loop.emulator.store, {
      retailerId, suffix: 'E2E-PAY', payments: [{ method: 'LOYALTY_POINTS', amountMinor: 2000 }, { method: 'CARD', amountMinor: 5000, cardType: 'VISA' }],
    });
    accountRef = await createSampleBillingAccount(loop.fluent, { retailerId, ref: 'BA-E2E-PAY', customerRef: order.customerRef, name: order.customerName });
  });
  afterAll(async () => {
    await loop?.close();
  });

  /** The payment's status and attributes as Fluent's GraphQL API shows them to the OMS. */
  async function readPayment(ref: string): Promise<{ status: string; attributes: Record<string, unknown> }> {
    const data = await loop.fluent.graphql<{ payment: { status: string; attributes: { name: string; value: unknown }[] | null } | null }>(
      'query($ref: String!) { payment(ref: $ref) { status attributes { name type value } } }',
      { ref },
    );
    expect(data.payment, `payment ${ref}`).not.toBeNull();
    return { status: data.payment!.status, attributes: Object.fromEntries((data.payment!.attributes ?? []).map((a) => [a.name, a.value])) };
  }

  async function createPayment(ref: string, link: { financialTransaction?: { id: string } }): Promise<void> {
    await loop.fluent.graphql(`mutation($input: CreatePaymentInput) { createPayment(input: $input) { id ref status } }`, {
      input: { ref, type: 'DEFAULT', retailer: { id: loop.emulator.retailerId }, amount: { amount: 50, scale: 2, unscaledValue: 5000 }, billingAccount: { ref: accountRef }, ...link },
    });
  }

  it('yields a stored receipt for the payment, with its number and links written onto the payment', async () => {
    const card = order.payments[1]!;
    await createPayment('PAYMENT-E2E-1', { financialTransaction: { id: card.id } });

    const reply = await waitForDocument(loop.emulator, { entityType: 'PAYMENT', entityRef: 'PAYMENT-E2E-1' });
    expect(reply, reply.failureReason).toMatchObject({ outcome: 'generated', documentType: 'payment_receipt' });
    expect(reply.number).toMatch(/^RCT-GB\d{4}-000001$/);
    expect(reply.attributes[ATTRIBUTE.fileName]).toBe(`${reply.number}.pdf`);

    // ApplyDocumentUpdate wrote the receipt's number and links onto the payment, as on an invoice.
    const payment = await readPayment('PAYMENT-E2E-1');
    expect(payment.status).toBe(STATUS.generated);
    expect(payment.attributes[ATTRIBUTE.documentNumber]).toBe(reply.number);
    expect(payment.attributes[ATTRIBUTE.viewUrl]).toMatch(new RegExp(`^${loop.connector.url}/documents/view\\?t=`));
    expect(payment.attributes[ATTRIBUTE.downloadUrl]).toMatch(new RegExp(`^${loop.connector.url}/documents/download\\?t=`));
    const download = await fetch(String(payment.attributes[ATTRIBUTE.downloadUrl]));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');

    const text = pdfText(readFileSync(reply.pdfPath!));
    for (const fact of [reply.number!, order.orderRef, card.ref, order.customerName, '£50.00', '£20.00']) expect(text).toContain(fact);
  });

  it('fails, writing what is missing onto the payment, for a payment that links no order', async () => {
    await createPayment('PAYMENT-E2E-2', {});

    const reply = await waitForDocument(loop.emulator, { entityType: 'PAYMENT', entityRef: 'PAYMENT-E2E-2' });
    expect(reply.outcome).toBe('failed');
    expect(reply.failureReason).toContain('financialTransaction');
    const payment = await readPayment('PAYMENT-E2E-2');
    expect(payment.status).toBe(STATUS.failed);
    expect(payment.attributes[ATTRIBUTE.failureReason]).toBe(reply.failureReason);
    expect(payment.attributes[ATTRIBUTE.documentNumber]).toBeUndefined();
  });
});
