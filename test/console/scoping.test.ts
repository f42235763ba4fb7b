import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeys } from '../../connector/api/api-keys.ts';
import { recordAuditEvent } from '../../connector/audit/audit-trail.ts';
import { createWebhookSubscriptions } from '../../connector/webhooks/subscriptions.ts';
import type { Operator } from '../../connector/console/roles.ts';
import type { ScriptableDatabase } from '../../connector/db/database.ts';
import { freshPgliteDatabase, type TestDatabase } from '../support/databases.ts';
import { startConsoleApp, type ConsoleApp } from '../../scripts/bench/console-app.ts';
import { seedDocuments } from '../../scripts/bench/console-seed.ts';

const A: Operator = { subject: 'op-a', name: 'Operator A', role: 'admin', retailers: ['ACME:1'] };
const EVERYONE: Operator = { subject: 'op-all', name: 'Operator of all', role: 'admin', retailers: ['*'] };
const B_KEY = 'ACME|2|invoice|INVOICE|B-000002';

describe('scoping: an operator of retailer A sees nothing of retailer B, through the pages and the export', () => {
  let test: TestDatabase;
  let db: ScriptableDatabase;
  let app: ConsoleApp;

  beforeAll(async () => {
    test = await freshPgliteDatabase();
    db = test.db;
    app = await startConsoleApp(db);
    await seedDocuments(db, { account: 'ACME', retailer: '1', count: 6, prefix: 'A' });
    await seedDocuments(db, { account: 'ACME', retailer: '2', count: 6, prefix: 'B' });
    // B's invoice has a stored file; both retailers have a failure and a reported document in the trail.
    const stored = await app.store.put('ACME/2/invoice/B-invoice-2.pdf', Buffer.from('%PDF-1.7 B'), { contentType: 'application/pdf' });
    await db.query(`UPDATE folio_documents SET storage = $2, sha256 = $3 WHERE key = $1`, [B_KEY, JSON.stringify(stored), stored.sha256]);
    for (const [tenant, prefix] of [['ACME:1', 'A'], ['ACME:2', 'B']] as const) {
      await recordAuditEvent(db, { step: 'failed', entityRef: `${prefix}-FAIL`, tenant, details: { reason: `${prefix} broke` } });
      await recordAuditEvent(db, { step: 'reported', entityRef: `${prefix}-000001`, tenant, details: { eventId: `${prefix}-E1` } });
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  it('lists, filters and exports only A, while an operator of every retailer sees both', async () => {
    const list = await (await app.get('/console/documents', A)).text();
    expect(list).toContain('A-000001');
    expect(list).not.toMatch(/B-0000\d\d/);
    for (const query of ['retailer=ACME%3A2', 'order=B', 'customer=Ada']) {
      const filtered = await (await app.get(`/console/documents?${query}`, A)).text();
      expect(filtered, query).not.toMatch(/B-0000\d\d/);
    }
    const csv = await (await app.get('/console/documents.csv', A)).text();
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 6);
    expect(lines.slice(1).every((line) => line.includes(',ACME:1,'))).toBe(true);
    expect(await (await app.get('/console/documents.csv?retailer=ACME%3A2', A)).text()).toBe(lines[0] + '\r\n');

    const all = await (await app.get('/console/documents.csv', EVERYONE)).text();
    expect(all.trim().split('\r\n')).toHaveLength(1 + 12);
  });

  it("answers 404 for B's document, its file, its e-invoices and its order, as for one that does not exist", async () => {
    const path = `/console/documents/${encodeURIComponent(B_KEY)}`;
    for (const suffix of ['', '/pdf', '/files/ubl']) expect((await app.get(`${path}${suffix}`, A)).status, suffix).toBe(404);
    expect((await app.get('/console/orders/ACME%3A2/B-000002', A)).status).toBe(404);
    expect((await app.get(path, EVERYONE)).status).toBe(200);
    expect((await app.get(`${path}/pdf`, EVERYONE)).headers.get('content-type')).toBe('application/pdf');
  });

  it("refuses every action on B's document and B's failures, and records nothing", async () => {
    const path = `/console/documents/${encodeURIComponent(B_KEY)}`;
    const before = (await db.query(`SELECT count(*)::int AS n FROM folio_audit_events`)).rows[0];
    expect((await app.post(`${path}/revoke`, A, { reason: 'not yours' })).status).toBe(404);
    expect((await app.post(`${path}/regenerate`, A, {})).status).toBe(404);
    expect((await app.post(`${path}/retry`, A, {})).status).toBe(404);
    expect((await app.post(`${path}/resend`, A, { channel: 'sms', occasion: 'occasion-123456' })).status).toBe(404);
    const retry = await app.post('/console/failures/retry', A, { target: 'B-FAIL' });
    expect(retry.status).toBe(409);
    expect(await retry.text()).toContain('names no failed document you may see');
    expect((await db.query(`SELECT count(*)::int AS n FROM folio_audit_events`)).rows[0]).toEqual(before);
    expect((await db.query(`SELECT 1 FROM folio_link_revocations`)).rowCount).toBe(0);
  });

  it("shows an order's documents per package, with each package's payment status", async () => {
    for (const [ref, status, seq] of [['FUL-1', 'paid', 1], ['FUL-2', 'cash_on_delivery', 2]] as const) {
      await db.query(
        `INSERT INTO folio_documents (key, account_id, retailer_id, document_type, entity_type, entity_ref, series, seq, number, status, order_ref, model)
         VALUES ($1, 'ACME', '1', 'invoice', 'FULFILMENT', $2, 'ACME|1|packages', $3, $4, 'reported', 'A-000002', $5::jsonb)`,
        [`ACME|1|invoice|FULFILMENT|${ref}`, ref, seq, `PKG-${seq}`, JSON.stringify({ paymentStatus: status })],
      );
    }
    const order = await (await app.get('/console/orders/ACME%3A1/A-000002', A)).text();
    expect(order).toContain('Package FUL-1');
    expect(order).toMatch(/Package FUL-2<\/h2>\s*<p>Payment status: <strong class="payment-status">cash_on_delivery/);
    expect(order).toMatch(/id="invoiced">yes</);
    // The order-level invoice is listed apart from the packages.
    expect(order).toContain('A-invoice-2');
  });

  it('shows failures and health figures of A only', async () => {
    const failures = await (await app.get('/console/failures', A)).text();
    expect(failures).toContain('A broke');
    expect(failures).not.toContain('B broke');
    const health = await (await app.get('/console/health', A)).text();
    expect(health).toMatch(/id="reported-count">1</);
    expect(health).toMatch(/id="failed-outcomes">1</);
    expect(health).not.toContain('B broke');
    const healthAll = await (await app.get('/console/health', EVERYONE)).text();
    expect(healthAll).toMatch(/id="reported-count">2</);
  });

  it("lists and manages only A's API keys and webhook subscriptions", async () => {
    const keys = createApiKeys(db);
    const hooks = createWebhookSubscriptions(db);
    const b = { accountId: 'ACME', retailerId: '2' };
    const bKey = await keys.create({ scope: b, name: 'B warehouse' });
    const bHook = await hooks.create({ scope: b, url: 'https://b.example/hooks', eventTypes: ['document.generated'] });
    await keys.create({ scope: { accountId: 'ACME', retailerId: '1' }, name: 'A erp' });
    const page = await (await app.get('/console/api-keys', A)).text();
    expect(page).toContain('A erp');
    expect(page).not.toContain('B warehouse');
    expect((await app.post(`/console/api-keys/${bKey.key.id}/revoke`, A, {})).status).toBe(404);
    expect((await keys.list({ scopes: [b] }))[0]?.revokedAt).toBeNull();
    const refused = await app.post('/console/api-keys', A, { retailer: 'ACME:2', name: 'sneaky' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('You do not manage retailer ACME:2');
    const hooksPage = await (await app.get('/console/webhooks', A)).text();
    expect(hooksPage).not.toContain('b.example');
    expect((await app.post(`/console/webhooks/${bHook.subscription.id}/remove`, A, {})).status).toBe(404);
    expect(await hooks.get(bHook.subscription.id)).toBeDefined();
    // A support operator may not manage keys at all.
    expect((await app.get('/console/api-keys', { ...A, role: 'support' })).status).toBe(403);
  });

  it('signs the single operator of FOLIO_ADMIN_TOKEN in as admin of every retailer, and no one with a wrong token', async () => {
    const token = 'admin-token-for-the-console-test-0123';
    const single = await startConsoleApp(db, { adminToken: token });
    try {
      const post = (value: string) => fetch(`${single.url}/console/login/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: value }), redirect: 'manual' });
      expect((await post('not-the-token-0123456789')).status).toBe(401);
      const signedIn = await post(token);
      expect(signedIn.status).toBe(303);
      const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
      const page = await (await fetch(`${single.url}/console/documents`, { headers: { cookie } })).text();
      expect(page).toContain('<span id="role">admin</span>');
      expect(page).toContain('A-000001');
      expect(page).toContain('B-000001');
    } finally {
      await single.close();
    }
  });

  it('refuses a form without the session CSRF token and a request without a session', async () => {
    const { cookie } = app.sessionFor(A);
    const path = `/console/documents/${encodeURIComponent('ACME|1|invoice|INVOICE|A-000002')}/revoke`;
    const noCsrf = await fetch(`${app.url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'reason=x&csrf=guess', redirect: 'manual' });
    expect(noCsrf.status).toBe(403);
    const crossSite = await fetch(`${app.url}${path}`, { method: 'POST', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: `reason=x&csrf=${encodeURIComponent(app.sessionFor(A).csrf)}`, redirect: 'manual' });
    expect(crossSite.status).toBe(403);
    const anonymous = await fetch(`${app.url}/console/documents`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/console/login');
    const forged = await fetch(`${app.url}/console/documents`, { headers: { cookie: `${cookie.slice(0, -3)}abc` }, redirect: 'manual' });
    expect(forged.status).toBe(303);
    expect((await db.query(`SELECT 1 FROM folio_link_revocations`)).rowCount).toBe(0);
  });
});
