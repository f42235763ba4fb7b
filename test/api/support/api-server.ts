import { Router } from 'express';
import type { AddressInfo } from 'node:net';
import { createApiKeys } from '../../../connector/api/api-keys.ts';
import { createApiRouter } from '../../../connector/api/api-routes.ts';
import type { OidcTokenVerifier } from '../../../connector/api/oidc-tokens.ts';
import { createAuditTrail } from '../../../connector/audit/audit-trail.ts';
import { tenantOfStorageKey } from '../../../connector/core/document-key.ts';
import type { DocumentStore } from '../../../connector/core/ports/document-store.ts';
import type { Database } from '../../../connector/db/database.ts';
import { createHttpServer } from '../../../connector/http/app.ts';
import { problem } from '../../../connector/http/problem.ts';
import { createDocumentRoutes } from '../../../connector/links/document-routes.ts';
import { createLinkSigner } from '../../../connector/links/link-signer.ts';
import { createLinkRevocations } from '../../../connector/links/revocations.ts';

export const LINK_KEYS = [{ kid: 'api-test', secret: 'a link key of at least thirty-two bytes, for tests' }];

export interface ApiServer {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The connector's HTTP server (connector/http/app.ts: its 404 and error answers) with the document link
 * routes and the documents API, wired as start-connector.ts wires them, on a free loopback port.
 */
export async function startApiServer(options: { db: Database; store: DocumentStore; rateLimitPerMinute?: number; oidc?: OidcTokenVerifier; linkTtlSeconds?: number }): Promise<ApiServer> {
  const routes = Router();
  const server = createHttpServer({
    webhook: async (_request, response) => problem(response, 404, 'not found', 'no webhooks in this test'),
    documents: routes,
    readiness: {},
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signerFor = (ttlSeconds: number) => createLinkSigner({ keys: LINK_KEYS, activeKid: 'api-test', ttlSeconds, baseUrl });
  routes.use(createDocumentRoutes({ signer: signerFor(3600), store: options.store, revocations: createLinkRevocations(options.db), audit: createAuditTrail(options.db), tenantOf: tenantOfStorageKey }));
  routes.use(
    createApiRouter({
      db: options.db,
      apiKeys: createApiKeys(options.db),
      signer: signerFor(options.linkTtlSeconds ?? 300),
      audit: createAuditTrail(options.db),
      rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
      ...(options.oidc && { oidc: options.oidc }),
    }),
  );
  return {
    baseUrl,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
