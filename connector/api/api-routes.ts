import { Router, type NextFunction, type Request, type Response } from 'express';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AuditSink } from '../core/ports/audit-sink.ts';
import type { Queryable } from '../db/database.ts';
import { problem } from '../http/problem.ts';
import type { LinkSigner } from '../links/link-signer.ts';
import type { ApiKeys } from './api-keys.ts';
import { authenticate, type ApiPrincipal } from './authenticate.ts';
import { CursorError } from './cursor.ts';
import { documentListQuerySchema, findDocument, listDocuments, type FoundDocument } from './document-queries.ts';
import type { OidcTokenVerifier } from './oidc-tokens.ts';
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts';

export const API_BASE = '/api/v1';
export const OPENAPI_PATH = new URL('./openapi.json', import.meta.url);

export interface ApiRouterOptions {
  db: Queryable;
  apiKeys: ApiKeys;
  /** Signs the API's short-lived download links (FOLIO_API_LINK_TTL_SECONDS); the same keys as every link. */
  signer: LinkSigner;
  oidc?: OidcTokenVerifier;
  rateLimitPerMinute: number;
  limiter?: RateLimiter;
  /** Reads of a document's model (it names the buyer) and links given out are recorded, with the caller. */
  audit: AuditSink;
}

/** The documents API, version 1: what openapi.json beside this file describes, and nothing else. */
export function createApiRouter(options: ApiRouterOptions): Router {
  const openapi = readFileSync(OPENAPI_PATH, 'utf8');
  const router = Router();
  router.use(API_BASE, (_request, response, next) => {
    response.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    next();
  });
  router.get(`${API_BASE}/openapi.json`, (_request, response) => {
    response.type('application/json').send(openapi);
  });
  router.use(API_BASE, authenticate({ apiKeys: options.apiKeys, ...(options.oidc && { oidc: options.oidc }), limiter: options.limiter ?? createRateLimiter(), defaultRateLimitPerMinute: options.rateLimitPerMinute }));

  router.get(`${API_BASE}/documents`, handle(async (request, response, principal) => {
    const query = documentListQuerySchema.safeParse(request.query);
    if (!query.success) return problem(response, 400, 'bad request', describeIssues(query.error));
    response.json(await listDocuments(options.db, principal.scope, query.data));
  }));

  router.get(`${API_BASE}/documents/:id`, handle(async (request, response, principal) => {
    const found = await findDocument(options.db, principal.scope, String(request.params.id));
    if (!found) return notFound(response);
    response.json(found.summary);
  }));

  router.get(`${API_BASE}/documents/:id/model`, handle(async (request, response, principal) => {
    const found = await findDocument(options.db, principal.scope, String(request.params.id));
    if (!found) return notFound(response);
    if (!found.model) return problem(response, 404, 'not found', 'Folio kept no model for this document (made before version 1 of the API); its PDF is still available');
    await recordAccess(options.audit, found, principal, 'api-model');
    response.json({ id: found.summary.id, number: found.summary.number, model: found.model });
  }));

  router.post(`${API_BASE}/documents/:id/links`, handle(async (request, response, principal) => {
    const found = await findDocument(options.db, principal.scope, String(request.params.id));
    if (!found) return notFound(response);
    if (!found.stored) return problem(response, 409, 'conflict', 'the document has no stored file yet (see its status)');
    const fileName = `${found.summary.number}.pdf`;
    await recordAccess(options.audit, found, principal, 'api-links');
    const { viewUrl, downloadUrl, expiresAt } = options.signer.linksFor({ key: found.stored.key, tenant: found.tenant, fileName });
    response.status(201).json({ viewUrl, downloadUrl, expiresAt: expiresAt.toISOString() });
  }));

  router.use(API_BASE, (_request, response) => problem(response, 404, 'not found', 'no such endpoint in version 1 of the documents API (see /api/v1/openapi.json)'));
  return router;
}

type Handler = (request: Request, response: Response, principal: ApiPrincipal) => Promise<void>;

function handle(handler: Handler) {
  return (request: Request, response: Response, next: NextFunction) => {
    handler(request, response, response.locals.principal as ApiPrincipal).catch((error: unknown) => {
      if (error instanceof CursorError) return problem(response, 400, 'bad request', error.message);
      next(error);
    });
  };
}

/** Recorded before anything is answered: if the trail cannot be written, nothing is served (503). */
async function recordAccess(audit: AuditSink, found: FoundDocument, principal: ApiPrincipal, purpose: string): Promise<void> {
  await audit.record({
    step: 'accessed',
    ...(found.stored ? { documentKey: found.stored.key } : {}),
    entityRef: String(found.summary.entityRef),
    tenant: found.tenant,
    details: { purpose, via: 'api', caller: principal.id },
  });
}

/** Another retailer's document is answered exactly like one that does not exist. */
function notFound(response: Response): void {
  problem(response, 404, 'not found', 'no such document');
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}
