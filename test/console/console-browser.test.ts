import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS } from '../../connector/fluent/contract.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { readInvoice } from '../../scripts/demo/read-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { startTwilioWire, type TwilioWire } from '../deliver/support/twilio-wire.ts';
import { startObservedLoop, type ObservedLoop } from '../observe/support/observed-loop.ts';
import { seriousViolations } from './support/axe.ts';
import { startOidcServer, type OidcServer } from './support/oidc-server.ts';
import { seedDocuments } from '../../scripts/bench/console-seed.ts';

const SHOTS = '/tmp/console-shots';
const ACCOUNT_SID = `AC${'0'.repeat(31)}7`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('operator console in Chromium, signed in through a local OpenID Connect provider', () => {
  let loop: ObservedLoop;
  let oidc: OidcServer;
  let twilio: TwilioWire;
  let browser: Browser;
  let tenant: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    twilio = await startTwilioWire();
    oidc = await startOidcServer({
      redirectUri: `${base}/console/callback`,
      people: {
        ana: { email: 'ana@acme.example', name: 'Ana Admin', folio_role: 'admin', folio_retailers: ['*'] },
        sam: { email: 'sam@acme.example', name: 'Sam Support' },
        vic: { email: 'vic@acme.example', name: 'Vic Viewer', folio_role: 'viewer', folio_retailers: ['ACME:1'] },
        nobody: { email: 'nobody@acme.example', name: 'No Role' },
      },
    });
    loop = await startObservedLoop({
      PORT: String(port),
      FOLIO_CONSOLE_ISSUER: oidc.issuer,
      FOLIO_CONSOLE_CLIENT_ID: oidc.clientId,
      FOLIO_CONSOLE_CLIENT_SECRET: oidc.clientSecret,
      FOLIO_CONSOLE_SESSION_SECRET: 'console-session-secret-for-tests-0123456789',
      // Sam's grant comes from configuration (his token carries no role claims), scoped below.
      FOLIO_CONSOLE_ROLES: JSON.stringify({ claims: { role: 'folio_role', retailers: 'folio_retailers' }, users: { 'sam@acme.example': { role: 'support', retailers: ['ACME:1'] } } }),
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: 'test-auth-token',
      TWILIO_API_ORIGIN: twilio.origin,
      FOLIO_SMS_FROM: '+14155550100',
    });
    tenant = `${loop.emulator.accountId}:${loop.emulator.retailerId}`;
    browser = await chromium.launch({
      executablePath: process.env.FOLIO_CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await loop?.close();
    await oidc?.close();
    await twilio?.close();
  });

  /** A browser of its own, signed in as `login` through the provider's login and consent pages. */
  async function signIn(login: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    // Nothing leaves loopback (the provider's sample page asks for a web font).
    await context.route((url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1', (route) => route.abort());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && page.url().startsWith(loop.connector.url)) errors.push(message.text());
    });
    await page.goto(`${loop.connector.url}/console`);
    expect(page.url()).toBe(`${loop.connector.url}/console/login`);
    await Promise.all([page.waitForURL(`${oidc.issuer}/**`), page.click('#sign-in')]);
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any password');
    await page.click('button[type=submit]');
    await page.waitForLoadState('domcontentloaded');
    if (page.url().startsWith(oidc.issuer)) {
      // The consent page, on the first sign-in of each person.
      await page.click('button[type=submit]');
    }
    await page.waitForURL((url) => url.href.startsWith(loop.connector.url) && !url.pathname.startsWith('/console/callback'), { waitUntil: 'domcontentloaded' });
    return { page, errors };
  }

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  it('signs an admin in (PKCE, state, nonce, verified ID token) into a page with a strict CSP and secure cookies', async () => {
    const { page, errors } = await signIn('ana');
    expect(page.url()).toBe(`${loop.connector.url}/console/documents`);
    expect(await page.locator('#operator').textContent()).toBe('ana@acme.example');
    expect(await page.locator('#role').textContent()).toBe('admin');
    const response = await page.reload();
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(response?.headers()['content-security-policy']).not.toContain('script-src');
    const cookie = (await page.context().cookies(`${loop.connector.url}/console/`)).find((c) => c.name === 'folio_console');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/console' });
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, '01-documents-empty');
    expect(errors).toEqual([]);
  });

  it('refuses someone the identity provider knows but who has no console role', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    await context.route((url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${loop.connector.url}/console/login`);
    await Promise.all([page.waitForURL(`${oidc.issuer}/**`), page.click('#sign-in')]);
    await page.fill('input[name=login]', 'nobody');
    await page.fill('input[name=password]', 'x');
    await page.click('button[type=submit]');
    await page.waitForLoadState('domcontentloaded');
    if (page.url().startsWith(oidc.issuer)) await page.click('button[type=submit]');
    await page.waitForURL(`${loop.connector.url}/console/callback**`);
    expect(await page.locator('[role=alert]').textContent()).toContain('nobody@acme.example has no console role');
    expect((await context.cookies(`${loop.connector.url}/console/`)).find((c) => c.name === 'folio_console')).toBeUndefined();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, '02-no-role');
  });

  it('filters 1,000 orders down to one, and pages through the rest', async () => {
    await seedDocuments(loop.connector.db, { account: loop.emulator.accountId, retailer: loop.emulator.retailerId, count: 1000, prefix: 'BULK' });
    const { page } = await signIn('ana');
    await page.goto(`${loop.connector.url}/console/documents`);
    expect(await page.locator('table.documents tbody tr').count()).toBe(50);
    await Promise.all([page.waitForURL(/after=/), page.click('#next-page')]);
    expect(await page.locator('table.documents tbody tr').count()).toBe(50);

    await page.goto(`${loop.connector.url}/console/documents`);
    await page.fill('#f-order', 'BULK-000742');
    await page.selectOption('#f-type', 'invoice');
    await page.selectOption('#f-invoiced', 'yes');
    await page.fill('#f-channel', 'store');
    await Promise.all([page.waitForURL(/order=BULK-000742/), page.click('.filters button[type=submit]')]);
    const rows = page.locator('table.documents tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-order-ref')).toBe('BULK-000742');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, '03-filtered-to-one');

    // A failed one says why on its page.
    await page.goto(`${loop.connector.url}/console/documents?order=BULK-000741`);
    await page.click('table.documents tbody tr a:text("BULK-order_confirmation-741")');
    expect(await page.locator('#doc-status').textContent()).toBe('failed');
    expect(await page.locator('#failure-reason').textContent()).toBe('unknown currency XYZ');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, '03b-failed-document');
    await page.goto(`${loop.connector.url}/console/documents?order=BULK-000742&type=invoice&invoiced=yes&channel=store`);

    // The order view: its documents, and "invoiced".
    await page.click(`a:text("BULK-000742")`);
    expect(await page.locator('h1').textContent()).toBe('Order BULK-000742');
    expect(await page.locator('#invoiced').textContent()).toBe('yes');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, '04-order');
  });

  it("shows a failed document's reason, and Retry makes it once the data is fixed", async () => {
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'CONSOLE-FAIL', currency: 'XYZ' });
    expect((await loop.settled(created.invoiceRef)).status).toBe(STATUS.failed);
    const { page } = await signIn('ana');
    await page.goto(`${loop.connector.url}/console/failures`);
    const row = page.locator(`tr[data-entity-ref="${created.invoiceRef}"]`);
    expect(await row.locator('.reason').textContent()).toContain('unknown currency XYZ');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, '05-failures');

    const invoice = loop.emulator.store.byRef('Invoice', created.invoiceRef)!;
    loop.emulator.store.update('Invoice', invoice.id, { currency: { alphabeticCode: 'GBP' } });
    await Promise.all([page.waitForURL(/flash=retried/), row.locator('button').click()]);
    expect(await page.locator('.flash').textContent()).toContain('Retry queued');
    const done = await waitFor('the retried invoice to be generated', async () => {
      const state = await readInvoice(loop.fluent, created.invoiceRef);
      return state?.status === STATUS.generated ? state : undefined;
    });
    expect(done.status).toBe(STATUS.generated);
    const trail = await loop.connector.db.query<{ details: { by?: string } }>(`SELECT details FROM folio_audit_events WHERE step = 'retried' AND entity_ref = $1`, [created.invoiceRef]);
    expect(trail.rows.map((r) => r.details.by)).toContain('console: ana (admin)');
  });

  it('resends a document by SMS from its page, audited with the operator, and shows the attempts', async () => {
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'CONSOLE-SMS' });
    expect((await loop.settled(created.invoiceRef)).status).toBe(STATUS.generated);
    const { rows } = await loop.connector.db.query<{ key: string; stored: string }>(`SELECT key, storage->>'key' AS stored FROM folio_documents WHERE entity_ref = $1`, [created.invoiceRef]);
    const { key, stored } = rows[0]!;
    // This document's own first SMS, not any earlier one: its outbox row is 'sent' only after Twilio answered.
    await waitFor('the first SMS of this document', async () => {
      const sent = await loop.connector.db.query(`SELECT 1 FROM folio_deliveries WHERE document_key = $1 AND channel = 'sms' AND state = 'sent'`, [stored]);
      return sent.rows.length > 0 || undefined;
    });
    const before = twilio.requests.length;

    const { page, errors } = await signIn('ana');
    await page.goto(`${loop.connector.url}/console/documents/${encodeURIComponent(key)}`);
    expect(await page.locator('#hash-check').textContent()).toContain('matches the stored file');
    expect(await page.locator('#template-version').textContent()).not.toBe('—');
    await page.check('input[name=channel][value=sms]');
    await Promise.all([page.waitForURL(/flash=resend-sent/), page.click('#resend')]);
    expect(await page.locator('.flash').textContent()).toContain('Sent again');
    expect(twilio.requests.length).toBe(before + 1);
    const sms = twilio.requests.at(-1)!;
    expect(sms.form.get('To')).toBe('+441234567890');
    expect(sms.form.get('From')).toBe('+14155550100');
    expect(await page.locator('#deliveries tr[data-channel=sms]').count()).toBe(2);
    expect(await page.locator('#trail').textContent()).toContain('console: ana (admin)');
    // The preview frame shows the stored PDF.
    const pdf = await page.request.get(`${loop.connector.url}/console/documents/${encodeURIComponent(key)}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, '06-document-resent');
    expect(errors).toEqual([]);
  });

  it('lets an admin regenerate (same number) and revoke links, each in the trail with their name', async () => {
    const { rows } = await loop.connector.db.query<{ key: string; number: string; storage: { key: string } }>(`SELECT key, number, storage FROM folio_documents WHERE entity_ref = 'INV-CONSOLE-SMS'`);
    const { key, number } = rows[0]!;
    const { page } = await signIn('ana');
    await page.goto(`${loop.connector.url}/console/documents/${encodeURIComponent(key)}`);
    await Promise.all([page.waitForURL(/flash=regenerated/), page.click('#regenerate')]);
    const again = await waitFor('the regenerated document to be stored again', async () => {
      const found = await loop.connector.db.query<{ number: string; status: string }>(`SELECT number, status FROM folio_documents WHERE key = $1`, [key]);
      return found.rows[0]?.status === 'reported' ? found.rows[0] : undefined;
    });
    expect(again.number).toBe(number);
    const numbers = await loop.connector.db.query(`SELECT 1 FROM folio_documents WHERE entity_ref = 'INV-CONSOLE-SMS'`);
    expect(numbers.rowCount).toBe(1);

    await page.goto(`${loop.connector.url}/console/documents/${encodeURIComponent(key)}`);
    await page.fill('#revoke-reason', 'sent to the wrong person');
    await Promise.all([page.waitForURL(/flash=revoked/), page.click('#revoke')]);
    const revoked = await loop.connector.db.query<{ details: { by: string; reason: string } }>(`SELECT details FROM folio_audit_events WHERE step = 'revoked' AND entity_ref = 'INV-CONSOLE-SMS'`);
    expect(revoked.rows[0]?.details).toMatchObject({ by: 'console: ana (admin)', reason: 'sent to the wrong person' });
  });

  it('refuses a support user an admin action, and keeps them to their retailers', async () => {
    expect(tenant).toBe('ACME:1');
    await seedDocuments(loop.connector.db, { account: 'ACME', retailer: '2', count: 3, prefix: 'OTHER' });
    const { page } = await signIn('sam');
    expect(await page.locator('#role').textContent()).toBe('support');
    const { rows } = await loop.connector.db.query<{ key: string }>(`SELECT key FROM folio_documents WHERE entity_ref = 'INV-CONSOLE-SMS'`);
    const key = rows[0]!.key;
    await page.goto(`${loop.connector.url}/console/documents/${encodeURIComponent(key)}`);
    // Support may resend; regenerate and revoke are not offered …
    expect(await page.locator('#resend').count()).toBe(1);
    expect(await page.locator('#regenerate').count()).toBe(0);
    expect(await page.locator('#revoke').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, '07-support-document');
    // … and refused when asked for anyway, with nothing queued.
    const csrf = await page.locator('input[name=csrf]').first().inputValue();
    const refused = await page.request.post(`${loop.connector.url}/console/documents/${encodeURIComponent(key)}/regenerate`, { form: { csrf } });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('Your role (support) may not regenerate');
    const regenerations = await loop.connector.db.query(`SELECT 1 FROM folio_audit_events WHERE step = 'retried' AND details->>'by' LIKE '%console: sam %'`);
    expect(regenerations.rowCount).toBe(0);
    const configuration = await page.goto(`${loop.connector.url}/console/configuration`);
    expect(configuration?.status()).toBe(403);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, '08-support-refused');
    // Another retailer's documents are not there for him, not even by key.
    await page.goto(`${loop.connector.url}/console/documents?order=OTHER`);
    expect(await page.locator('#no-documents').count()).toBe(1);
    const other = await page.goto(`${loop.connector.url}/console/documents/${encodeURIComponent('ACME|2|invoice|INVOICE|OTHER-000002')}`);
    expect(other?.status()).toBe(404);
  });

  it('lets a viewer read a document but not resend it', async () => {
    const { page } = await signIn('vic');
    expect(await page.locator('#role').textContent()).toBe('viewer');
    const { rows } = await loop.connector.db.query<{ key: string }>(`SELECT key FROM folio_documents WHERE entity_ref = 'INV-CONSOLE-SMS'`);
    const key = rows[0]!.key;
    await page.goto(`${loop.connector.url}/console/documents/${encodeURIComponent(key)}`);
    expect(await page.locator('#hash-check').textContent()).toContain('matches the stored file');
    expect(await page.locator('#resend, #regenerate, #revoke, #retry').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('Your role (viewer) can only read.');
    const sent = twilio.requests.length;
    const csrf = await page.locator('input[name=csrf]').first().inputValue();
    const refused = await page.request.post(`${loop.connector.url}/console/documents/${encodeURIComponent(key)}/resend`, { form: { csrf, channel: 'sms', occasion: 'viewer-occasion-1' } });
    expect(refused.status()).toBe(403);
    expect(twilio.requests.length).toBe(sent);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, '10b-viewer-document');
  });

  it('lets an admin make an API key the documents API takes, and subscribe a receiver whose deliveries show in the log', async () => {
    const received: { body: string }[] = [];
    const receiver = createHttpServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { page, errors } = await signIn('ana');
      await page.goto(`${loop.connector.url}/console/api-keys`);
      await page.fill('#key-retailer', 'ACME:1');
      await page.fill('#key-name', 'ERP export');
      await page.click('#create-key');
      const secret = (await page.locator('#new-secret').textContent())!.trim();
      expect(secret).toMatch(/^folio_\S+$/);
      expect(await page.locator('#api-keys tbody tr').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, '11-api-key-created');
      const listed = await fetch(`${loop.connector.url}/api/v1/documents?orderRef=ORD-CONSOLE-SMS`, { headers: { authorization: `Bearer ${secret}` } });
      expect(listed.status).toBe(200);
      await page.goto(`${loop.connector.url}/console/api-keys`);
      await Promise.all([page.waitForURL(/flash=revoked/), page.click('#api-keys button')]);
      expect((await fetch(`${loop.connector.url}/api/v1/documents`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);

      await page.goto(`${loop.connector.url}/console/webhooks`);
      await page.fill('#hook-retailer', 'ACME:1');
      await page.fill('#hook-url', `http://127.0.0.1:${(receiver.address() as { port: number }).port}/folio`);
      await page.click('#create-subscription');
      expect(await page.locator('#new-secret').textContent()).toMatch(/^whsec_/);
      const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'CONSOLE-HOOK' });
      expect((await loop.settled(created.invoiceRef)).status).toBe(STATUS.generated);
      await waitFor('the receiver to get document.generated', async () => received.some((r) => r.body.includes('document.generated') && r.body.includes('INV-CONSOLE-HOOK')) || undefined);
      await page.goto(`${loop.connector.url}/console/webhooks`);
      const row = page.locator('#webhook-deliveries tbody tr').filter({ hasText: 'document.generated' }).first();
      await row.locator('a').click();
      await waitFor('the delivery to show as delivered', async () => ((await page.reload(), await page.locator('#delivery-state').textContent()) === 'delivered') || undefined);
      expect(await page.locator('#webhook-attempts tbody tr').count()).toBeGreaterThan(0);
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, '12-webhook-delivery');
      const before = received.length;
      await Promise.all([page.waitForURL(/flash=redelivered/), page.click('#redeliver')]);
      await waitFor('the redelivery', async () => received.length > before || undefined);
      await page.goto(`${loop.connector.url}/console/webhooks`);
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, '13-webhooks');
      expect(errors).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('shows health charts over 24 hours and 7 days, from Folio’s own tables', async () => {
    const { page, errors } = await signIn('ana');
    for (const window of ['24h', '7d']) {
      await page.goto(`${loop.connector.url}/console/health?window=${window}`);
      for (const chart of ['documents-per-hour', 'failures-by-reason', 'latency', 'queue-depth']) expect(await page.locator(`#${chart} > svg`).count()).toBe(1);
      expect(Number(await page.locator('#reported-count').textContent())).toBeGreaterThan(0);
      expect(await page.locator('#documents-per-hour path[stroke]').count()).toBeGreaterThan(0);
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, `09-health-${window}`);
    }
    await page.goto(`${loop.connector.url}/console/configuration`);
    expect(await page.locator('#configuration').textContent()).not.toContain(oidc.clientSecret);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, '10-configuration');
    expect(errors).toEqual([]);
  });
});
