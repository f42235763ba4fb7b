import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeys } from '../../connector/api/api-keys.ts';
import { listAudit } from '../../connector/audit/audit-trail.ts';
import { createLocalFileStore } from '../../connector/store/local-file-store.ts';
import { freshPgliteDatabase, type TestDatabase } from '../support/databases.ts';
import { startApiServer, type ApiServer } from './support/api-server.ts';
import { createContractChecker } from './support/contract.ts';
import { publicIdOf, seedDocument, type SeededDocument } from './support/seed-documents.ts';

const A = { accountId: 'ACME', retailerId: '1' };
const B = { accountId: 'ACME', retailerId: '2' };

describe('documents API /api/v1', () => {
  let fresh: TestDatabase;
  let server: ApiServer;
  let root: string;
  let keyA: string;
  let keyB: string;
  let docsA: (SeededDocument & { id: string })[];
  let docB: SeededDocument & { id: string };
  let unstoredA: string;
  const contract = createContractChecker();

  async function call(method: string, path: string, key: string | undefined, check = true): Promise<{ status: number; body: any; headers: Headers }> {
    const url = `${server.baseUrl}${path}`;
    const response = await fetch(url, { method, headers: key ? { authorization: `Bearer ${key}` } : {} });
    const body = check ? await contract.check(method, url, response) : await response.json();
    return { status: response.status, body, headers: response.headers };
  }

  beforeAll(async () => {
    fresh = await freshPgliteDatabase();
    root = await mkdtemp(join(tmpdir(), 'folio-api-'));
    const store = createLocalFileStore({ root });
    const db = fresh.db;
    docsA = [];
    for (let i = 1; i <= 5; i++) {
      const seeded = await seedDocument(db, { ...A, entityRef: `INV-A${i}`, orderRef: i <= 2 ? 'HD-SHARED' : `HD-A${i}`, buyerEmail: i === 3 ? 'Ada@Example.com' : 'someone@example.com', store });
      docsA.push({ ...seeded, id: await publicIdOf(db, seeded.key) });
    }
    const seededB = await seedDocument(db, { ...B, entityRef: 'INV-B1', orderRef: 'HD-SHARED', store });
    docB = { ...seededB, id: await publicIdOf(db, seededB.key) };
    unstoredA = await publicIdOf(db, (await seedDocument(db, { ...A, entityRef: 'INV-A-UNSTORED', store: false })).key);
    const keys = createApiKeys(db);
    keyA = (await keys.create({ scope: A, name: 'ERP of retailer 1' })).secret;
    keyB = (await keys.create({ scope: B, name: 'ERP of retailer 2' })).secret;
    server = await startApiServer({ db, store });
  });
  afterAll(async () => {
    await server?.close();
    await fresh?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('serves its OpenAPI document without credentials', async () => {
    const { status, body } = await call('GET', '/api/v1/openapi.json', undefined);
    expect(status).toBe(200);
    expect(body).toMatchObject({ openapi: '3.1.0', info: { title: 'Folio documents API' } });
  });

  it('lists a retailer’s documents newest first, page by page with a cursor, each once', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body } = await call('GET', `/api/v1/documents?limit=2${cursor ? `&cursor=${cursor}` : ''}`, keyA);
      expect(status).toBe(200);
      expect(body.data.length).toBeLessThanOrEqual(2);
      ids.push(...body.data.map((document: { id: string }) => document.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(ids).toEqual([unstoredA, ...docsA.map((document) => document.id).reverse()]);
  });

  it('filters by order, customer (any case), entity, type, status and date', async () => {
    const ids = async (query: string) => (await call('GET', `/api/v1/documents?${query}`, keyA)).body.data.map((document: { id: string }) => document.id);
    expect(await ids('orderRef=HD-SHARED')).toEqual([docsA[1]!.id, docsA[0]!.id]);
    expect(await ids('customer=ada%40example.COM')).toEqual([docsA[2]!.id]);
    expect(await ids('entityRef=INV-A4&entityType=INVOICE&type=invoice')).toEqual([docsA[3]!.id]);
    expect(await ids('status=numbered')).toEqual([unstoredA]);
    expect(await ids('createdFrom=2000-01-01T00:00:00Z&createdTo=2001-01-01T00:00:00Z')).toEqual([]);
    expect((await ids('createdFrom=2000-01-01T00:00:00%2B02:00')).length).toBe(6);
  });

  it('answers a bad parameter with 400 naming it', async () => {
    const unknown = await call('GET', '/api/v1/documents?colour=blue', keyA);
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toMatch(/colour/);
    const date = await call('GET', '/api/v1/documents?createdFrom=yesterday', keyA);
    expect(date.status).toBe(400);
    expect(date.body.detail).toMatch(/^createdFrom: expected a date-time/);
    expect((await call('GET', '/api/v1/documents?limit=1000', keyA)).body.detail).toMatch(/^limit/);
    expect((await call('GET', '/api/v1/documents?cursor=not-ours', keyA)).body.detail).toMatch(/cursor/);
  });

  it('gets one document and its lines and amounts from the canonical model', async () => {
    const target = docsA[0]!;
    const { status, body } = await call('GET', `/api/v1/documents/${target.id}`, keyA);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: target.id, number: target.number, type: 'invoice', status: 'stored', entityRef: 'INV-A1', orderRef: 'HD-SHARED', currency: 'GBP', sha256: target.stored!.sha256 });
    const model = await call('GET', `/api/v1/documents/${target.id}/model`, keyA);
    expect(model.status).toBe(200);
    expect(model.body.number).toBe(target.number);
    expect(model.body.model.number).toBe(target.number);
    expect(model.body.model.lines[0]).toMatchObject({ ref: '1001', quantity: 2, unitPriceMinor: 4500, netMinor: 9000, taxMinor: 1800, grossMinor: 10800 });
    expect(model.body.model.totals).toEqual(body.totals);
    // The model names the buyer: its reads are in the document's audit trail, with the caller.
    const trail = await listAudit(fresh.db, target.stored!.key);
    expect(trail.filter((event) => event.step === 'accessed').map((event) => event.details)).toContainEqual({ purpose: 'api-model', via: 'api', caller: expect.stringMatching(/^key:[a-z]{16}$/) });
  });

  it('gives short-lived links that open the stored PDF, and 409 before there is a file', async () => {
    const target = docsA[1]!;
    const before = Date.now();
    const { status, body } = await call('POST', `/api/v1/documents/${target.id}/links`, keyA);
    expect(status).toBe(201);
    expect(new Date(body.expiresAt).getTime()).toBeLessThanOrEqual(before + 301_000);
    const download = await fetch(body.downloadUrl);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(target.pdf);
    const conflict = await call('POST', `/api/v1/documents/${unstoredA}/links`, keyA);
    expect(conflict.status).toBe(409);
  });

  it('scopes every query to the key’s retailer: retailer 1’s key gets 404 for retailer 2’s document', async () => {
    for (const [method, path] of [['GET', `/api/v1/documents/${docB.id}`], ['GET', `/api/v1/documents/${docB.id}/model`], ['POST', `/api/v1/documents/${docB.id}/links`]] as const) {
      const { status, body } = await call(method, path, keyA);
      expect(status).toBe(404);
      expect(body.detail).toBe('no such document');
    }
    // The same answer as for a document that does not exist at all.
    expect((await call('GET', '/api/v1/documents/00000000-0000-4000-8000-000000000000', keyA)).body).toEqual((await call('GET', `/api/v1/documents/${docB.id}`, keyA)).body);
    const shared = await call('GET', '/api/v1/documents?orderRef=HD-SHARED', keyB);
    expect(shared.body.data.map((document: { id: string }) => document.id)).toEqual([docB.id]);
    expect((await call('GET', `/api/v1/documents/${docsA[0]!.id}`, keyB)).status).toBe(404);
  });

  it('refuses missing, unknown and revoked keys with 401', async () => {
    expect((await call('GET', '/api/v1/documents', undefined)).status).toBe(401);
    const unknown = await call('GET', '/api/v1/documents', `folio_abcdefghijklmnop_${'x'.repeat(43)}`);
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const keys = createApiKeys(fresh.db);
    const created = await keys.create({ scope: A, name: 'to be revoked', createdBy: 'ops@acme' });
    expect((await call('GET', '/api/v1/documents', created.secret)).status).toBe(200);
    const revoked = await keys.revoke(created.key.id, { revokedBy: 'ops@acme', scopes: [A] });
    expect(revoked).toMatchObject({ revokedBy: 'ops@acme' });
    const refused = await call('GET', '/api/v1/documents', created.secret);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe('the API key is unknown or revoked');
    // Another retailer's operator cannot revoke it, and does not learn that it exists.
    expect(await keys.revoke(created.key.id, { scopes: [B] })).toBeUndefined();
    // A key with one character changed is another key.
    expect((await call('GET', '/api/v1/documents', `${keyA.slice(0, -1)}${keyA.endsWith('A') ? 'B' : 'A'}`)).status).toBe(401);
  });

  it('answers 429 with Retry-After once a key used up its rate', async () => {
    const created = await createApiKeys(fresh.db).create({ scope: A, name: 'slow client', rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await call('GET', '/api/v1/documents?limit=1', created.secret);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(last!.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    // Other keys keep their own buckets.
    expect((await call('GET', '/api/v1/documents?limit=1', keyA)).status).toBe(200);
  });

  it('answers an unknown path under /api/v1 with a problem', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/orders`, { headers: { authorization: `Bearer ${keyA}` } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('the contract check refuses a body that does not match openapi.json', async () => {
    const wrong = new Response(JSON.stringify({ data: [{ id: 'not-a-uuid' }], nextCursor: null }), { status: 200, headers: { 'content-type': 'application/json', 'ratelimit-limit': '1', 'ratelimit-remaining': '0' } });
    await expect(createContractChecker().check('GET', `${server.baseUrl}/api/v1/documents`, wrong)).rejects.toThrow(/does not match openapi.json/);
    const undocumented = new Response('{}', { status: 418, headers: { 'content-type': 'application/json' } });
    await expect(createContractChecker().check('GET', `${server.baseUrl}/api/v1/documents`, undocumented)).rejects.toThrow(/does not document/);
  });

  it('exercised every operation, and every documented answer on some route, each checked against openapi.json', () => {
    const seen = contract.seen();
    const operations = new Set(contract.documented().map((entry) => entry.replace(/ \d+$/, '')));
    expect([...operations].filter((operation) => !seen.some((entry) => entry.startsWith(`${operation} 2`)))).toEqual([]);
    // 403 is an OIDC client without a retailer (oidc.test.ts), 503 an outage: neither arises with API keys.
    const statuses = new Set(contract.documented().map((entry) => entry.split(' ')[2]!));
    expect([...statuses].filter((status) => !seen.some((entry) => entry.endsWith(` ${status}`)) && !['403', '503'].includes(status))).toEqual([]);
  });
});
