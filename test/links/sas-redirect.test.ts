import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditTrail, listAudit } from '../../connector/audit/audit-trail.ts';
import type { Database } from '../../connector/db/database.ts';
import { createLinkSigner } from '../../connector/links/link-signer.ts';
import { createLinkRevocations } from '../../connector/links/revocations.ts';
import { createAzureBlobStore } from '../../connector/store/azure-blob-store.ts';
import { createTestDatabase } from '../audit/support/test-database.ts';
import { startAzurite, type Azurite } from '../store/support/azurite.ts';
import { NEW_KEY } from './support/keys.ts';
import { startLinkServer, type LinkServer } from './support/link-server.ts';

const pdf = Buffer.from('%PDF-1.7\n% served by a SAS redirect\n');

describe('document links on Azure Blob', () => {
  let azurite: Azurite;
  let db: Database;
  let server: LinkServer;
  beforeAll(async () => {
    [azurite, db] = await Promise.all([startAzurite(), createTestDatabase()]);
    const store = createAzureBlobStore({ connectionString: azurite.connectionString, container: 'documents' });
    await store.put('ACME/invoice/INV-9.pdf', pdf, { contentType: 'application/pdf' });
    const signer = createLinkSigner({ keys: [NEW_KEY], activeKid: 'k2', ttlSeconds: 600, baseUrl: 'http://unused' });
    server = await startLinkServer({ signer, store, revocations: createLinkRevocations(db), audit: createAuditTrail(db), storeUrlTtlSeconds: 30 });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await azurite?.stop();
  });

  it('redirects a valid link to a short-lived SAS URL that serves the bytes as a download', async () => {
    const signer = createLinkSigner({ keys: [NEW_KEY], activeKid: 'k2', ttlSeconds: 600, baseUrl: server.baseUrl });
    const response = await fetch(signer.linksFor({ key: 'ACME/invoice/INV-9.pdf', tenant: 'ACME' }).downloadUrl, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(`http://127.0.0.1:${azurite.port}`);
    const expiresIn = new Date(location.searchParams.get('se')!).getTime() - Date.now();
    expect(expiresIn).toBeLessThanOrEqual(31_000);

    const blob = await fetch(location);
    expect(blob.headers.get('content-disposition')).toMatch(/^attachment; filename="INV-9.pdf"/);
    expect(Buffer.from(await blob.arrayBuffer())).toEqual(pdf);
    expect((await listAudit(db, 'ACME/invoice/INV-9.pdf')).map((event) => event.details.via)).toEqual(['redirect']);
  });
});
