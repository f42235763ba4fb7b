import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalSecretsFromConfig } from '../../connector/portal/portal-from-config.ts';
import { sessionCookie as sessionCookieLine } from '../../connector/portal/sessions.ts';
import { form, requestMagicToken, sessionOf, signInOverHttp, withCookie, type HttpShopper } from './support/http-shopper.ts';
import { startPortalLoop, type PortalLoop } from './support/portal-loop.ts';

/**
 * The portal as an attacker sees it: guessed ids, another shopper's and another retailer's documents,
 * swapped and forged cookies, replayed and expired links, forms from elsewhere. Each is refused, and each
 * refusal is in the audit trail with its reason (and in /metrics).
 */
describe('shopper portal: attacks are refused and audited', () => {
  let portal: PortalLoop;
  let alice: HttpShopper;
  let aliceDocs: { id: string; number: string; storageKey: string }[];
  let bobDoc: { id: string; storageKey: string };
  let otherRetailerDoc: { id: string; storageKey: string };
  const aliceEmail = 'alice.attacks@example.com';
  const bobEmail = 'bob.attacks@example.com';

  const documentsOf = async (email: string) => {
    const hash = portalSecretsFromConfig(portal.loop.config).hash({ kind: 'email', address: email });
    const { rows } = await portal.loop.connector.db.query<{ portal_id: string; number: string; key: string }>(
      `SELECT public_id::text AS portal_id, number, storage->>'key' AS key FROM folio_documents WHERE shopper_email_hash = $1 ORDER BY number`,
      [hash],
    );
    return rows.map((row) => ({ id: row.portal_id, number: row.number, storageKey: row.key }));
  };
  const refusals = async (reason: string) => {
    const { rows } = await portal.loop.connector.db.query<{ document_key: string | null; tenant: string | null }>(
      `SELECT document_key, tenant FROM folio_audit_events WHERE step = 'access-denied' AND details->>'via' = 'portal' AND details->>'reason' = $1`,
      [reason],
    );
    return rows;
  };
  const base = () => new URL(portal.portalUrl).pathname;

  beforeAll(async () => {
    // Twelve links per address per 15 minutes, so Alice's sign-ins below stay under it; the last test reaches it.
    portal = await startPortalLoop({ FOLIO_PORTAL_SIGNIN_PER_ADDRESS: '12', FOLIO_PORTAL_SIGNIN_PER_IP: '40' });
    await portal.invoiceFor('ATK-A1', aliceEmail);
    await portal.invoiceFor('ATK-A2', aliceEmail);
    await portal.invoiceFor('ATK-B1', bobEmail);
    aliceDocs = await documentsOf(aliceEmail);
    bobDoc = (await documentsOf(bobEmail))[0]!;
    // Alice also shops at another retailer of the account: her document there, under the same address.
    const key = `${portal.loop.emulator.accountId}|2|invoice|INVOICE|INV-OTHER-1`;
    const storageKey = `${portal.loop.emulator.accountId}/2/invoice/OTHER-1.pdf`;
    const inserted = await portal.loop.connector.db.query<{ public_id: string }>(
      `INSERT INTO folio_documents (key, account_id, retailer_id, document_type, entity_type, entity_ref, series, seq, number, status, storage,
                                    shopper_email_hash, issued_at, total_minor, currency)
       VALUES ($1, $2, '2', 'invoice', 'INVOICE', 'INV-OTHER-1', 'other-series', 1, 'OTHER-1', 'reported', $3::jsonb, $4, now(), 1000, 'GBP')
       RETURNING public_id::text AS public_id`,
      [key, portal.loop.emulator.accountId, JSON.stringify({ key: storageKey, location: 'x', sha256: '0'.repeat(64) }), portalSecretsFromConfig(portal.loop.config).hash({ kind: 'email', address: aliceEmail })],
    );
    otherRetailerDoc = { id: inserted.rows[0]!.public_id, storageKey };
    alice = await signInOverHttp(portal, aliceEmail);
  }, 120_000);
  afterAll(() => portal?.close());

  it('lists only the signed-in shopper’s documents at this retailer', async () => {
    expect(aliceDocs).toHaveLength(2);
    const page = await (await alice.get(`${base()}/documents`)).text();
    for (const document of aliceDocs) expect(page).toContain(document.number);
    expect(page).not.toContain('OTHER-1');
    expect(page).not.toContain(bobDoc.id);
  });

  it('filters by type and by date, and answers in the browser’s language', async () => {
    // Documents listed: one "send me this again" link each.
    const count = async (query: string) => ((await (await alice.get(`${base()}/documents?${query}`)).text()).match(/\/d\/[0-9a-f-]{36}\/resend"/g) ?? []).length;
    // The invoices' issue date, as Fluent gave it.
    const { rows } = await portal.loop.connector.db.query<{ day: string }>(`SELECT to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM folio_documents WHERE public_id = $1::uuid`, [aliceDocs[0]!.id]);
    const today = rows[0]!.day;
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(await count('type=invoice')).toBe(2);
    expect(await count('type=credit_note')).toBe(0);
    expect(await count(`from=${today}&to=${today}`)).toBe(2);
    expect(await count(`from=${tomorrow}`)).toBe(0);
    // Nonsense filters are ignored, not errors and not injected.
    expect(await count("type=invoice'%20OR%201=1--&from=yesterday")).toBe(2);
    const german = await (await fetch(`${portal.loop.connector.url}${base()}/documents`, { headers: { cookie: `folio_portal=${alice.cookie}`, 'accept-language': 'de-DE,de;q=0.9' } })).text();
    expect(german).toContain('<html lang="de" dir="ltr">');
    expect(german).toContain('Ihre Dokumente');
  });

  it("refuses another shopper's document by its id, for view, download and resend", async () => {
    for (const action of ['view', 'download', 'resend']) {
      const response = await alice.get(`${base()}/d/${bobDoc.id}/${action}`);
      expect(response.status).toBe(404);
    }
    const refused = await refusals('other-shopper');
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused.every((row) => row.document_key === bobDoc.storageKey)).toBe(true);
  });

  it("refuses another retailer's document, even under the shopper's own address", async () => {
    expect((await alice.get(`${base()}/d/${otherRetailerDoc.id}/download`)).status).toBe(404);
    expect(await refusals('other-retailer')).toEqual([expect.objectContaining({ document_key: otherRetailerDoc.storageKey })]);
  });

  it('refuses guessed ids', async () => {
    expect((await alice.get(`${base()}/d/${randomUUID()}/view`)).status).toBe(404);
    expect((await alice.get(`${base()}/d/${randomBytes(16).toString('hex')}/view`)).status).toBe(404);
    expect((await alice.get(`${base()}/d/..%2F..%2Fetc/view`)).status).toBe(404);
    expect((await refusals('no-such-document')).length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a session cookie swapped onto another retailer's portal", async () => {
    const otherPortal = `/portal/${portal.loop.emulator.accountId}/2`;
    const response = await alice.get(`${otherPortal}/documents`);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('OTHER-1');
    expect((await refusals('session-other-tenant')).length).toBeGreaterThanOrEqual(1);
  });

  it('refuses a replayed magic link, and one used at another retailer', async () => {
    const token = await requestMagicToken(portal, aliceEmail);
    const first = await fetch(`${portal.portalUrl}/magic`, form({ t: token }));
    expect(first.status).toBe(303);
    const replay = await fetch(`${portal.portalUrl}/magic`, form({ t: token }));
    expect(replay.status).toBe(401);
    expect(sessionOf(replay)).toBeUndefined();
    expect(await refusals('magic-link-replayed')).toHaveLength(1);

    const other = await requestMagicToken(portal, aliceEmail);
    const elsewhere = await fetch(`${portal.loop.connector.url}/portal/${portal.loop.emulator.accountId}/2/magic`, form({ t: other }));
    expect(elsewhere.status).toBe(401);
    expect(await refusals('magic-link-other-tenant')).toHaveLength(1);
    // A link refused elsewhere is not used up: it still works where it belongs.
    expect((await fetch(`${portal.portalUrl}/magic`, form({ t: other }))).status).toBe(303);
  });

  it('refuses an expired magic link', async () => {
    const token = await requestMagicToken(portal, aliceEmail);
    // Time passes: the link's 15 minutes are over.
    await portal.loop.connector.db.query(`UPDATE folio_portal_magic_links SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [createHash('sha256').update(token).digest('hex')]);
    expect((await fetch(`${portal.portalUrl}/magic`, form({ t: token }))).status).toBe(401);
    expect(await refusals('magic-link-expired')).toHaveLength(1);
  });

  it('refuses an expired session and a signed-out one', async () => {
    const shopper = await signInOverHttp(portal, aliceEmail);
    expect((await shopper.get(`${base()}/documents`)).status).toBe(200);
    await portal.loop.connector.db.query(`UPDATE folio_portal_sessions SET expires_at = now() - interval '1 second' WHERE id_hash = $1`, [createHash('sha256').update(shopper.cookie).digest('hex')]);
    const expired = await shopper.get(`${base()}/documents`);
    expect(expired.status).toBe(401);
    expect(expired.headers.getSetCookie().join()).toMatch(/folio_portal=;.*Max-Age=0/);
    expect((await refusals('session-expired')).length).toBeGreaterThanOrEqual(1);

    const leaving = await signInOverHttp(portal, aliceEmail);
    const page = await (await leaving.get(`${base()}/documents`)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    expect((await leaving.post(`${base()}/sign-out`, { csrf })).status).toBe(200);
    expect((await leaving.get(`${base()}/documents`)).status).toBe(401);
    expect((await refusals('session-ended')).length).toBeGreaterThanOrEqual(1);
  });

  it('refuses forged cookies', async () => {
    for (const forged of [randomBytes(32).toString('base64url'), `${alice.cookie.slice(0, -1)}${alice.cookie.endsWith('A') ? 'B' : 'A'}`, 'x']) {
      const response = await withCookie(portal.loop.connector.url, forged).get(`${base()}/documents`);
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain(aliceDocs[0]!.number);
    }
    expect((await refusals('session-forged')).length).toBeGreaterThanOrEqual(3);
  });

  it('refuses forms without the session’s token, and forms from another origin', async () => {
    const noToken = await alice.post(`${base()}/d/${aliceDocs[0]!.id}/resend`, { channel: 'email' });
    expect(noToken.status).toBe(403);
    expect((await refusals('csrf')).length).toBeGreaterThanOrEqual(1);
    const crossSite = await fetch(`${portal.portalUrl}/sign-in`, { ...form({ contact: aliceEmail }), headers: { ...form({}).headers, origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
  });

  it("opens a document's signed link as a session for that one document only", async () => {
    // The view link Folio wrote onto the invoice in Fluent (and mailed).
    const [first, second] = aliceDocs;
    const mail = portal.smtp.messages.find((message) => message.subject?.includes(first!.number));
    const viewUrl = /(https?:\/\/\S+\/documents\/view\?t=\S+)/.exec(mail!.text ?? '')![1]!;
    const opened = await fetch(`${portal.loop.connector.url}/portal/open?t=${new URL(viewUrl).searchParams.get('t')}`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    const scoped = withCookie(portal.loop.connector.url, sessionOf(opened)!);
    const page = await (await scoped.get(`${base()}/documents`)).text();
    expect(page).toContain(first!.number);
    expect(page).not.toContain(second!.number);
    expect((await scoped.get(`${base()}/d/${second!.id}/download`)).status).toBe(404);
    expect((await scoped.get(`${base()}/d/${first!.id}/download`)).status).toBe(303);

    const tampered = await fetch(`${portal.loop.connector.url}/portal/open?t=${new URL(viewUrl).searchParams.get('t')!.slice(0, -2)}xx`, { redirect: 'manual' });
    expect(tampered.status).toBe(401);
    expect(sessionOf(tampered)).toBeUndefined();
  });

  it('sets the session as an HTTP-only, SameSite cookie for /portal with a bounded lifetime', async () => {
    const token = await requestMagicToken(portal, aliceEmail);
    const used = await fetch(`${portal.portalUrl}/magic`, form({ t: token }));
    const cookie = used.headers.getSetCookie().find((line) => line.startsWith('folio_portal='))!;
    expect(cookie).toMatch(/; Path=\/portal; HttpOnly; SameSite=Lax; Max-Age=3600$/);
    // Secure is added when PUBLIC_BASE_URL is https (this test runs on plain loopback http).
    expect(sessionCookieLine('v', 60, true)).toContain('; Secure');
  });

  it("brings a shopper from a document's order link through sign-in back to the order", async () => {
    const { rows } = await portal.loop.connector.db.query<{ order_ref: string }>(`SELECT order_ref FROM folio_documents WHERE public_id = $1::uuid`, [aliceDocs[0]!.id]);
    const orderPath = `${base()}/o/${rows[0]!.order_ref}`;
    const anonymous = await fetch(`${portal.loop.connector.url}${orderPath}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain(`name="next" value="${orderPath}"`);
    const before = portal.smtp.messages.length;
    expect((await fetch(`${portal.portalUrl}/sign-in`, form({ contact: aliceEmail, next: orderPath }))).status).toBe(200);
    const link = new URL(await portal.signInLink(aliceEmail, before));
    expect(link.searchParams.get('next')).toBe(orderPath);
    const used = await fetch(`${portal.portalUrl}/magic`, form({ t: link.searchParams.get('t')!, next: link.searchParams.get('next')! }));
    expect(used.headers.get('location')).toBe(orderPath);
    // Only an order page of this retailer: anything else goes to the list.
    const other = await requestMagicToken(portal, aliceEmail);
    const elsewhere = await fetch(`${portal.portalUrl}/magic`, form({ t: other, next: 'https://evil.example/' }));
    expect(elsewhere.headers.get('location')).toBe(`${base()}/documents`);
  });

  it('limits sign-in requests per address, known or not, and per client IP', async () => {
    const statuses = async (contact: string, times: number) => {
      const answers: number[] = [];
      for (let i = 0; i < times; i++) answers.push((await fetch(`${portal.portalUrl}/sign-in`, form({ contact }))).status);
      return answers;
    };
    // Twelve per address per 15 minutes (FOLIO_PORTAL_SIGNIN_PER_ADDRESS here): the 13th is refused, for anyone.
    expect(await statuses('nobody.limit@example.com', 13)).toEqual([...Array<number>(12).fill(200), 429]);
    // Forty per client IP (FOLIO_PORTAL_SIGNIN_PER_IP here), whatever the addresses: then every new one is refused too.
    const perAddress = await Promise.all(Array.from({ length: 45 }, (_, i) => i).map(async (i) => (await statuses(`spray.${i}@example.com`, 1))[0]));
    expect(perAddress.filter((status) => status === 200).length).toBeLessThan(40);
    expect(perAddress.at(-1)).toBe(429);
    expect(await statuses(bobEmail, 1)).toEqual([429]);
    const metrics = await (await fetch(`${portal.loop.connector.url}/metrics`)).text();
    expect(metrics).toMatch(/folio_portal_events_total\{event="refused",outcome="rate-limited"\} [1-9]/);
    expect(metrics).toMatch(/folio_portal_events_total\{event="refused",outcome="session-forged"\} [1-9]/);
  });
});
