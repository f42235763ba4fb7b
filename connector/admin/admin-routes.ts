import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { problem } from '../http/problem.ts';
import { countReportedFailures, listFailures } from '../replay/failures.ts';
import { NothingToRetryError, retryDocument, type ReplayDeps } from '../replay/replay.ts';
import { CLEAR_SESSION_COOKIE, createAdminAuth, type AdminAuth } from './admin-auth.ts';
import { CONTENT_SECURITY_POLICY, failuresPage, loginPage } from './admin-page.ts';
import type { SweepStatus } from '../reconcile/sweeper.ts';
import { staleRequestsSection } from './stale-requests-section.ts';

export interface AdminRouteOptions extends ReplayDeps {
  /** FOLIO_ADMIN_TOKEN. Without one, do not mount this router: /admin then answers 404. */
  token: string;
  /** The connector's public URL (behind a proxy the Host header may differ), for the Origin check. */
  publicBaseUrl?: string;
  /** The reconciliation sweep's last findings, when this process sweeps. */
  sweepStatus?: () => SweepStatus | undefined;
}

type Identity = NonNullable<ReturnType<AdminAuth['identify']>>;

/**
 * /admin (page) and /admin/api, /admin/documents/:key/retry (API). The page needs a session from the
 * login form; the API takes the bearer token, or a session plus its CSRF token (the page's forms).
 */
export function createAdminRouter(options: AdminRouteOptions): Router {
  const auth = createAdminAuth(options.token);
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const sameOrigin = sameOriginCheck(options.publicBaseUrl);

  router.use('/admin', (_request, response, next) => {
    response.set({
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on POSTs.
      'referrer-policy': 'same-origin',
    });
    next();
  });

  router.get('/admin', async (request, response) => {
    const who = auth.identify(request);
    if (!who || who.via !== 'session') return void response.type('html').send(loginPage());
    const [failures, tileCount] = await Promise.all([listFailures(options.db, options), countReportedFailures(options.db)]);
    const retried = typeof request.query.retried === 'string' ? request.query.retried : undefined;
    const flash = retried ? { kind: 'flash' as const, text: `Retry queued for ${retried}` } : undefined;
    const sections = [staleRequestsSection(options.sweepStatus?.())];
    response.type('html').send(failuresPage({ failures, tileCount, csrf: who.csrf, sections, ...(flash && { flash }) }));
  });

  router.post('/admin/login', sameOrigin, form, (request, response) => {
    const token = typeof request.body?.token === 'string' ? request.body.token : '';
    if (!auth.tokenMatches(token)) return void response.status(401).type('html').send(loginPage('That token is not right.'));
    response.set('set-cookie', auth.newSession().cookie).redirect(303, '/admin');
  });

  router.post('/admin/logout', sameOrigin, form, (request, response) => {
    const who = auth.identify(request);
    if (who?.via === 'session' && !auth.csrfMatches(who.csrf, request.body?.csrf)) return problem(response, 403, 'forbidden', 'missing or wrong CSRF token');
    response.set('set-cookie', CLEAR_SESSION_COOKIE).redirect(303, '/admin');
  });

  router.get('/admin/api/failures', async (request, response) => {
    if (!auth.identify(request)) return problem(response, 401, 'unauthorized', 'admin token required');
    const [failures, tileCount] = await Promise.all([listFailures(options.db, options), countReportedFailures(options.db)]);
    response.json({ tileCount, failures });
  });

  router.get('/admin/api/stale-requests', (request, response) => {
    if (!auth.identify(request)) return problem(response, 401, 'unauthorized', 'admin token required');
    const status = options.sweepStatus?.();
    response.json(status ?? { off: true });
  });

  router.post('/admin/documents/:key/retry', sameOrigin, form, async (request: Request<{ key: string }>, response) => {
    const who: Identity | undefined = auth.identify(request);
    if (!who) return problem(response, 401, 'unauthorized', 'admin token required');
    if (who.via === 'session' && !auth.csrfMatches(who.csrf, request.body?.csrf)) return problem(response, 403, 'forbidden', 'missing or wrong CSRF token');
    const target = request.params.key;
    try {
      const result = await retryDocument(options, target, who.via === 'bearer' ? 'admin API' : 'admin page');
      if (who.via === 'session') return void response.redirect(303, `/admin?retried=${encodeURIComponent(target)}`);
      response.status(result.status === 'queued' ? 202 : 200).json({ status: result.status, inboxKey: result.inboxKey, jobId: result.jobId });
    } catch (error) {
      if (error instanceof NothingToRetryError) return problem(response, 404, 'nothing to retry', error.message);
      throw error;
    }
  });

  return router;
}

/**
 * A browser names the page that sent a POST in Origin; refuse one from elsewhere. Belt and braces
 * next to SameSite=Strict and the CSRF token. Scripts send no Origin and pass.
 */
export function sameOriginCheck(publicBaseUrl: string | undefined) {
  const publicHost = publicBaseUrl ? new URL(publicBaseUrl).host : undefined;
  return (request: Request, response: Response, next: NextFunction): void => {
    const origin = request.headers.origin;
    if (origin) {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {
        host = undefined;
      }
      const allowed = [request.headers.host, publicHost].filter(Boolean);
      if (!host || !allowed.includes(host)) return problem(response, 403, 'forbidden', 'cross-origin request refused');
    }
    next();
  };
}
