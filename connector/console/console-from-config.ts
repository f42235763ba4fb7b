import { createHmac } from 'node:crypto';
import type { Router } from 'express';
import type { FolioConfig } from '../config.ts';
import type { AuditSink } from '../core/ports/audit-sink.ts';
import type { DocumentSourceResolver } from '../core/ports/document-source.ts';
import type { DocumentStore } from '../core/ports/document-store.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import type { JobQueue } from '../core/ports/job-queue.ts';
import type { LinkIssuer } from '../core/ports/link-issuer.ts';
import type { Database } from '../db/database.ts';
import type { LinkRevocations } from '../links/revocations.ts';
import type { SweepStatus } from '../reconcile/sweeper.ts';
import type { ChannelResend } from './actions.ts';
import { createConsoleRouter } from './console-routes.ts';
import { apiKeysPages, webhookPages } from './config-pages.ts';
import { createOidcSignIn } from './oidc.ts';

export interface ConsoleWiring {
  db: Database;
  store: DocumentStore;
  queue: JobQueue;
  audit: AuditSink;
  revocations: LinkRevocations;
  fluent: FluentClient;
  resolveSource: DocumentSourceResolver;
  links: LinkIssuer;
  delivery?: ChannelResend | undefined;
  baseUrl: string;
  sweepStatus?: () => SweepStatus | undefined;
}

/**
 * /console from configuration: on when an identity provider (FOLIO_CONSOLE_ISSUER) or the admin token
 * is set, off (404) otherwise. With the admin token alone, sessions are signed with a key derived from it.
 */
export function consoleFromConfig(config: FolioConfig, wiring: ConsoleWiring): Router | undefined {
  const issuer = config.FOLIO_CONSOLE_ISSUER;
  if (!issuer && !config.FOLIO_ADMIN_TOKEN) return undefined;
  const sessionSecret = config.FOLIO_CONSOLE_SESSION_SECRET ?? createHmac('sha256', config.FOLIO_ADMIN_TOKEN!).update('folio console sessions').digest('base64url');
  const base = new URL(wiring.baseUrl);
  // Browsers keep Secure cookies over https and on loopback; a plain-http public URL elsewhere gets none.
  const secureCookies = base.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname);
  const oidc =
    issuer && config.FOLIO_CONSOLE_CLIENT_ID && config.FOLIO_CONSOLE_CLIENT_SECRET
      ? createOidcSignIn({
          issuer,
          clientId: config.FOLIO_CONSOLE_CLIENT_ID,
          clientSecret: config.FOLIO_CONSOLE_CLIENT_SECRET,
          redirectUrl: config.FOLIO_CONSOLE_REDIRECT_URL ?? new URL('/console/callback', wiring.baseUrl).href,
          roles: config.FOLIO_CONSOLE_ROLES,
        })
      : undefined;
  return createConsoleRouter({
    db: wiring.db,
    store: wiring.store,
    queue: wiring.queue,
    audit: wiring.audit,
    revocations: wiring.revocations,
    sessionSecret,
    secureCookies,
    ...(oidc && { oidc }),
    ...(config.FOLIO_ADMIN_TOKEN && { adminToken: config.FOLIO_ADMIN_TOKEN }),
    publicBaseUrl: wiring.baseUrl,
    ...(wiring.sweepStatus && { sweepStatus: wiring.sweepStatus }),
    ...(wiring.delivery && {
      resend: {
        delivery: wiring.delivery,
        fluent: wiring.fluent,
        resolveSource: wiring.resolveSource,
        links: () => wiring.links,
        defaults: { locale: config.FOLIO_DEFAULT_LOCALE, timeZone: config.FOLIO_DEFAULT_TIME_ZONE },
      },
    }),
    configuration: () => configurationView(config, wiring),
    // API keys and webhook subscriptions: the documents API's and outbound webhooks' services, shown to admins.
    extensions: [apiKeysPages(wiring.db), webhookPages(wiring.db)],
  });
}

/** The admin's configuration view: what the connector runs with, never a secret. */
function configurationView(config: FolioConfig, wiring: ConsoleWiring): { name: string; value: string }[] {
  const json = (value: unknown) => JSON.stringify(value);
  return [
    { name: 'PUBLIC_BASE_URL', value: wiring.baseUrl },
    { name: 'database', value: wiring.db.engine },
    { name: 'FLUENT_BASE_URL', value: config.FLUENT_BASE_URL },
    { name: 'FLUENT_ACCOUNT_ID / FLUENT_RETAILER_ID', value: `${config.FLUENT_ACCOUNT_ID} / ${config.FLUENT_RETAILER_ID}` },
    { name: 'FOLIO_STORAGE', value: config.FOLIO_STORAGE },
    { name: 'delivery channels', value: wiring.delivery?.channels().join(', ') || 'none' },
    { name: 'FOLIO_DELIVERY', value: json(config.FOLIO_DELIVERY) },
    { name: 'FOLIO_MAX_ATTEMPTS / FOLIO_RETRY_BASE_MS', value: `${config.FOLIO_MAX_ATTEMPTS} / ${config.FOLIO_RETRY_BASE_MS}` },
    { name: 'FOLIO_WORKER_CONCURRENCY / FOLIO_RENDER_CONCURRENCY', value: `${config.FOLIO_WORKER_CONCURRENCY} / ${config.FOLIO_RENDER_CONCURRENCY}` },
    { name: 'FOLIO_SWEEP_INTERVAL_MS', value: String(config.FOLIO_SWEEP_INTERVAL_MS) },
    { name: 'FOLIO_DEFAULT_LOCALE / FOLIO_DEFAULT_TIME_ZONE', value: `${config.FOLIO_DEFAULT_LOCALE} / ${config.FOLIO_DEFAULT_TIME_ZONE}` },
    { name: 'FOLIO_CONSOLE_ISSUER', value: config.FOLIO_CONSOLE_ISSUER ?? 'unset (admin token only)' },
    { name: 'FOLIO_CONSOLE_CLIENT_ID', value: config.FOLIO_CONSOLE_CLIENT_ID ?? '—' },
    { name: 'FOLIO_CONSOLE_ROLES', value: json(config.FOLIO_CONSOLE_ROLES) },
    { name: 'FOLIO_ADMIN_TOKEN', value: config.FOLIO_ADMIN_TOKEN ? 'set' : 'unset' },
  ];
}
