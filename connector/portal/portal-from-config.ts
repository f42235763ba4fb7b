import type { Router } from 'express';
import type { FolioConfig } from '../config.ts';
import type { AuditSink } from '../core/ports/audit-sink.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import type { Queryable } from '../db/database.ts';
import { createLinkSigner } from '../links/link-signer.ts';
import type { LinkRevocations } from '../links/revocations.ts';
import type { Logger } from '../log.ts';
import type { FolioMetrics } from '../observe/metrics.ts';
import { portalSecrets, type PortalSecrets } from './contact.ts';
import { createMagicLinks } from './magic-links.ts';
import { orderLinkFor, orderPageUrl, type OrderLink } from './order-link.ts';
import { orderRefOf } from './shopper-facts.ts';
import type { DocumentModel } from '../core/document-model.ts';
import { createPortalRouter, type PortalResender } from './portal-routes.ts';
import { createPortalViews } from './portal-views.ts';
import { createRateLimiter } from './rate-limit.ts';
import { createSessions } from './sessions.ts';
import { createSignInMessenger } from './sign-in-messenger.ts';

/** Recipient hashes and the portal's keys share the outbox's pepper rule: FOLIO_RECIPIENT_PEPPER, else the oldest link key. */
export function portalSecretsFromConfig(config: FolioConfig): PortalSecrets {
  return portalSecrets(config.FOLIO_RECIPIENT_PEPPER ?? config.FOLIO_LINK_KEYS.at(-1)!.secret);
}

/** How long a portal's own view/download redirect link lives: long enough to follow, not to share. */
const SHORT_LINK_SECONDS = 300;
const FIFTEEN_MINUTES = 15 * 60 * 1000;

export interface PortalWiring {
  db: Queryable;
  audit: AuditSink;
  revocations: LinkRevocations;
  fluent: FluentClient;
  metrics: FolioMetrics;
  resender?: PortalResender | undefined;
  baseUrl: string;
  log: Logger;
}

/** The /portal router from configuration, or undefined when FOLIO_PORTAL is off. */
export function portalFromConfig(config: FolioConfig, wiring: PortalWiring): { router: Router; close(): void } | undefined {
  if (!config.FOLIO_PORTAL) return undefined;
  const [active] = config.FOLIO_LINK_KEYS;
  const signer = (ttlSeconds: number) => createLinkSigner({ keys: config.FOLIO_LINK_KEYS, activeKid: active!.kid, ttlSeconds, baseUrl: wiring.baseUrl });
  const messenger = createSignInMessenger({
    smtpUrl: config.FOLIO_SMTP_URL,
    emailFrom: config.FOLIO_EMAIL_FROM,
    twilio: config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN ? { accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN, apiOrigin: config.TWILIO_API_ORIGIN } : undefined,
    smsFrom: config.FOLIO_SMS_FROM,
    whatsappFrom: config.FOLIO_WHATSAPP_FROM,
  });
  const router = createPortalRouter({
    db: wiring.db,
    audit: wiring.audit,
    secrets: portalSecretsFromConfig(config),
    magicLinks: createMagicLinks(wiring.db, config.FOLIO_PORTAL_LINK_TTL_SECONDS),
    sessions: createSessions(wiring.db, config.FOLIO_PORTAL_SESSION_SECONDS),
    messenger,
    documentLinks: signer(config.FOLIO_LINK_TTL_SECONDS),
    shortLinks: signer(SHORT_LINK_SECONDS),
    revocations: wiring.revocations,
    resender: wiring.resender,
    fluent: wiring.fluent,
    themes: config.FOLIO_THEMES,
    views: createPortalViews(),
    events: wiring.metrics.portal,
    baseUrl: () => wiring.baseUrl,
    defaultLocale: config.FOLIO_DEFAULT_LOCALE,
    timeZone: config.FOLIO_DEFAULT_TIME_ZONE,
    limits: {
      perAddress: createRateLimiter(config.FOLIO_PORTAL_SIGNIN_PER_ADDRESS, FIFTEEN_MINUTES),
      perIp: createRateLimiter(config.FOLIO_PORTAL_SIGNIN_PER_IP, FIFTEEN_MINUTES),
      resends: createRateLimiter(config.FOLIO_PORTAL_RESENDS_PER_HOUR, 4 * FIFTEEN_MINUTES),
    },
    linkTtlSeconds: config.FOLIO_PORTAL_LINK_TTL_SECONDS,
    log: wiring.log,
  });
  return { router, close: () => messenger.close() };
}

/** The order page's link and QR code for documents, when order links are on (a theme may still turn them off). */
/** The order page that messages link to (the order of the document, as the portal lists it); undefined with the portal off. */
export function orderPagesFromConfig(config: FolioConfig, baseUrl: string): ((document: DocumentModel) => string | undefined) | undefined {
  if (!config.FOLIO_PORTAL) return undefined;
  return (document) => {
    const orderRef = orderRefOf(document);
    return orderRef ? orderPageUrl(baseUrl, document.source.accountId, document.source.retailerId, orderRef) : undefined;
  };
}

export function orderLinksFromConfig(config: FolioConfig, baseUrl: string): ((source: { accountId: string; retailerId: string }, orderRef: string | undefined) => OrderLink | undefined) | undefined {
  if (!config.FOLIO_PORTAL || !config.FOLIO_PORTAL_ORDER_LINKS) return undefined;
  return (source, orderRef) => orderLinkFor(baseUrl, source, orderRef);
}
