import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditTrail, listAudit } from '../../connector/audit/audit-trail.ts';
import type { Database } from '../../connector/db/database.ts';
import { createLinkSigner, type LinkSignerOptions } from '../../connector/links/link-signer.ts';
import { createLinkRevocations } from '../../connector/links/revocations.ts';
import { createLocalFileStore } from '../../connector/store/local-file-store.ts';
import { createTestDatabase } from '../audit/support/test-database.ts';
import { NEW_KEY, OLD_KEY } from './support/keys.ts';
import { startLinkServer, type LinkServer } from './support/link-server.ts';

const pdf = Buffer.from('%PDF-1.7\n% served through a signed link\n');
const acme = { key: 'ACME/invoice/INV-1.pdf', tenant: 'ACME', fileName: 'Invoice INV-1.pdf' };

describe('document links over HTTP', () => {
  let db: Database;
  let server: LinkServer;
  let root: string;
  let signerOptions: LinkSignerOptions;

  const signer = (overrides: Partial<LinkSignerOptions> = {}) => createLinkSigner({ ...signerOptions, ...overrides });
  const get = (url: string) => fetch(url, { redirect: 'manual' });
  const accessSteps = async (key: string) => (await listAudit(db, key)).map((event) => [event.step, event.details.reason ?? event.details.purpose]);

  beforeAll(async () => {
    db = await createTestDatabase();
    root = await mkdtemp(join(tmpdir(), 'folio-links-'));
    const store = createLocalFileStore({ root });
    for (const key of ['ACME/invoice/INV-1.pdf', 'ACME/invoice/INV-2.pdf', 'ACME/invoice/INV-3.pdf', 'GLOBEX/invoice/G-1.pdf']) {
      await store.put(key, pdf, { contentType: 'application/pdf' });
    }
    signerOptions = { keys: [OLD_KEY, NEW_KEY], activeKid: 'k2', ttlSeconds: 600, baseUrl: 'http://placeholder' };
    server = await startLinkServer({ signer: signer(), store, revocations: createLinkRevocations(db), audit: createAuditTrail(db) });
    signerOptions.baseUrl = server.baseUrl;
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('view link: streams the PDF inline and records the access', async () => {
    const response = await get(signer().linksFor(acme).viewUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="Invoice INV-1.pdf"; filename*=UTF-8''Invoice%20INV-1.pdf`);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
    expect(await accessSteps(acme.key)).toContainEqual(['accessed', 'view']);
  });

  it('download link: sends the PDF as an attachment with its file name', async () => {
    const response = await get(signer().linksFor(acme).downloadUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="Invoice INV-1.pdf"/);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
  });

  it('tampered token: 401 with a clear page', async () => {
    const url = signer().linksFor(acme).viewUrl;
    const tampered = url.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    const response = await get(tampered);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<h1>Invalid link</h1>');
  });

  it('missing token: 401', async () => {
    const response = await get(`${server.baseUrl}/documents/view`);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Link incomplete');
  });

  it('expired token: 401 with a "link expired" page, and the refusal is recorded', async () => {
    const expired = signer({ now: () => Date.now() - 3_600_000 }).linksFor({ ...acme, key: 'ACME/invoice/INV-2.pdf' }).viewUrl;
    const response = await get(expired);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('<h1>Link expired</h1>');
    expect(await accessSteps('ACME/invoice/INV-2.pdf')).toEqual([['access-denied', 'expired']]);
  });

  it('revoked document: 410, while a link issued after the revocation works', async () => {
    const key = 'ACME/invoice/INV-3.pdf';
    const before = signer().linksFor({ key, tenant: 'ACME' }).viewUrl;
    await createLinkRevocations(db).revoke(key, 'sent to the wrong customer');
    const response = await get(before);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('Link withdrawn');
    // Reissued links are signed later than the revocation (token times are whole seconds).
    const reissued = signer({ now: () => Date.now() + 2_000 }).linksFor({ key, tenant: 'ACME' }).viewUrl;
    expect((await get(reissued)).status).toBe(200);
  });

  it('token for another retailer than the document’s: 403', async () => {
    const crossTenant = signer().linksFor({ key: 'GLOBEX/invoice/G-1.pdf', tenant: 'ACME' }).downloadUrl;
    const response = await get(crossTenant);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Access denied');
    expect(await accessSteps('GLOBEX/invoice/G-1.pdf')).toEqual([['access-denied', 'other-tenant']]);
  });

  it('view token used on the download route: 403', async () => {
    const viewToken = new URL(signer().linksFor(acme).viewUrl).searchParams.get('t')!;
    expect((await get(`${server.baseUrl}/documents/download?t=${viewToken}`)).status).toBe(403);
  });

  it('token signed with a key Folio does not know: 401', async () => {
    const stranger = createLinkSigner({ ...signerOptions, keys: [{ kid: 'k9', secret: 'some-other-secret-0123456789abcdef012345' }], activeKid: 'k9' });
    const response = await get(stranger.linksFor(acme).viewUrl);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Invalid link');
  });

  it('link signed with the previous (rotated) key: still served', async () => {
    const response = await get(signer({ activeKid: 'k1' }).linksFor(acme).downloadUrl);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
  });

  it('unknown document behind a valid link: 404 page', async () => {
    const response = await get(signer().linksFor({ key: 'ACME/invoice/NOPE.pdf', tenant: 'ACME' }).viewUrl);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Document not found');
  });
});
