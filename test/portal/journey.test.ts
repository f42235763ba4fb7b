import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeliveries } from '../../connector/deliver/outbox.ts';
import { listAudit } from '../../connector/audit/audit-trail.ts';
import { seedShipment } from '../../scripts/emulator/seed-tracking.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { LANGUAGES, portalMessages } from '../../connector/portal/portal-i18n.ts';
import { launchChromium, seriousViolations } from './support/browser.ts';
import { startPortalLoop, type PortalLoop } from './support/portal-loop.ts';

const SHOTS = '/tmp/portal-shots';

/**
 * The whole shopper journey in real Chromium, against the connector, the Fluent emulator and a real SMTP
 * server: ask for a link, read it from the mail, sign in, list, view, download, resend, the order page.
 * Every page is checked with axe-core (WCAG 2.1 A/AA) in English and Arabic, and screenshotted.
 */
describe('shopper portal: the whole journey in Chromium', () => {
  let portal: PortalLoop;
  let browser: Browser;
  let invoice: Awaited<ReturnType<PortalLoop['invoiceFor']>>;
  const email = 'grace.portal@example.com';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    portal = await startPortalLoop();
    invoice = await portal.invoiceFor('PORTAL-1', email);
    seedShipment(portal.loop.emulator.store, {
      orderRef: invoice.orderRef,
      fulfilmentRef: `${invoice.orderRef}-F1`,
      carrier: { ref: 'ROYALMAIL', name: 'Royal Mail', trackingUrl: 'https://track.example/parcels/{trackingNumber}' },
      trackingNumber: 'RM123456789GB',
      eta: '2026-12-09T12:00:00Z',
    });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  /** Signs in as the shopper through the sign-in form and the mailed link, in a fresh browser context. */
  async function signIn(lang: 'en' | 'ar', onEachPage: (page: Page, name: string) => Promise<void>): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: lang === 'ar' ? 'ar-AE' : 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${portal.portalUrl}?lang=${lang}`);
    await onEachPage(page, 'sign-in');
    const before = portal.smtp.messages.length;
    await page.fill('#contact', email);
    await page.click('button[type=submit]');
    await onEachPage(page, 'sent');
    const link = await portal.signInLink(email, before);
    await page.goto(link);
    await onEachPage(page, 'magic');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/documents$/);
    return { context, page };
  }

  for (const lang of ['en', 'ar'] as const) {
    it(`signs in from the mailed link, lists, views, downloads, resends and shows the order (${lang})`, async () => {
      const audited: Record<string, unknown[]> = {};
      const check = async (page: Page, name: string) => {
        await page.screenshot({ path: `${SHOTS}/${lang}-${name}.png`, fullPage: true });
        audited[name] = await seriousViolations(page);
      };
      const { context, page } = await signIn(lang, check);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      await check(page, 'documents');
      const row = page.locator('table.documents tbody tr', { hasText: invoice.number });
      await expect.poll(() => row.count()).toBe(1);

      // View: through the signed, audited /documents link, as a PDF.
      const viewHref = await row.locator('a').nth(0).getAttribute('href');
      const viewed = await page.request.get(new URL(viewHref!, portal.loop.connector.url).toString());
      expect(viewed.status()).toBe(200);
      expect(viewed.headers()['content-type']).toBe('application/pdf');
      expect(viewed.headers()['content-disposition']).toMatch(/^inline/);

      // Download: a real browser download of the stored bytes.
      const [download] = await Promise.all([page.waitForEvent('download'), row.locator('a').nth(1).click()]);
      expect(download.suggestedFilename()).toBe(`${invoice.number}.pdf`);

      // Resend by e-mail: a second mail with the same document, through the outbox.
      const mailsBefore = portal.smtp.messages.filter((m) => m.subject?.includes(invoice.number)).length;
      await row.locator('a').nth(2).click();
      await check(page, 'resend');
      await page.check('#channel-email');
      await page.click('main button[type=submit]');
      await check(page, 'resent');
      await waitFor('the resent mail', async () => (portal.smtp.messages.filter((m) => m.subject?.includes(invoice.number)).length > mailsBefore ? true : undefined));

      // The order page: status and tracking as Fluent holds them, and the order's documents.
      await page.goto(`${portal.portalUrl}/documents`);
      await page.locator('section.order a', { hasText: lang === 'en' ? 'Order details' : 'تفاصيل الطلب' }).first().click();
      await expect.poll(() => page.locator('main').innerText()).toContain('RM123456789GB');
      expect(await page.locator('main').innerText()).toContain('Royal Mail');
      expect(await page.locator(`a[href="https://track.example/parcels/RM123456789GB"]`).count()).toBe(1);
      await check(page, 'order');

      // Sign out, then a page needs signing in again.
      await page.click('header button[type=submit]');
      await check(page, 'signed-out');
      const after = await page.goto(`${portal.portalUrl}/documents`);
      expect(after?.status()).toBe(401);

      for (const [name, violations] of Object.entries(audited)) expect({ name, violations }).toEqual({ name, violations: [] });
      await context.close();
    }, 120_000);
  }

  it('shows the sign-in page in every language, right to left for ar and he, with CJK glyphs served by Folio', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const lang of LANGUAGES) {
      await page.goto(`${portal.portalUrl}?lang=${lang}`);
      // Faces load as layout asks for them: wait until nothing is loading any more.
      await page.waitForFunction(async () => (await document.fonts.ready).status === 'loaded');
      await page.waitForTimeout(100);
      await page.waitForFunction(async () => (await document.fonts.ready).status === 'loaded');
      expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' || lang === 'he' ? 'rtl' : 'ltr');
      expect(await page.locator('h1').innerText()).toBe(portalMessages(lang)['signin.heading']);
      await page.screenshot({ path: `${SHOTS}/${lang}-sign-in.png` });
      expect({ lang, violations: await seriousViolations(page) }).toEqual({ lang, violations: [] });
      if (lang === 'ja' || lang === 'zh') {
        // The heading is drawn with the served Noto face, not fallback boxes.
        expect(await page.evaluate(() => [...document.fonts].some((face) => face.family.includes('Noto Sans') && face.status === 'loaded'))).toBe(true);
      }
    }
    await context.close();
  }, 60_000);

  it('records the resends in the outbox and the audit trail', async () => {
    const [{ rows }] = [await portal.loop.connector.db.query<{ key: string }>(`SELECT storage->>'key' AS key FROM folio_documents WHERE number = $1`, [invoice.number])];
    const key = rows[0]!.key;
    const deliveries = await listDeliveries(portal.loop.connector.db, key);
    // The first delivery, then one resend per language run.
    expect(deliveries.filter((d) => d.state === 'sent')).toHaveLength(3);
    const trail = await listAudit(portal.loop.connector.db, key);
    expect(trail.filter((e) => e.step === 'accessed' && e.details.action === 'resend')).toHaveLength(2);
    expect(trail.filter((e) => e.step === 'delivered')).toHaveLength(3);
    const metrics = await (await fetch(`${portal.loop.connector.url}/metrics`)).text();
    for (const event of ['link_requested', 'sign_in', 'download', 'resend']) expect(metrics).toMatch(new RegExp(`folio_portal_events_total\\{event="${event}",outcome="[^"]+"\\} [1-9]`));
  });

  it('works with the keyboard alone: sign in, reach a document and resend it', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(portal.portalUrl);
    // The first Tab lands on the skip link; following it puts focus at the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    // Tab to the address field, type, Enter submits.
    await tabUntil(page, { id: 'contact' });
    const before = portal.smtp.messages.length;
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
    await page.waitForSelector('p[role=status]');
    await page.goto(await portal.signInLink(email, before));
    await tabUntil(page, { tag: 'BUTTON', inMain: true });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/documents$/);
    // To the resend link of the invoice, and through its form.
    await tabUntil(page, { tag: 'A', text: ['Send me this again', invoice.number] });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/resend$/);
    await tabUntil(page, { tag: 'BUTTON', inMain: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').innerText()).toBe('On its way');
    await context.close();
  }, 60_000);
});

interface Target {
  tag?: string;
  id?: string;
  /** Every piece must be in the element's text. */
  text?: string[];
  inMain?: boolean;
}

/** Presses Tab until the focused element matches (at most 80 times): what a keyboard user does. */
async function tabUntil(page: Page, target: Target): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return element ? { tag: element.tagName, id: element.id, text: element.textContent ?? '', inMain: element.closest('main') !== null } : undefined;
    });
    if (
      focused &&
      (!target.tag || focused.tag === target.tag) &&
      (!target.id || focused.id === target.id) &&
      (!target.inMain || focused.inMain) &&
      (target.text ?? []).every((piece) => focused.text.includes(piece))
    ) return;
  }
  throw new Error(`focus never reached ${JSON.stringify(target)} by Tab`);
}
