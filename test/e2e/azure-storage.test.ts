import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE, STATUS } from '../../connector/fluent/contract.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { startAzurite, type Azurite } from '../store/support/azurite.ts';
import { pdfText } from '../support/pdf-text.ts';
import { startLoop, type Loop } from './loop-harness.ts';

describe('the loop storing documents in Azure Blob Storage (Azurite)', () => {
  let azurite: Azurite;
  let loop: Loop;
  beforeAll(async () => {
    azurite = await startAzurite();
    loop = await startLoop({
      FOLIO_STORAGE: 'azure-blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      FOLIO_AZURE_CONTAINER: 'folio-e2e',
      FOLIO_RETRY_BASE_MS: '1000',
      FOLIO_MAX_ATTEMPTS: '10',
    });
  });
  afterAll(async () => {
    await loop?.close();
    await azurite?.stop();
  });

  it('stores the PDF as a blob, names account/container/path (no secret) in Fluent, and serves it by link', async () => {
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'AZ-1' });
    const invoice = await loop.documentFor(created.invoiceRef);
    expect(invoice.status).toBe(STATUS.generated);
    const storage = invoice.attributes[ATTRIBUTE.storage] as Record<string, string>;
    expect(storage).toMatchObject({ provider: 'azure-blob', account: 'devstoreaccount1', container: 'folio-e2e' });
    expect(storage.path).toContain('invoice/');
    expect(JSON.stringify(storage)).not.toMatch(/AccountKey|sig=|Eby8vd/);

    const response = await fetch(String(invoice.attributes[ATTRIBUTE.downloadUrl]));
    expect(response.status).toBe(200);
    expect(pdfText(Buffer.from(await response.arrayBuffer()))).toContain(created.customerName);
  });

  it('keeps the job while storage is down and finishes it, once, after storage is back', async () => {
    await azurite.stop();
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'AZ-DOWN' });
    // The failure is visible: the job is retried, and the trail says why.
    await waitFor('a retry while storage is down', async () => {
      const { rows } = await loop.connector.db.query<{ n: number }>("select count(*)::int as n from folio_audit_events where entity_ref = $1 and step = 'retried'", [created.invoiceRef]);
      return rows[0]!.n > 0 ? true : undefined;
    }, 30_000);
    const down = (await loop.connector.db.query<{ status: string }>('select status from folio_documents where entity_ref = $1', [created.invoiceRef])).rows[0];
    expect(down?.status).toBe('numbered');

    await azurite.start();
    const invoice = await loop.documentFor(created.invoiceRef);
    expect(invoice.status).toBe(STATUS.generated);
    const { rows } = await loop.connector.db.query<{ number: string }>('select number from folio_documents where entity_ref = $1', [created.invoiceRef]);
    expect(rows).toHaveLength(1);
    expect(invoice.attributes[ATTRIBUTE.documentNumber]).toBe(rows[0]!.number);
    const generated = loop.emulator.events().filter((e) => e.name === 'FolioDocumentGenerated' && e.context.entityRef === created.invoiceRef);
    expect(generated).toHaveLength(1);
  });
});
