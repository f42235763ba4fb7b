import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE, STATUS } from '../../connector/fluent/contract.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { pdfText } from '../support/pdf-text.ts';
import { startLoop, type Loop } from './loop-harness.ts';

describe('one invoice from a Fluent event to a PDF and back to Fluent', () => {
  let loop: Loop;
  beforeAll(async () => {
    loop = await startLoop();
  });
  afterAll(async () => {
    await loop?.close();
  });

  it('writes view and download links, file name and storage details onto the invoice', async () => {
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'E2E-1' });
    const invoice = await loop.documentFor(created.invoiceRef);

    expect(invoice.status).toBe(STATUS.generated);
    const number = invoice.attributes[ATTRIBUTE.documentNumber];
    expect(number).toMatch(/\d/);
    expect(invoice.attributes[ATTRIBUTE.fileName]).toBe(`${String(number)}.pdf`);
    expect(invoice.attributes[ATTRIBUTE.viewUrl]).toMatch(new RegExp(`^${loop.connector.url}/documents/view\\?t=`));
    expect(invoice.attributes[ATTRIBUTE.downloadUrl]).toMatch(new RegExp(`^${loop.connector.url}/documents/download\\?t=`));
    expect(invoice.attributes[ATTRIBUTE.storage]).toMatchObject({ provider: 'local' });

    // The link serves the stored PDF, whose hash is the one reported to Fluent.
    const response = await fetch(String(invoice.attributes[ATTRIBUTE.downloadUrl]));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(invoice.attributes[ATTRIBUTE.sha256]);

    // What a person reads on the PDF: number, customer, lines and the right total (156.98 net + 31.40 VAT).
    const text = pdfText(pdf);
    expect(text).toContain(String(number));
    expect(text).toContain(created.invoiceRef);
    expect(text).toContain(created.customerName);
    for (const line of created.lines) expect(text).toContain(line.description);
    expect(created.totalMinor).toBe(18838);
    expect(text).toContain('£188.38');
  });

  it('produces one document when Fluent delivers the same webhook twice', async () => {
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'E2E-DUP' });
    await loop.documentFor(created.invoiceRef);
    const delivery = loop.emulator.webhooks().find((w) => (JSON.parse(w.body) as { entityRef?: string }).entityRef === created.invoiceRef);
    if (!delivery) throw new Error('the emulator sent no webhook for the invoice');

    const again = await fetch(`${loop.connector.url}/fluent/webhook`, { method: 'POST', headers: delivery.headers, body: delivery.body });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'duplicate' });

    const documents = await loop.connector.db.query<{ count: string }>(
      `select count(*)::text as count from folio_documents where entity_ref = $1`,
      [created.invoiceRef],
    );
    expect(documents.rows[0]?.count).toBe('1');
  });
});

describe('crash safety of the embedded connector', () => {
  it('finishes a job that was queued when the connector stopped', async () => {
    const loop = await startLoop({}, { workers: false });
    try {
      const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'E2E-RESTART' });
      // Accepted and queued, but this connector runs no workers.
      await loop.emulator.idle();
      expect((await loop.connector.queue.counts()).queued).toBe(1);

      await loop.restart({ workers: true });
      const invoice = await loop.documentFor(created.invoiceRef);
      expect(invoice.status).toBe(STATUS.generated);
      expect(invoice.attributes[ATTRIBUTE.fileName]).toMatch(/\.pdf$/);
    } finally {
      await loop.close();
    }
  });
});
