import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeliveries } from '../../connector/deliver/outbox.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { form, sessionOf, withCookie } from './support/http-shopper.ts';
import { startPortalLoop, type PortalLoop } from './support/portal-loop.ts';

/** Sign-in by mobile number (the link comes by SMS) and "send me this again" by SMS and WhatsApp, over Twilio's wire. */
describe('shopper portal: phone sign-in and resends by SMS and WhatsApp', () => {
  let portal: PortalLoop;
  let invoice: Awaited<ReturnType<PortalLoop['invoiceFor']>>;
  // The sample customer's primary phone in Fluent, which the invoice's buyer carries.
  const phone = '+441234567890';

  beforeAll(async () => {
    portal = await startPortalLoop();
    invoice = await portal.invoiceFor('PHONE-1', 'phone.shopper@example.com');
  }, 120_000);
  afterAll(() => portal?.close());

  it('signs in with a mobile number through a link sent by SMS', async () => {
    const before = portal.twilio.requests.length;
    const asked = await fetch(`${portal.portalUrl}/sign-in`, form({ contact: '+44 1234 567890' }));
    expect(asked.status).toBe(200);
    const sms = await waitFor('the sign-in SMS', async () => portal.twilio.requests.slice(before).find((request) => /\/magic\?t=/.test(request.form.get('Body') ?? '')));
    expect(sms.form.get('To')).toBe(phone);
    expect(sms.form.get('From')).toBe('+14155550100');
    const link = /(https?:\/\/\S+\/magic\?t=\S+)/.exec(sms.form.get('Body')!)![1]!;
    const used = await fetch(`${portal.portalUrl}/magic`, form({ t: new URL(link).searchParams.get('t')! }));
    expect(used.status).toBe(303);
    const shopper = withCookie(portal.loop.connector.url, sessionOf(used)!);
    const page = await (await shopper.get(`${new URL(portal.portalUrl).pathname}/documents`)).text();
    expect(page).toContain(invoice.number);

    // Resend by SMS, then by WhatsApp: each to the number on file, each a new outbox row.
    const id = /\/d\/([0-9a-f-]{36})\/resend/.exec(page)![1]!;
    const resendPage = await (await shopper.get(`${new URL(portal.portalUrl).pathname}/d/${id}/resend`)).text();
    expect(resendPage).toContain('id="channel-email"');
    expect(resendPage).toContain('id="channel-sms"');
    expect(resendPage).toContain('id="channel-whatsapp"');
    const csrf = /name="csrf" value="([^"]+)"/.exec(resendPage)![1]!;
    for (const [channel, to] of [['sms', phone], ['whatsapp', `whatsapp:${phone}`]] as const) {
      const sentBefore = portal.twilio.requests.length;
      const resent = await shopper.post(`${new URL(portal.portalUrl).pathname}/d/${id}/resend`, { csrf, channel });
      expect(resent.status).toBe(200);
      const request = portal.twilio.requests.slice(sentBefore).find((r) => r.form.get('To') === to);
      expect(request?.form.get('Body') ?? request?.form.get('MediaUrl')).toBeTruthy();
    }
    const { rows } = await portal.loop.connector.db.query<{ key: string }>(`SELECT storage->>'key' AS key FROM folio_documents WHERE number = $1`, [invoice.number]);
    const deliveries = await listDeliveries(portal.loop.connector.db, rows[0]!.key);
    expect(deliveries.map((d) => `${d.channel}:${d.state}`).sort()).toEqual(['email:sent', 'sms:sent', 'whatsapp:sent']);

    // The same form sent twice (a double click): one delivery.
    const once = /name="once" value="([^"]+)"/.exec(resendPage)![1]!;
    const twiceBefore = portal.twilio.requests.length;
    for (let i = 0; i < 2; i++) expect((await shopper.post(`${new URL(portal.portalUrl).pathname}/d/${id}/resend`, { csrf, channel: 'sms', once })).status).toBe(200);
    expect(portal.twilio.requests.length - twiceBefore).toBe(1);

    // A channel that is not on offer, or no token: refused without sending.
    const quiet = portal.twilio.requests.length;
    expect((await shopper.post(`${new URL(portal.portalUrl).pathname}/d/${id}/resend`, { csrf, channel: 'fax' })).status).toBe(400);
    expect(portal.twilio.requests.length).toBe(quiet);
  });

  it('limits resends per shopper', async () => {
    const asked = await fetch(`${portal.portalUrl}/sign-in`, form({ contact: 'phone.shopper@example.com' }));
    expect(asked.status).toBe(200);
    const link = await portal.signInLink('phone.shopper@example.com');
    const used = await fetch(`${portal.portalUrl}/magic`, form({ t: new URL(link).searchParams.get('t')! }));
    const shopper = withCookie(portal.loop.connector.url, sessionOf(used)!);
    const base = new URL(portal.portalUrl).pathname;
    const page = await (await shopper.get(`${base}/documents`)).text();
    const id = /\/d\/([0-9a-f-]{36})\/resend/.exec(page)![1]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await shopper.post(`${base}/d/${id}/resend`, { csrf, channel: 'email' })).status);
    // Five an hour (FOLIO_PORTAL_RESENDS_PER_HOUR) for this shopper's e-mail session.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
