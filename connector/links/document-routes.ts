import { Router, type Request, type Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { AuditSink } from '../core/ports/audit-sink.ts';
import { PermanentError } from '../core/errors.ts';
import { contentDisposition } from '../store/content-disposition.ts';
import type { DocumentStore } from '../core/ports/document-store.ts';
import { fileNameOfKey, retailerOfKey } from '../store/object-key.ts';
import { sendErrorPage } from './error-page.ts';
import { LinkTokenError, type LinkClaims, type LinkPurpose, type LinkSigner } from './link-signer.ts';
import type { LinkRevocations } from './revocations.ts';

export interface DocumentRoutesOptions {
  signer: LinkSigner;
  store: DocumentStore;
  revocations: LinkRevocations;
  audit: AuditSink;
  /** The tenant that owns a document; by default the key's first segment (keys are `<retailer>/…`). */
  tenantOf?: (documentKey: string) => string | undefined | Promise<string | undefined>;
  /** Redirect to the store's own short-lived URL when it has one (Azure SAS) instead of streaming. */
  redirectToStore?: boolean;
  /** Lifetime of that redirect URL: only long enough for the browser to follow it. */
  storeUrlTtlSeconds?: number;
}

/** GET /documents/view?t=… and /documents/download?t=…: the links Folio writes onto Fluent entities. */
export function createDocumentRoutes(options: DocumentRoutesOptions): Router {
  const router = Router();
  router.get('/documents/view', (request, response) => serve(options, 'view', request, response));
  router.get('/documents/download', (request, response) => serve(options, 'download', request, response));
  return router;
}

async function serve(options: DocumentRoutesOptions, purpose: LinkPurpose, request: Request, response: Response): Promise<void> {
  // The token is in the URL: keep it out of Referer headers and caches.
  response.set({ 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
  const token = typeof request.query.t === 'string' ? request.query.t : '';
  if (!token) return sendErrorPage(response, 401, 'Link incomplete', 'This document link is missing its access code. Please use the complete link you received.');

  let claims: LinkClaims;
  try {
    claims = options.signer.verify(token);
  } catch (error) {
    if (!(error instanceof LinkTokenError)) throw error;
    if (error.reason === 'expired' && error.claims) {
      await deny(options, error.claims, 'expired');
      return sendErrorPage(response, 401, 'Link expired', 'This document link has expired. Please ask for a new link, or open the document from your account.');
    }
    return sendErrorPage(response, 401, 'Invalid link', 'This document link is not valid. It may have been changed or cut off.');
  }

  if (claims.purpose !== purpose) {
    await deny(options, claims, 'wrong-purpose');
    return sendErrorPage(response, 403, 'Wrong link', `This link is for ${claims.purpose === 'view' ? 'viewing' : 'downloading'} the document, not for ${purpose === 'view' ? 'viewing' : 'downloading'} it.`);
  }
  if (await options.revocations.isRevoked(claims.documentKey, claims.issuedAt)) {
    await deny(options, claims, 'revoked');
    return sendErrorPage(response, 410, 'Link withdrawn', 'This document link has been withdrawn. Please ask for a new link.');
  }
  const owner = (await options.tenantOf?.(claims.documentKey)) ?? retailerOfKey(claims.documentKey);
  if (owner !== claims.tenant) {
    await deny(options, claims, 'other-tenant');
    return sendErrorPage(response, 403, 'Access denied', 'This link does not give access to this document.');
  }

  const fileName = claims.fileName ?? fileNameOfKey(claims.documentKey);
  const disposition = purpose === 'view' ? 'inline' : 'attachment';
  const redirect = options.store.sasUrl && options.redirectToStore !== false;
  // The access is recorded before any byte leaves: if the trail cannot be written, nothing is served.
  try {
    await options.audit.record({
      step: 'accessed', documentKey: claims.documentKey, tenant: claims.tenant,
      details: { purpose, jti: claims.jti, via: redirect ? 'redirect' : 'stream' },
    });
  } catch {
    return sendErrorPage(response, 503, 'Try again shortly', 'The document cannot be opened right now. Please try again in a few minutes.');
  }

  try {
    if (redirect) {
      const url = await options.store.sasUrl!(claims.documentKey, options.storeUrlTtlSeconds ?? 60, { disposition, fileName });
      return response.redirect(302, url);
    }
    const opened = await options.store.open(claims.documentKey);
    response.status(200).set({
      'Content-Type': opened.contentType,
      'Content-Length': String(opened.size),
      'Content-Disposition': contentDisposition(disposition, fileName),
    });
    await pipeline(opened.stream, response);
  } catch (error) {
    if (response.headersSent) return void response.destroy(error as Error);
    if (error instanceof PermanentError) return sendErrorPage(response, 404, 'Document not found', 'This document is no longer available.');
    return sendErrorPage(response, 503, 'Try again shortly', 'The document cannot be opened right now. Please try again in a few minutes.');
  }
}

/** Refusals of genuine links are part of the trail too (who tried an expired or revoked link, and when). */
async function deny(options: DocumentRoutesOptions, claims: LinkClaims, reason: string): Promise<void> {
  await options.audit
    .record({ step: 'access-denied', documentKey: claims.documentKey, tenant: claims.tenant, details: { purpose: claims.purpose, jti: claims.jti, reason } })
    // A refusal is answered either way; a trail outage must not turn a 410 into a 500.
    .catch(() => undefined);
}
