import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE } from '../../connector/fluent/contract.ts';
import { readInvoice } from '../../scripts/demo/read-invoice.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { startSmtpSink, type SmtpSink } from '../../scripts/dev/smtp-sink.ts';
import { startTwilioWire, type TwilioWire } from '../deliver/support/twilio-wire.ts';
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

  it("writes in the shopper's language, taken from the customer's attributes in Fluent", async () => {
    const created = await createSampleInvoice(loop.fluent, {
      retailerId: loop.emulator.retailerId,
      suffix: 'MAIL-DE',
      customer: { firstName: 'Lise', lastName: 'Meitner', email: 'lise@example.com', attributes: { language: 'de' } },
    });
    const invoice = await delivered(created.invoiceRef);
    const mail = smtp.messages.find((m) => m.subject?.includes(String(invoice.attributes[ATTRIBUTE.documentNumber])));
    expect(mail?.subject).toBe(`Ihre Rechnung ${String(invoice.attributes[ATTRIBUTE.documentNumber])}`);
    expect(mail?.text).toContain('Lise');
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

describe("delivery on the shopper's preferred channel", () => {
  let smtp: SmtpSink;
  let twilio: TwilioWire;
  let loop: Loop;
  const ACCOUNT_SID = `AC${'0'.repeat(31)}1`;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    twilio = await startTwilioWire();
    loop = await startLoop({
      FOLIO_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: 'test-auth-token',
      TWILIO_API_ORIGIN: twilio.origin,
      FOLIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
      FOLIO_SMS_FROM: '+14155550100',
    });
  });
  afterAll(async () => {
    await loop?.close();
    await twilio?.close();
    await smtp?.close();
  });

  it('sends by WhatsApp, with the PDF as media, when the customer prefers it in Fluent', async () => {
    const created = await createSampleInvoice(loop.fluent, {
      retailerId: loop.emulator.retailerId,
      suffix: 'WA-1',
      customer: { firstName: 'Ada', lastName: 'Byron', email: 'ada.byron@example.com', attributes: { preferredChannel: 'WHATSAPP' } },
    });
    const invoice = await waitFor('the WhatsApp delivery to be reported', async () => {
      const state = await readInvoice(loop.fluent, created.invoiceRef);
      return state?.attributes[ATTRIBUTE.deliveryStatus] ? state : undefined;
    });
    expect(invoice.attributes).toMatchObject({ [ATTRIBUTE.deliveryStatus]: 'sent', [ATTRIBUTE.deliveredVia]: 'whatsapp' });
    expect(twilio.requests).toHaveLength(1);
    const request = twilio.requests[0]!;
    expect(request.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request.form.get('To')).toBe('whatsapp:+441234567890');
    expect(request.form.get('From')).toBe('whatsapp:+14155238886');
    // Twilio fetches the PDF from a signed download link (no login), and gets the stored document.
    const media = await fetch(String(request.form.get('MediaUrl')));
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('application/pdf');
    expect(smtp.messages).toHaveLength(0);
  });
});
