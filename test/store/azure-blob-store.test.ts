import { BlobServiceClient } from '@azure/storage-blob';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAzureBlobStore, type AzureBlobStore } from '../../connector/store/azure-blob-store.ts';
import { PermanentError } from '../../connector/core/errors.ts';
import { startAzurite, type Azurite } from './support/azurite.ts';

const pdf = Buffer.from('%PDF-1.7\n% invoice bytes for Azurite\n');
const sha256 = createHash('sha256').update(pdf).digest('hex');

describe('Azure Blob store on Azurite', () => {
  let azurite: Azurite;
  let store: AzureBlobStore;
  let service: BlobServiceClient;
  beforeAll(async () => {
    azurite = await startAzurite();
    store = createAzureBlobStore({ connectionString: azurite.connectionString, container: 'documents', prefix: 'folio/' });
    service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  });
  afterAll(() => azurite?.stop());

  it('creates the container and stores the blob with content type and sha256 metadata', async () => {
    const stored = await store.put('ACME/invoice/INV-1.pdf', pdf, { contentType: 'application/pdf', metadata: { 'document-number': 'INV-1' } });
    const properties = await service.getContainerClient('documents').getBlobClient('folio/ACME/invoice/INV-1.pdf').getProperties();
    expect(properties.contentType).toBe('application/pdf');
    expect(properties.metadata).toMatchObject({ sha256, document_number: 'INV-1' });
    expect(stored).toMatchObject({ sha256, size: pdf.length, contentType: 'application/pdf' });
  });

  it('reports a location with account, container and path and no secret', async () => {
    const stored = await store.put('ACME/invoice/INV-2.pdf', pdf, { contentType: 'application/pdf' });
    expect(stored.location).toEqual({ provider: 'azure-blob', account: 'devstoreaccount1', container: 'documents', path: 'folio/ACME/invoice/INV-2.pdf' });
    expect(JSON.stringify(stored.location)).not.toMatch(/AccountKey|sig=|Eby8/);
  });

  it('reads back the same bytes', async () => {
    await store.put('ACME/invoice/INV-3.pdf', pdf, { contentType: 'application/pdf' });
    const opened = await store.open('ACME/invoice/INV-3.pdf');
    const chunks: Buffer[] = [];
    for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(pdf);
    expect(opened).toMatchObject({ size: pdf.length, contentType: 'application/pdf' });
  });

  it('skips the upload when the same bytes are already there (etag unchanged)', async () => {
    await store.put('ACME/invoice/INV-4.pdf', pdf, { contentType: 'application/pdf' });
    const blob = service.getContainerClient('documents').getBlobClient('folio/ACME/invoice/INV-4.pdf');
    const before = (await blob.getProperties()).etag;
    await store.put('ACME/invoice/INV-4.pdf', pdf, { contentType: 'application/pdf' });
    expect((await blob.getProperties()).etag).toBe(before);
  });

  it('signs a short-lived read URL that plain fetch can use, with the file name', async () => {
    await store.put('ACME/invoice/INV-5.pdf', pdf, { contentType: 'application/pdf' });
    const url = await store.sasUrl('ACME/invoice/INV-5.pdf', 60, { disposition: 'inline', fileName: 'Rechnung INV-5.pdf' });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
    expect(response.headers.get('content-disposition')).toContain('inline; filename="Rechnung INV-5.pdf"');
  });

  it('refuses a read URL once it has expired', async () => {
    await store.put('ACME/invoice/INV-6.pdf', pdf, { contentType: 'application/pdf' });
    const url = await store.sasUrl('ACME/invoice/INV-6.pdf', -1);
    expect((await fetch(url)).status).toBe(403);
  });

  it('puts each retailer in its own container when asked', async () => {
    const perRetailer = createAzureBlobStore({ connectionString: azurite.connectionString, container: 'folio', layout: 'container-per-retailer' });
    const stored = await perRetailer.put('Globex_EU/invoice/INV-7.pdf', pdf, { contentType: 'application/pdf' });
    expect(stored.location).toMatchObject({ container: 'folio-globex-eu', path: 'invoice/INV-7.pdf' });
    expect(await service.getContainerClient('folio-globex-eu').getBlobClient('invoice/INV-7.pdf').exists()).toBe(true);
  });

  it('answers an unknown key with a PermanentError', async () => {
    await expect(store.open('ACME/invoice/missing.pdf')).rejects.toBeInstanceOf(PermanentError);
  });

  it('maps a wrong account key (403) to a PermanentError', async () => {
    const wrongKey = azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.from('wrong').toString('base64')}`);
    const broken = createAzureBlobStore({ connectionString: wrongKey, container: 'documents' });
    await expect(broken.put('ACME/invoice/INV-8.pdf', pdf, { contentType: 'application/pdf' })).rejects.toBeInstanceOf(PermanentError);
  });

  it('is ready while Azurite answers', async () => {
    expect(await store.ping()).toBe(true);
  });
});
