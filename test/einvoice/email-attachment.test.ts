import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { einvoiceKey } from '../../connector/core/ports/einvoice-issuer.ts';
import { createEmailChannel } from '../../connector/deliver/email-channel.ts';
import { createMessageTemplates, DEFAULT_MESSAGE_TEMPLATES_DIR } from '../../connector/deliver/message-templates.ts';
import { createLocalFileStore } from '../../connector/store/local-file-store.ts';
import { invoice, PDF } from '../deliver/support/fixtures.ts';
import { startSmtpSink, type SmtpSink } from '../deliver/support/smtp-sink.ts';

/** FOLIO_EMAIL_EINVOICE=attach: the e-invoice XML stored beside the PDF travels with it, read from the store. */
describe('e-mail with the e-invoice attached', () => {
  let sink: SmtpSink;
  const store = createLocalFileStore({ root: mkdtempSync(join(tmpdir(), 'folio-ei-mail-')) });
  const templates = createMessageTemplates({ dir: DEFAULT_MESSAGE_TEMPLATES_DIR });
  const xml = Buffer.from('<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>');
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink?.close());

  const send = async (attachEInvoices: boolean) => {
    const document = invoice();
    const key = einvoiceKey(document.key, '.ubl.xml');
    await store.put(document.key, PDF, { contentType: 'application/pdf' });
    await store.put(key, xml, { contentType: 'application/xml' });
    const channel = createEmailChannel({ smtp: { host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true }, from: 'Folio <documents@acme.example>', templates, pdf: 'attach', store, attachEInvoices });
    try {
      await channel.send({ to: 'ap@buyer.example', locale: 'en', document: { ...document, attachments: [{ key, fileName: `${document.number}.ubl.xml`, contentType: 'application/xml' }] }, idempotencyKey: `k-${attachEInvoices}-${document.number}` });
    } finally {
      await channel.close?.();
    }
    return { document, mail: sink.messages.at(-1)! };
  };

  it('attaches the XML after the PDF, byte for byte', async () => {
    const { document, mail } = await send(true);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([[document.fileName, 'application/pdf'], [`${document.number}.ubl.xml`, 'application/xml']]);
    expect(Buffer.compare(mail.attachments[1]!.content, xml)).toBe(0);
  });

  it('attaches the PDF alone when the option is off', async () => {
    const { mail } = await send(false);
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
  });
});
