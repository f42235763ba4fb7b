import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE } from '../../connector/fluent/contract.ts';
import { readInvoice } from '../../scripts/demo/read-invoice.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { startSmtpSink, type SmtpSink } from '../../scripts/dev/smtp-sink.ts';
import { startLoop, type Loop } from './loop-harness.ts';

describe('delivery of a generated invoice by email, exactly once', () => {
  let smtp: SmtpSink;
  let loop: Loop;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    loop = await startLoop({ FOLIO_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, FOLIO_EMAIL_FROM: 'ACME Store <invoices@acme.test>' });
  });
  afterAll(async () => {
    await loop?.close();
    await smtp?.close();
  });

  const delivered = (ref: string) =>
    waitFor(`delivery of ${ref} to be reported`, async () => {
      const state = await readInvoice(loop.fluent, ref);
      return state?.attributes[ATTRIBUTE.deliveryStatus] ? state : undefined;
    });

  it('mails the stored PDF to the customer and writes the delivery onto the invoice', async () => {
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'MAIL-1', customer: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' } });
    const invoice = await delivered(created.invoiceRef);
    expect(invoice.attributes).toMatchObject({ [ATTRIBUTE.deliveryStatus]: 'sent', [ATTRIBUTE.deliveredVia]: 'email' });

    const mails = smtp.messages.filter((m) => m.subject?.includes(String(invoice.attributes[ATTRIBUTE.documentNumber])));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('grace@example.com');
    expect(mail.from?.text).toContain('invoices@acme.test');
    const stored = Buffer.from(await (await fetch(String(invoice.attributes[ATTRIBUTE.downloadUrl]))).arrayBuffer());
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]?.contentType).toBe('application/pdf');
    expect(Buffer.compare(mail.attachments[0]!.content, stored)).toBe(0);
  });

  it('does not mail again when the document is requested again (a reissue)', async () => {
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'MAIL-2', customer: { firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com' } });
    const first = await delivered(created.invoiceRef);
    const before = smtp.messages.length;

    // The retailer's own rules (or an agent) ask again: a new event id, the same invoice.
    const response = await loop.fluent.postEvent({
      name: 'FolioRequestDocument',
      retailerId: loop.emulator.retailerId,
      entityType: 'INVOICE',
      entityRef: created.invoiceRef,
      rootEntityType: 'BILLING_ACCOUNT',
      rootEntityRef: created.billingAccountRef,
    });
    expect(response.id).toBeTruthy();
    await loop.emulator.idle();
    await waitFor('the replay to be reported', async () => {
      const state = await readInvoice(loop.fluent, created.invoiceRef);
      return state && state.attributes[ATTRIBUTE.deliveredOn] !== first.attributes[ATTRIBUTE.deliveredOn] ? state : undefined;
    });
    const after = await readInvoice(loop.fluent, created.invoiceRef);
    expect(after?.attributes[ATTRIBUTE.documentNumber]).toBe(first.attributes[ATTRIBUTE.documentNumber]);
    expect(after?.attributes[ATTRIBUTE.sha256]).toBe(first.attributes[ATTRIBUTE.sha256]);
    expect(smtp.messages.length).toBe(before);
  });
});
