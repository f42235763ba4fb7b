import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcTokenVerifier } from '../../connector/api/oidc-tokens.ts';
import { apiOidcSchema } from '../../connector/config/api.ts';
import { createLocalFileStore } from '../../connector/store/local-file-store.ts';
import { freshPgliteDatabase, type TestDatabase } from '../support/databases.ts';
import { startApiServer, type ApiServer } from './support/api-server.ts';
import { createContractChecker } from './support/contract.ts';
import { API_AUDIENCE, startOidcIssuer, type OidcIssuer } from './support/oidc-issuer.ts';
import { publicIdOf, seedDocument } from './support/seed-documents.ts';

const A = { accountId: 'ACME', retailerId: '1' };
const B = { accountId: 'ACME', retailerId: '2' };

describe('documents API with OIDC client credentials', () => {
  let fresh: TestDatabase;
  let issuer: OidcIssuer;
  let server: ApiServer;
  let root: string;
  let idA: string;
  let idB: string;
  const contract = createContractChecker();

  async function call(path: string, token: string) {
    const url = `${server.baseUrl}${path}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await contract.check('GET', url, response)) as any };
  }

  beforeAll(async () => {
    fresh = await freshPgliteDatabase();
    root = await mkdtemp(join(tmpdir(), 'folio-api-oidc-'));
    const store = createLocalFileStore({ root });
    idA = await publicIdOf(fresh.db, (await seedDocument(fresh.db, { ...A, entityRef: 'INV-OA', store })).key);
    idB = await publicIdOf(fresh.db, (await seedDocument(fresh.db, { ...B, entityRef: 'INV-OB', store })).key);
    issuer = await startOidcIssuer(['erp-acme-1', 'unmapped-client']);
    // Read through the configuration's own schema, as FOLIO_API_OIDC would be.
    const oidc = createOidcTokenVerifier(apiOidcSchema.parse({ issuer: issuer.issuer, audience: API_AUDIENCE, clients: { 'erp-acme-1': A } }));
    server = await startApiServer({ db: fresh.db, store, oidc });
  });
  afterAll(async () => {
    await server?.close();
    await issuer?.close();
    await fresh?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('accepts an access token of a mapped client, verified against the issuer’s JWKS, scoped to its retailer', async () => {
    const token = await issuer.token('erp-acme-1');
    const list = await call('/api/v1/documents', token);
    expect(list.status).toBe(200);
    expect(list.body.data.map((document: { id: string }) => document.id)).toEqual([idA]);
    expect((await call(`/api/v1/documents/${idA}`, token)).status).toBe(200);
    expect((await call(`/api/v1/documents/${idB}`, token)).status).toBe(404);
  });

  it('answers 403 for a genuine token of a client mapped to no retailer', async () => {
    const { status, body } = await call('/api/v1/documents', await issuer.token('unmapped-client'));
    expect(status).toBe(403);
    expect(body.detail).toMatch(/no retailer/);
  });

  it('answers 401 for a token with a changed payload, or for another audience', async () => {
    const [header, payload, signature] = (await issuer.token('erp-acme-1')).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, client_id: 'erp-acme-1', exp: claims.exp + 3600 })).toString('base64url'), signature].join('.');
    expect((await call('/api/v1/documents', forged)).status).toBe(401);

    const otherAudience = createOidcTokenVerifier(apiOidcSchema.parse({ issuer: issuer.issuer, audience: 'another-api', clients: { 'erp-acme-1': A } }));
    expect(await otherAudience.verify(await issuer.token('erp-acme-1'))).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/aud/) });
  });
});
