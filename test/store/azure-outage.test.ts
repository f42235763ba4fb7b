import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAzureBlobStore } from '../../connector/store/azure-blob-store.ts';
import { RetryableError } from '../../connector/core/errors.ts';
import { startAzurite, type Azurite } from './support/azurite.ts';

const pdf = Buffer.from('%PDF-1.7\n% outage test\n');

describe('Azure Blob store when Azurite goes away mid-run', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(() => azurite?.stop());

  it('fails a put with a RetryableError while down, and the same put succeeds after the restart', async () => {
    // Few, short SDK tries: the job queue owns the long retries, a stuck put must not hold a worker.
    const store = createAzureBlobStore({ connectionString: azurite.connectionString, container: 'documents', retry: { maxTries: 2, tryTimeoutMs: 2_000 } });
    await store.put('ACME/invoice/INV-1.pdf', pdf, { contentType: 'application/pdf' });

    await azurite.stop();
    await expect(store.put('ACME/invoice/INV-2.pdf', pdf, { contentType: 'application/pdf' })).rejects.toBeInstanceOf(RetryableError);
    expect(await store.ping()).toBe(false);

    // In-memory Azurite comes back empty: the store must notice the missing container and recreate it.
    await azurite.start();
    const stored = await store.put('ACME/invoice/INV-2.pdf', pdf, { contentType: 'application/pdf' });
    expect(stored.size).toBe(pdf.length);
    const opened = await store.open('ACME/invoice/INV-2.pdf');
    expect(opened.size).toBe(pdf.length);
  });
});
