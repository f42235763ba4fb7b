import type { Router } from 'express';
import type { FolioConfig } from '../config.ts';
import type { AuditSink } from '../core/ports/audit-sink.ts';
import type { Database } from '../db/database.ts';
import { createApiKeys } from '../api/api-keys.ts';
import { createApiRouter } from '../api/api-routes.ts';
import { createOidcTokenVerifier } from '../api/oidc-tokens.ts';
import { createLinkSigner } from '../links/link-signer.ts';
import type { Logger } from '../log.ts';
import { createWebhookQueue, type WebhookQueue } from '../webhooks/webhook-queue.ts';

/** The documents API (/api/v1), with its own short-lived link signer over the same link keys. */
export function apiRouterFromConfig(config: FolioConfig, parts: { db: Database; baseUrl: string; audit: AuditSink }): Router {
  const [active] = config.FOLIO_LINK_KEYS;
  const signer = createLinkSigner({ keys: config.FOLIO_LINK_KEYS, activeKid: active!.kid, ttlSeconds: config.FOLIO_API_LINK_TTL_SECONDS, baseUrl: parts.baseUrl });
  return createApiRouter({
    db: parts.db,
    apiKeys: createApiKeys(parts.db),
    signer,
    audit: parts.audit,
    rateLimitPerMinute: config.FOLIO_API_RATE_LIMIT_PER_MINUTE,
    ...(config.FOLIO_API_OIDC && { oidc: createOidcTokenVerifier(config.FOLIO_API_OIDC) }),
  });
}

/** Outbound webhook deliveries, started with the workers; undefined when FOLIO_OUTBOUND_CONCURRENCY is 0. */
export async function startOutboundWebhooks(config: FolioConfig, db: Database, log: Logger): Promise<WebhookQueue | undefined> {
  if (config.FOLIO_OUTBOUND_CONCURRENCY === 0) return undefined;
  const queue = createWebhookQueue(db, {
    maxAttempts: config.FOLIO_OUTBOUND_MAX_ATTEMPTS,
    retryBaseMs: config.FOLIO_OUTBOUND_RETRY_BASE_MS,
    retryMaxMs: config.FOLIO_OUTBOUND_RETRY_MAX_MS,
    timeoutMs: config.FOLIO_OUTBOUND_TIMEOUT_MS,
    pollMs: config.FOLIO_OUTBOUND_POLL_MS,
    concurrency: config.FOLIO_OUTBOUND_CONCURRENCY,
    onError: (error) => log.warn({ err: error }, 'outbound webhooks'),
  });
  await queue.start();
  return queue;
}
