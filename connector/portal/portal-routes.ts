import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import type { Counter } from 'prom-client';
import { redactText } from '../audit/redact.ts';
import type { AuditSink } from '../core/ports/audit-sink.ts';
import type { ChannelName } from '../core/ports/delivery-channel.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import type { Queryable } from '../db/database.ts';
import { LinkTokenError, type LinkSigner } from '../links/link-signer.ts';
import type { LinkRevocations } from '../links/revocations.ts';
import type { Logger } from '../log.ts';
import { formatDate } from '../render/dates.ts';
import { formatMoney } from '../render/money.ts';
import type { Theme } from '../render/theme.ts';
import { parseContact, type PortalSecrets } from './contact.ts';
import type { MagicLinks } from './magic-links.ts';
import { loadOrderStatus, type OrderStatus } from './order-status.ts';
import { chooseLanguage, isSupportedLanguage, type Language, type Translate, portalTranslator } from './portal-i18n.ts';
import { FONTS_PATH, portalFontFile, portalFontsCss } from './portal-fonts.ts';
import { portalTheme, portalThemeCss } from './portal-theme.ts';
import { PORTAL_CSP, type PageFrame, type PortalViews } from './portal-views.ts';
import type { RateLimiter } from './rate-limit.ts';
import { readCookie, SESSION_COOKIE, sessionCookie, type PortalSession, type Sessions } from './sessions.ts';
import { documentKeyOfPortalId, findShopperDocument, groupByOrder, listShopperDocuments, type DocumentFilters, type ShopperDocument } from './shopper-documents.ts';
import { sealedContactSchema } from './shopper-facts.ts';
import type { SignInMessenger } from './sign-in-messenger.ts';

/** A shopper's "send me this again": one channel, to the address on file, through the delivery outbox. */
export interface PortalResender {
  channels(): ChannelName[];
  resend(input: {
    document: { key: string; tenant: string; type: string; number: string; fileName: string; entityRef?: string; viewUrl: string; downloadUrl: string; mediaUrl: string };
    channel: ChannelName;
    address: string;
    locale: string;
    occasion: string;
  }): Promise<{ status: string }>;
}

export interface PortalDeps {
  db: Queryable;
  audit: AuditSink;
  secrets: PortalSecrets;
  magicLinks: MagicLinks;
  sessions: Sessions;
  messenger: SignInMessenger;
  /** Verifies the signed links in messages (portal/open) and signs short-lived ones for views and downloads. */
  documentLinks: LinkSigner;
  shortLinks: LinkSigner;
  revocations: LinkRevocations;
  resender?: PortalResender | undefined;
  fluent: FluentClient;
  themes: Readonly<Record<string, Theme>>;
  views: PortalViews;
  events: Counter<'event' | 'outcome'>;
  /** The public origin, known once the server listens. */
  baseUrl: () => string;
  defaultLocale: string;
  timeZone: string;
  limits: { perAddress: RateLimiter; perIp: RateLimiter; resends: RateLimiter };
  linkTtlSeconds: number;
  log: Logger;
}

const ID = /^[A-Za-z0-9_.-]{1,100}$/;
const LANG_COOKIE = 'folio_portal_lang';
const RESEND_CHANNELS: readonly ChannelName[] = ['email', 'sms', 'whatsapp'];

interface Tenant {
  accountId: string;
  retailerId: string;
  tenant: string;
  base: string;
}

/**
 * /portal: the shopper self-service pages. Server-rendered, no scripts, every form a plain POST.
 * Everything a shopper sees is scoped to the retailer in the path and to their contact hash (or to the
 * one document whose link they opened); every refusal is counted and written to the audit trail.
 */
