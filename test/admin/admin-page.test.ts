import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE, STATUS } from '../../connector/fluent/contract.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { readInvoice } from '../../scripts/demo/read-invoice.ts';
import { startObservedLoop, type ObservedLoop } from '../observe/support/observed-loop.ts';

const TOKEN = 'admin-token-for-the-page-test-0123456789';

/** The Fluent dashboard tile: invoices in DOCUMENT_FAILED, counted on Fluent's (the emulator's) side. */
function fluentTile(loop: ObservedLoop): number {
  return loop.emulator.store.list('Invoice', (row) => row.status === STATUS.failed).length;
}

describe('admin page in Chromium: see a failure, fix the data, retry', () => {
  let loop: ObservedLoop;
  let browser: Browser;
  beforeAll(async () => {
    loop = await startObservedLoop({ FOLIO_ADMIN_TOKEN: TOKEN });
    browser = await chromium.launch({ executablePath: process.env.FOLIO_CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
  });
  afterAll(async () => {
    await browser?.close();
    await loop?.close();
  });

  it('logs in, lists the failure with its reason and the tile count, and a retry completes the document', async () => {
    // Bad data in Fluent: an unknown currency fails the document at once.
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'ADMIN-1', currency: 'XYZ' });
    expect((await loop.settled(created.invoiceRef)).status).toBe(STATUS.failed);
    expect(fluentTile(loop)).toBe(1);

    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const first = await page.goto(`${loop.connector.url}/admin`);
    expect(first?.headers()['content-security-policy']).toContain("default-src 'none'");
    await page.fill('#token', TOKEN);
    await Promise.all([page.waitForURL(`${loop.connector.url}/admin`), page.click('button[type=submit]')]);

    const row = page.locator(`tr[data-entity-ref="${created.invoiceRef}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('.reason').textContent()).toContain('unknown currency XYZ');
    expect(await page.locator('#failed-count').textContent()).toBe(String(fluentTile(loop)));

    // The session cookie is out of reach of scripts and other sites.
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'folio_admin', httpOnly: true, sameSite: 'Strict', path: '/admin' });

    // Someone fixes the invoice in Fluent, then presses retry.
    const invoice = loop.emulator.store.byRef('Invoice', created.invoiceRef)!;
    loop.emulator.store.update('Invoice', invoice.id, { currency: { alphabeticCode: 'GBP' } });
    await Promise.all([page.waitForURL(/\/admin\?retried=/), row.locator('button').click()]);
    expect(await page.locator('.flash').textContent()).toContain('Retry queued');

    const done = await waitFor('the retried invoice to be generated', async () => {
      const state = await readInvoice(loop.fluent, created.invoiceRef);
      return state?.status === STATUS.generated ? state : undefined;
    });
    expect(String(done.attributes[ATTRIBUTE.documentNumber])).toMatch(/\d/);
    expect(fluentTile(loop)).toBe(0);

    await page.reload();
    expect(await page.locator('#failed-count').textContent()).toBe('0');
    expect(await page.locator('body').textContent()).toContain('No failed documents.');
    // The inline stylesheet is allowed by its hash: nothing was refused.
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('refuses a form post without the session CSRF token, and one from another origin', async () => {
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'ADMIN-2', currency: 'XYZ' });
    expect((await loop.settled(created.invoiceRef)).status).toBe(STATUS.failed);
    const page = await browser.newPage();
    await page.goto(`${loop.connector.url}/admin`);
    await page.fill('#token', TOKEN);
    await Promise.all([page.waitForURL(`${loop.connector.url}/admin`), page.click('button[type=submit]')]);
    const url = `${loop.connector.url}/admin/documents/${encodeURIComponent(created.invoiceRef)}/retry`;

    // The browser's cookie, but no CSRF token.
    const noCsrf = await page.request.post(url, { form: { csrf: 'guess' } });
    expect(noCsrf.status()).toBe(403);
    const csrf = await page.locator('input[name=csrf]').first().inputValue();
    const crossOrigin = await page.request.post(url, { form: { csrf }, headers: { origin: 'https://evil.example' } });
    expect(crossOrigin.status()).toBe(403);
    // Still failed, nothing queued.
    expect((await readInvoice(loop.fluent, created.invoiceRef))?.status).toBe(STATUS.failed);
    await page.close();
  });
});
