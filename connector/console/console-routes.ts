import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAdminAuth } from '../admin/admin-auth.ts';
import { sameOriginCheck } from '../admin/admin-routes.ts';
import { problem } from '../http/problem.ts';
import { NothingToRetryError } from '../replay/replay.ts';
import { ActionRefused } from './actions.ts';
import type { ConsoleContext, ConsoleRouteOptions } from './console-context.ts';
import { documentRoutes } from './document-routes.ts';
import { operationsRoutes } from './operations-routes.ts';
import { may, type Permission } from './roles.ts';
import { createConsoleSessions, type ConsoleSession } from './session.ts';
import { signInRoutes } from './signin-routes.ts';
import { CONSOLE_TEMPLATES_DIR, createConsoleViews } from './views.ts';

export type { ConsoleContext, ConsoleExtension, ConsoleRouteOptions } from './console-context.ts';

const CSS = readFileSync(join(CONSOLE_TEMPLATES_DIR, 'console.css'), 'utf8');
const CSS_ETAG = `"${createHash('sha256').update(CSS).digest('base64url').slice(0, 16)}"`;

/** No script anywhere; styles from the one stylesheet; the PDF preview is the one frame, from here. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "frame-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** The notices a redirect may ask for by code. */
const FLASH: Record<string, { kind: 'flash' | 'error'; text: string }> = {
  'resend-sent': { kind: 'flash', text: 'Sent again.' },
  'resend-unconfirmed': { kind: 'error', text: 'The provider may have it already: not sent again.' },
  'resend-failed': { kind: 'error', text: 'The channel refused it: see the delivery attempts.' },
  retried: { kind: 'flash', text: 'Retry queued.' },
  'already-queued': { kind: 'flash', text: 'A job for it is already queued or running.' },
  regenerated: { kind: 'flash', text: 'Regeneration queued: same number, rendered again.' },
  revoked: { kind: 'flash', text: 'Every link issued so far is revoked.' },
};

/**
 * The operator console under /console: sign-in (OpenID Connect, or the admin token), orders and
 * documents, the document view with its actions, failures with Retry, health charts, configuration.
 * Every query is scoped to the operator's retailers; every action checks the role and is audited
 * with the operator's identity; every form carries the session's CSRF token and an Origin check.
 */
export function createConsoleRouter(options: ConsoleRouteOptions): Router {
  const router = Router();
  const views = createConsoleViews();
  const sessions = createConsoleSessions(options.sessionSecret, { secure: options.secureCookies });
  const features = Object.fromEntries((options.extensions ?? []).map((e) => [e.feature, true]));

  const render: ConsoleContext['render'] = (response, name, context) => {
    const session = response.locals['session'] as ConsoleSession | undefined;
    response.type('html').send(views.render(name, { features, ...(session && { operator: session.operator, csrf: session.csrf }), ...context }));
  };
  const sessionOf = (response: Response) => response.locals['session'] as ConsoleSession;
  const refuse: ConsoleContext['refuse'] = (response, status, title, message) => {
    response.status(status);
    render(response, 'message.njk', { title, message, alert: true });
  };
  const context: ConsoleContext = {
    options,
    render,
    refuse,
    sessionOf,
    form: express.urlencoded({ extended: false, limit: '8kb' }),
    sameOrigin: sameOriginCheck(options.publicBaseUrl),
    checkCsrf(request: Request, response: Response, next: NextFunction) {
      if (!sessions.csrfMatches(sessionOf(response), request.body?.csrf)) return refuse(response, 403, 'Refused', 'The form is missing its CSRF token or it is wrong: reload the page and try again.');
      next();
    },
    allow: (permission: Permission) => (_request: Request, response: Response, next: NextFunction) => {
      const { operator } = sessionOf(response);
      if (!may(operator, permission)) return refuse(response, 403, 'Not allowed', `Your role (${operator.role}) may not ${permission === 'configure' ? 'see the configuration' : permission} here.`);
      next();
    },
    flashOf: (request) => (typeof request.query['flash'] === 'string' ? FLASH[request.query['flash']] : undefined),
    notDone(response, error) {
      if (error instanceof ActionRefused || error instanceof NothingToRetryError) return refuse(response, 409, 'Not done', error.message);
      throw error;
    },
  };

  router.use('/console', (_request, response, next) => {
    response.set({
      'content-security-policy': CONSOLE_CSP,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
    });
    next();
  });
  router.get('/console/assets/console.css', (_request, response) => {
    response.set({ 'cache-control': 'public, max-age=300', etag: CSS_ETAG }).type('text/css').send(CSS);
  });

  router.use(signInRoutes(context, sessions, options.adminToken ? createAdminAuth(options.adminToken) : undefined));

  // Everything below needs a session.
  router.use('/console', (request, response, next) => {
    const session = sessions.read(request.headers.cookie);
    if (!session) {
      if (request.method === 'GET') return void response.redirect(303, '/console/login');
      return problem(response, 401, 'unauthorized', 'sign in to the console first');
    }
    response.locals['session'] = session;
    next();
  });
  router.post('/console/logout', context.sameOrigin, context.form, context.checkCsrf, (_request, response) => {
    response.set('set-cookie', sessions.clear).redirect(303, '/console/login');
  });
  router.get('/console', (_request, response) => response.redirect(303, '/console/documents'));

  router.use(documentRoutes(context));
  router.use(operationsRoutes(context));
  for (const extension of options.extensions ?? []) router.use('/console', context.allow('configure'), extension.router(context));
  return router;
}
