import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalLoop, type PortalLoop } from './support/portal-loop.ts';

/** Messages link to the order's page in the portal, where the shopper finds every document of the order. */
describe('shopper portal: the document e-mail links to the order page', () => {
  let portal: PortalLoop;
  beforeAll(async () => {
    portal = await startPortalLoop();
  }, 120_000);
  afterAll(() => portal?.close());

  it("carries the order page's link in its text and HTML, and the link opens that order's page after sign-in", async () => {
    const email = 'ada@example.com';
    const invoice = await portal.invoiceFor('MSG-1', email);
    const { rows } = await portal.loop.connector.db.query<{ order_ref: string }>(`SELECT order_ref FROM folio_documents WHERE number = $1`, [invoice.number]);
    const orderUrl = `${portal.portalUrl}/o/${encodeURIComponent(rows[0]!.order_ref)}`;
    const mail = portal.smtp.messages.find((message) => (message.text ?? '').includes(invoice.number))!;
    expect(mail.text).toContain(`Your order and all its documents: ${orderUrl}`);
    expect(String(mail.html)).toContain(`<a href="${orderUrl}">Your order and all its documents</a>`);
    // No session yet: the order page asks the shopper to sign in and comes back to the order.
    const anonymous = await fetch(orderUrl);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain(`name="next" value="${new URL(orderUrl).pathname}"`);
  });
});