export function createPortalRouter(deps: PortalDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 20 });
  const count = (event: string, outcome = 'ok') => deps.events.inc({ event, outcome });

  router.use('/portal', (_request, response, next) => {
    response.set({
      'content-security-policy': PORTAL_CSP,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
    });
    next();
  });

  router.get('/portal/assets/portal.css', (_request, response) => {
    response.set('cache-control', 'public, max-age=3600').type('text/css').send(deps.views.stylesheet);
  });
  const fontsCss = portalFontsCss();
  router.get('/portal/assets/fonts.css', (_request, response) => {
    response.set('cache-control', 'public, max-age=86400').type('text/css').send(fontsCss);
  });
  router.get(`${FONTS_PATH}/:file`, (request, response) => {
    const file = portalFontFile(String(request.params.file));
    if (!file) return void response.status(404).end();
    response.set('cache-control', 'public, max-age=31536000, immutable').type('font/woff2').sendFile(file);
  });

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────
  function tenantOf(request: Request): Tenant | undefined {
    const account = String(request.params.account ?? '');
    const retailer = String(request.params.retailer ?? '');
    if (!account || !retailer || !ID.test(account) || !ID.test(retailer)) return undefined;
    return { accountId: account, retailerId: retailer, tenant: `${account}:${retailer}`, base: `/portal/${account}/${retailer}` };
  }

  function languageFor(request: Request, response: Response, known: { fromFluent?: string | undefined; documentLocale?: string | null | undefined } = {}): Language {
    const query = typeof request.query.lang === 'string' ? request.query.lang : typeof request.body?.lang === 'string' ? (request.body.lang as string) : undefined;
    if (query && isSupportedLanguage(query)) response.append('set-cookie', `${LANG_COOKIE}=${query}; Path=/portal; SameSite=Lax; Max-Age=31536000`);
    const cookie = readCookie(request.headers.cookie, LANG_COOKIE);
    const picked = query && isSupportedLanguage(query) ? query : cookie && isSupportedLanguage(cookie) ? cookie : undefined;
    return chooseLanguage({ picked, ...known, acceptLanguage: request.headers['accept-language'], fallback: deps.defaultLocale });
  }

  function frame(tenant: Tenant, language: Language, path: string, session?: PortalSession): PageFrame {
    return {
      language,
      theme: portalTheme(deps.themes, tenant.accountId, tenant.retailerId),
      base: tenant.base,
      path,
      signedIn: Boolean(session),
      csrf: session ? deps.secrets.mac(`csrf:${session.idHash}`) : undefined,
    };
  }

  function page(response: Response, status: number, name: string, pageFrame: PageFrame, context: Record<string, unknown> = {}): void {
    response.status(status).type('html').send(deps.views.render(name, pageFrame, context));
  }

  function notice(response: Response, status: number, pageFrame: PageFrame, heading: string, body: string, action?: { href: string; label: string }): void {
    page(response, status, 'notice', pageFrame, { heading, body, action });
  }

  async function refuse(tenant: string, reason: string, details: Record<string, unknown> = {}, documentKey?: string): Promise<void> {
    count('refused', reason);
    await deps.audit
      .record({ step: 'access-denied', tenant, ...(documentKey ? { documentKey } : { entityRef: `portal:${tenant}` }), details: { via: 'portal', reason, ...details } })
      // A refusal is answered either way; a trail outage must not turn it into a 500.
      .catch((error: unknown) => deps.log.warn({ err: (error as Error).message }, 'portal: refusal not audited'));
  }

  const sameOrigin = (request: Request, response: Response, next: NextFunction) => {
    const origin = request.headers.origin;
    if (origin && origin !== new URL(deps.baseUrl()).origin && origin !== `${request.protocol}://${request.headers.host}`) {
      response.status(403).type('text').send('cross-origin form refused');
      return;
    }
    next();
  };

  /** The session of this request for this retailer, or the sign-in page (a bad cookie is refused and audited). */
  async function signedIn(request: Request, response: Response, tenant: Tenant): Promise<PortalSession | undefined> {
    const lookup = await deps.sessions.find(readCookie(request.headers.cookie, SESSION_COOKIE), tenant.tenant);
    if (lookup.ok) return lookup.session;
    const language = languageFor(request, response);
    const t = portalTranslator(language);
    if (lookup.reason === 'no-cookie') {
      page(response, 401, 'sign-in', frame(tenant, language, request.path), { minutes: Math.round(deps.linkTtlSeconds / 60), next: returnPath(tenant, request.path) });
      return undefined;
    }
    await refuse(tenant.tenant, `session-${lookup.reason}`, { path: request.path.replace(/\/d\/[^/]+/, '/d/:id') });
    // The cookie is worthless: drop it, and say why in words.
    response.append('set-cookie', sessionCookie('', 0, secure()));
    const heading = lookup.reason === 'expired' ? t('session.expired.heading') : t('session.invalid.heading');
    page(response, 401, 'sign-in', frame(tenant, language, request.path), { minutes: Math.round(deps.linkTtlSeconds / 60), flash: heading, next: returnPath(tenant, request.path) });
    return undefined;
  }

  const secure = () => deps.baseUrl().startsWith('https:');

  /** Where to go after signing in: only an order page of the same retailer (the QR code's target), else the list. */
  function returnPath(tenant: Tenant, path: unknown): string | undefined {
    return typeof path === 'string' && path.startsWith(`${tenant.base}/o/`) && /^\/o\/[^/?#\\]+$/.test(path.slice(tenant.base.length)) ? path : undefined;
  }

  function csrfOk(session: PortalSession, submitted: unknown): boolean {
    if (typeof submitted !== 'string') return false;
    const digest = (text: string) => createHash('sha256').update(text).digest();
    return timingSafeEqual(digest(deps.secrets.mac(`csrf:${session.idHash}`)), digest(submitted));
  }

  function documentView(document: ShopperDocument, language: Language, t: Translate, base: string) {
    const locale = document.locale && document.locale.split(/[-_]/)[0] === language ? document.locale : language;
    const type = document.type.startsWith('custom:') ? document.type.slice('custom:'.length) : t(`title.${document.type}`);
    const delivery = document.delivery;
    const deliveryText = !delivery
      ? t('delivery.none')
      : delivery.state === 'sent' || delivery.state === 'unconfirmed'
        ? t('delivery.sent', { channel: t(`channel.${delivery.channel}`) })
        : delivery.state === 'failed'
          ? t('delivery.failed')
          : t('delivery.pending');
    return {
      id: document.portalId,
      type,
      number: document.number,
      date: formatDate(document.issuedAt.toISOString(), locale, deps.timeZone),
      isoDate: document.issuedAt.toISOString(),
      amount: formatMoney(document.totalMinor, document.currency, locale),
      delivery: deliveryText,
      viewUrl: `${base}/d/${document.portalId}/view`,
      downloadUrl: `${base}/d/${document.portalId}/download`,
      resendUrl: `${base}/d/${document.portalId}/resend`,
    };
  }

  function filtersOf(request: Request): { filters: DocumentFilters; values: { type: string; from: string; to: string } } {
    const text = (name: string) => (typeof request.query[name] === 'string' ? (request.query[name] as string) : '');
    const type = /^[a-z_]{1,40}$|^custom:[A-Za-z0-9_-]{1,60}$/.test(text('type')) ? text('type') : '';
    const date = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : '');
    const from = date(text('from'));
    const to = date(text('to'));
    return {
      filters: { ...(type && { type }), ...(from && { from: new Date(`${from}T00:00:00Z`) }), ...(to && { to: new Date(`${to}T23:59:59.999Z`) }) },
      values: { type, from, to },
    };
  }

  // ── open a document's signed link as a portal session scoped to that document ──────────────────
  router.get('/portal/open', async (request, response) => {
    const token = typeof request.query.t === 'string' ? request.query.t : '';
    const language = languageFor(request, response);
    const t = portalTranslator(language);
    const bare: Tenant = { accountId: '', retailerId: '', tenant: '', base: '/portal' };
    try {
      const claims = deps.documentLinks.verify(token);
      if (await deps.revocations.isRevoked(claims.documentKey, claims.issuedAt)) {
        await refuse(claims.tenant, 'document-link-revoked', {}, claims.documentKey);
        return notice(response, 410, frame(bare, language, request.path), t('link.refused.heading'), t('link.refused.body'));
      }
      const [accountId = '', retailerId = ''] = [claims.tenant.slice(0, claims.tenant.lastIndexOf(':')), claims.tenant.slice(claims.tenant.lastIndexOf(':') + 1)];
      const id = await deps.sessions.start({ tenant: claims.tenant, contactHash: `document:${claims.documentKey}`, kind: 'document', documentKey: claims.documentKey });
      count('sign_in', 'document-link');
      await deps.audit.record({ step: 'accessed', documentKey: claims.documentKey, tenant: claims.tenant, details: { via: 'portal', action: 'open', jti: claims.jti } });
      response.append('set-cookie', sessionCookie(id, deps.sessions.lifetimeSeconds, secure()));
      response.redirect(303, `/portal/${encodeURIComponent(accountId)}/${encodeURIComponent(retailerId)}/documents`);
    } catch (error) {
      if (!(error instanceof LinkTokenError)) throw error;
      if (error.claims) await refuse(error.claims.tenant, `document-link-${error.reason}`, {}, error.claims.documentKey);
      else count('refused', `document-link-${error.reason}`);
      notice(response, 401, frame(bare, language, request.path), t('link.refused.heading'), t('link.refused.body'));
    }
  });

  // ── sign-in ────────────────────────────────────────────────────────────────────────────────────
  router.get('/portal/:account/:retailer/theme.css', (request, response) => {
    const tenant = tenantOf(request);
    if (!tenant) return void response.status(404).end();
    response.set('cache-control', 'public, max-age=300').type('text/css').send(portalThemeCss(portalTheme(deps.themes, tenant.accountId, tenant.retailerId)));
  });

  router.get('/portal/:account/:retailer', async (request, response) => {
    const tenant = tenantOf(request);
    if (!tenant) return void response.status(404).end();
    const lookup = await deps.sessions.find(readCookie(request.headers.cookie, SESSION_COOKIE), tenant.tenant);
    if (lookup.ok) return response.redirect(303, `${tenant.base}/documents`);
    const language = languageFor(request, response);
    page(response, 200, 'sign-in', frame(tenant, language, request.path), { minutes: Math.round(deps.linkTtlSeconds / 60) });
  });

  router.post('/portal/:account/:retailer/sign-in', sameOrigin, form, (request, response) => {
    const tenant = tenantOf(request);
    if (!tenant) return void response.status(404).end();
    const language = languageFor(request, response);
    const t = portalTranslator(language);
    const pageFrame = frame(tenant, language, request.path);
    const minutes = Math.round(deps.linkTtlSeconds / 60);
    const contact = parseContact(typeof request.body?.contact === 'string' ? request.body.contact : '');
    if (!contact) return page(response, 400, 'sign-in', pageFrame, { minutes, error: t('signin.invalid') });
    const contactHash = deps.secrets.hash(contact);
    // Limits count every request alike, known address or not: a refusal tells nothing about the address.
    const ip = request.socket.remoteAddress ?? '';
    if (!deps.limits.perIp.allow(`${tenant.tenant}|${ip}`) || !deps.limits.perAddress.allow(`${tenant.tenant}|${contactHash}`)) {
      count('refused', 'rate-limited');
      return notice(response, 429, pageFrame, t('limited.heading'), t('limited.body'));
    }
    count('link_requested');
    // The answer is the same page, sent before anything about the address is looked up: the same bytes
    // and the same time whether or not Folio knows it. The look-up and the message happen afterwards.
    page(response, 200, 'sent', pageFrame, { minutes });
    const next = returnPath(tenant, request.body?.next);
    setImmediate(() => void sendSignInLink(tenant, contact, contactHash, language, next));
  });

  async function sendSignInLink(tenant: Tenant, contact: NonNullable<ReturnType<typeof parseContact>>, contactHash: string, language: Language, next: string | undefined): Promise<void> {
    try {
      const column = contact.kind === 'email' ? 'shopper_email_hash' : 'shopper_phone_hash';
      const { rows } = await deps.db.query<{ locale: string | null }>(
        `SELECT locale FROM folio_documents WHERE account_id = $1 AND retailer_id = $2 AND ${column} = $3 ORDER BY issued_at DESC LIMIT 1`,
        [tenant.accountId, tenant.retailerId, contactHash],
      );
      if (!rows[0]) return;
      const token = await deps.magicLinks.issue(tenant.tenant, contactHash, contact.kind);
      const url = `${deps.baseUrl()}${tenant.base}/magic?t=${token}&lang=${language}${next ? `&next=${encodeURIComponent(next)}` : ''}`;
      const theme = portalTheme(deps.themes, tenant.accountId, tenant.retailerId);
      await deps.messenger.send({ to: contact, url, brand: theme.brandName, minutes: Math.round(deps.linkTtlSeconds / 60), t: portalTranslator(language, { isolate: false }) });
    } catch (error) {
      deps.log.warn({ err: redactText((error as Error).message), tenant: tenant.tenant }, 'portal: sign-in link not sent');
    }
  }

  router.get('/portal/:account/:retailer/magic', (request, response) => {
    const tenant = tenantOf(request);
    if (!tenant) return void response.status(404).end();
    const language = languageFor(request, response);
    // A page with a button, not a sign-in on GET: mail scanners that open links must not use them up.
    const token = typeof request.query.t === 'string' ? request.query.t.slice(0, 100) : '';
    page(response, 200, 'magic', frame(tenant, language, request.path), { token, next: returnPath(tenant, request.query.next) });
  });

  router.post('/portal/:account/:retailer/magic', sameOrigin, form, async (request, response) => {
    const tenant = tenantOf(request);
    if (!tenant) return void response.status(404).end();
    const language = languageFor(request, response);
    const t = portalTranslator(language);
    const token = typeof request.body?.t === 'string' ? request.body.t : '';
    const used = token ? await deps.magicLinks.use(token, tenant.tenant) : { ok: false as const, reason: 'unknown' as const };
    if (!used.ok) {
      await refuse(tenant.tenant, `magic-link-${used.reason}`);
      return notice(response, 401, frame(tenant, language, request.path), t('link.refused.heading'), t('link.refused.body'), { href: tenant.base, label: t('link.refused.action') });
    }
    const id = await deps.sessions.start({ tenant: tenant.tenant, contactHash: used.contactHash, kind: used.kind });
    count('sign_in', used.kind);
    await deps.audit.record({ step: 'accessed', entityRef: `portal:${tenant.tenant}`, tenant: tenant.tenant, recipientHash: used.contactHash, details: { via: 'portal', action: 'sign-in', kind: used.kind } });
    response.append('set-cookie', sessionCookie(id, deps.sessions.lifetimeSeconds, secure()));
    response.redirect(303, returnPath(tenant, request.body?.next) ?? `${tenant.base}/documents`);
  });

  router.post('/portal/:account/:retailer/sign-out', sameOrigin, form, async (request, response) => {
    const tenant = tenantOf(request);
    if (!tenant) return void response.status(404).end();
    const session = await signedIn(request, response, tenant);
    if (!session) return;
    if (!csrfOk(session, request.body?.csrf)) {
      await refuse(tenant.tenant, 'csrf');
      return void response.status(403).type('text').send('missing or wrong form token');
    }
    await deps.sessions.end(session.idHash);
    response.append('set-cookie', sessionCookie('', 0, secure()));
    const language = languageFor(request, response);
    const t = portalTranslator(language);
    notice(response, 200, frame(tenant, language, request.path), t('signedout.heading'), t('signedout.body'), { href: tenant.base, label: t('signin.again') });
  });

  // ── my documents ───────────────────────────────────────────────────────────────────────────────
  router.get('/portal/:account/:retailer/documents', async (request, response) => {
    const tenant = tenantOf(request);
    if (!tenant) return void response.status(404).end();
    const session = await signedIn(request, response, tenant);
    if (!session) return;
    const { filters, values } = filtersOf(request);
    const documents = await listShopperDocuments(deps.db, session, filters);
    const language = languageFor(request, response, { documentLocale: documents[0]?.locale });
    const t = portalTranslator(language);
    const groups = groupByOrder(documents).map((group) => ({
      orderRef: group.orderRef,
      orderUrl: group.orderRef ? `${tenant.base}/o/${encodeURIComponent(group.orderRef)}` : undefined,
      documents: group.documents.map((document) => documentView(document, language, t, tenant.base)),
    }));
    const types = ['invoice', 'credit_note', 'debit_note', 'payment_receipt', 'order_confirmation', 'shipment_note', 'return_confirmation'].map((type) => ({ value: type, label: t(`title.${type}`) }));
    page(response, 200, 'documents', frame(tenant, language, request.path, session), { groups, types, values, scoped: Boolean(session.documentKey), count: documents.length });
  });

  // View and download: the same signed, audited links as a message carries, signed for a few minutes.
  for (const purpose of ['view', 'download'] as const) {
    router.get(`/portal/:account/:retailer/d/:id/${purpose}`, async (request, response) => {
      const tenant = tenantOf(request);
      if (!tenant) return void response.status(404).end();
      const session = await signedIn(request, response, tenant);
      if (!session) return;
      const document = await findShopperDocument(deps.db, session, String(request.params.id));
      if (!document) return notFound(request, response, tenant, session, purpose);
      count(purpose);
      const link = deps.shortLinks.linksFor({ key: document.storageKey, tenant: tenant.tenant, fileName: `${document.number}.pdf` });
      response.redirect(303, purpose === 'view' ? link.viewUrl : link.downloadUrl);
    });
  }

  async function notFound(request: Request, response: Response, tenant: Tenant, session: PortalSession, action: string): Promise<void> {
    // Whose is it? Only for the trail: the shopper hears "not found" either way.
    const owner = await documentKeyOfPortalId(deps.db, String(request.params.id ?? ''));
    await refuse(tenant.tenant, owner ? (owner.tenant === tenant.tenant ? 'other-shopper' : 'other-retailer') : 'no-such-document', { action }, owner?.storageKey);
    const language = languageFor(request, response);
    const t = portalTranslator(language);
    notice(response, 404, frame(tenant, language, request.path, session), t('notfound.heading'), t('notfound.body'), { href: `${tenant.base}/documents`, label: t('nav.documents') });
  }

  // ── resend ─────────────────────────────────────────────────────────────────────────────────────
  function resendChoices(document: ShopperDocument, t: Translate): { value: ChannelName; label: string }[] {
    const available = deps.resender?.channels() ?? [];
    const contact = contactOnFile(document);
    return RESEND_CHANNELS.filter((channel) => available.includes(channel) && (channel === 'email' ? contact.email : contact.phone)).map((value) => ({ value, label: t(`channel.${value}`) }));
  }

  function contactOnFile(document: ShopperDocument): { email?: string | undefined; phone?: string | undefined } {
    if (!document.sealedContact) return {};
    try {
      return sealedContactSchema.parse(deps.secrets.open(document.sealedContact));
    } catch {
      return {};
    }
  }

  router.get('/portal/:account/:retailer/d/:id/resend', async (request, response) => {
    const tenant = tenantOf(request);
    if (!tenant) return void response.status(404).end();
    const session = await signedIn(request, response, tenant);
    if (!session) return;
    const document = await findShopperDocument(deps.db, session, String(request.params.id));
    if (!document) return notFound(request, response, tenant, session, 'resend');
    const language = languageFor(request, response, { documentLocale: document.locale });
    const t = portalTranslator(language);
    // The form's own id: sent twice (a double click, a reload), it is one delivery in the outbox.
    page(response, 200, 'resend', frame(tenant, language, request.path, session), { document: documentView(document, language, t, tenant.base), channels: resendChoices(document, t), once: randomUUID() });
  });

  router.post('/portal/:account/:retailer/d/:id/resend', sameOrigin, form, async (request, response) => {
    const tenant = tenantOf(request);
    if (!tenant) return void response.status(404).end();
    const session = await signedIn(request, response, tenant);
    if (!session) return;
    if (!csrfOk(session, request.body?.csrf)) {
      await refuse(tenant.tenant, 'csrf', { action: 'resend' });
      return void response.status(403).type('text').send('missing or wrong form token');
    }
    const document = await findShopperDocument(deps.db, session, String(request.params.id));
    if (!document) return notFound(request, response, tenant, session, 'resend');
    const language = languageFor(request, response, { documentLocale: document.locale });
    const t = portalTranslator(language);
    const pageFrame = frame(tenant, language, request.path, session);
    const view = documentView(document, language, t, tenant.base);
    const back = { href: `${tenant.base}/documents`, label: t('nav.documents') };
    const channel = String(request.body?.channel ?? '') as ChannelName;
    const contact = contactOnFile(document);
    const address = channel === 'email' ? contact.email : channel === 'sms' || channel === 'whatsapp' ? contact.phone : undefined;
    if (!deps.resender || !resendChoices(document, t).some((choice) => choice.value === channel) || !address) {
      return page(response, 400, 'resend', pageFrame, { document: view, channels: resendChoices(document, t), error: t('resend.choose'), once: randomUUID() });
    }
    if (!deps.limits.resends.allow(`${tenant.tenant}|${session.contactHash}`)) {
      count('refused', 'resend-rate-limited');
      return notice(response, 429, pageFrame, t('limited.heading'), t('resend.limited'), back);
    }
    const once = String(request.body?.once ?? '');
    const occasion = `portal-resend:${/^[0-9a-f-]{36}$/.test(once) ? once : randomUUID()}`;
    await deps.audit.record({ step: 'accessed', documentKey: document.storageKey, tenant: tenant.tenant, channel, recipientHash: session.contactHash, details: { via: 'portal', action: 'resend', occasion } });
    const links = deps.documentLinks.linksFor({ key: document.storageKey, tenant: tenant.tenant, fileName: `${document.number}.pdf` });
    try {
      const result = await deps.resender.resend({
        document: { key: document.storageKey, tenant: tenant.tenant, type: document.entityType, number: document.number, fileName: `${document.number}.pdf`, viewUrl: links.viewUrl, downloadUrl: links.downloadUrl, mediaUrl: links.downloadUrl },
        channel,
        address,
        locale: document.locale ?? language,
        occasion,
      });
      const ok = result.status === 'sent' || result.status === 'already-sent' || result.status === 'unconfirmed';
      count('resend', ok ? 'ok' : result.status);
      const body = ok ? t('resend.done', { type: view.type, number: view.number, channel: t(`channel.${channel}`) }) : t('resend.failed');
      notice(response, ok ? 200 : 502, pageFrame, ok ? t('resend.done.heading') : t('resend.failed.heading'), body, back);
    } catch (error) {
      count('resend', 'error');
      deps.log.warn({ err: redactText((error as Error).message), tenant: tenant.tenant }, 'portal: resend failed');
      notice(response, 503, pageFrame, t('resend.failed.heading'), t('resend.failed'), back);
    }
  });

  // ── order page (the QR code and short link on documents lead here) ─────────────────────────────
  router.get('/portal/:account/:retailer/o/:orderRef', async (request, response) => {
    const tenant = tenantOf(request);
    if (!tenant) return void response.status(404).end();
    const session = await signedIn(request, response, tenant);
    if (!session) return;
    const orderRef = String(request.params.orderRef).slice(0, 200);
    const documents = await listShopperDocuments(deps.db, session, { orderRef });
    if (documents.length === 0) {
      await refuse(tenant.tenant, 'other-order', { action: 'order' });
      const language = languageFor(request, response);
      const t = portalTranslator(language);
      return notice(response, 404, frame(tenant, language, request.path, session), t('notfound.order.heading'), t('notfound.body'), { href: `${tenant.base}/documents`, label: t('nav.documents') });
    }
    let order: OrderStatus | undefined;
    let unavailable = false;
    try {
      order = await loadOrderStatus(deps.fluent, orderRef);
      if (order?.retailerId && order.retailerId !== tenant.retailerId) order = undefined;
    } catch (error) {
      unavailable = true;
      deps.log.warn({ err: redactText((error as Error).message), tenant: tenant.tenant }, 'portal: order not read from Fluent');
    }
    count('order');
    const language = languageFor(request, response, { fromFluent: order?.language, documentLocale: documents[0]?.locale });
    const t = portalTranslator(language);
    page(response, 200, 'order', frame(tenant, language, request.path, session), {
      orderRef,
      order,
      unavailable: unavailable || !order,
      shipments: (order?.shipments ?? []).map((shipment) => ({
        ...shipment,
        eta: shipment.eta && !Number.isNaN(Date.parse(shipment.eta)) ? formatDate(new Date(shipment.eta).toISOString(), language, deps.timeZone) : shipment.eta,
      })),
      documents: documents.map((document) => documentView(document, language, t, tenant.base)),
    });
  });

  return router;
}
