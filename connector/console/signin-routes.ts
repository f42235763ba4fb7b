import { Router, type Response } from 'express';
import type { AdminAuth } from '../admin/admin-auth.ts';
import type { ConsoleContext } from './console-context.ts';
import { SignInError } from './oidc.ts';
import { adminTokenOperator } from './roles.ts';
import type { ConsoleSessions } from './session.ts';

/** Signing in: OpenID Connect (begin, callback) and the admin token's form. Needs no session. */
export function signInRoutes({ options, render, refuse, form, sameOrigin }: ConsoleContext, sessions: ConsoleSessions, adminAuth: AdminAuth | undefined): Router {
  const router = Router();
  const loginPage = (response: Response, error?: string) => render(response, 'login.njk', { title: 'Sign in', oidc: Boolean(options.oidc), adminToken: Boolean(adminAuth), ...(error && { error }) });

  router.get('/console/login', (_request, response) => loginPage(response));

  router.get('/console/login/oidc', async (_request, response) => {
    if (!options.oidc) return refuse(response, 404, 'Not configured', 'OpenID Connect sign-in is not configured (FOLIO_CONSOLE_ISSUER).');
    try {
      const { url, transaction } = await options.oidc.begin();
      response.set('set-cookie', sessions.beginSignIn(transaction)).redirect(303, url);
    } catch (error) {
      response.status(503);
      loginPage(response, (error as Error).message);
    }
  });

  router.get('/console/callback', async (request, response) => {
    if (!options.oidc) return refuse(response, 404, 'Not configured', 'OpenID Connect sign-in is not configured (FOLIO_CONSOLE_ISSUER).');
    const transaction = sessions.readSignIn(request.headers.cookie);
    if (!transaction) {
      response.status(400);
      return loginPage(response, 'The sign-in took too long or was started in another browser: sign in again.');
    }
    try {
      const operator = await options.oidc.complete(new URL(request.originalUrl, 'http://callback').search, transaction);
      response.set('set-cookie', [sessions.clearSignIn, sessions.start(operator)]);
      // A page, not a redirect: the browser arrived from the provider's site, and a SameSite=Strict
      // cookie is sent only on a navigation that starts here.
      render(response, 'signed-in.njk', { title: 'Signed in' });
    } catch (error) {
      if (!(error instanceof SignInError)) throw error;
      response.status(403).set('set-cookie', sessions.clearSignIn);
      loginPage(response, error.message);
    }
  });

  router.post('/console/login/token', sameOrigin, form, (request, response) => {
    const token = typeof request.body?.token === 'string' ? request.body.token : '';
    if (!adminAuth || !adminAuth.tokenMatches(token)) {
      response.status(401);
      return loginPage(response, 'That token is not right.');
    }
    response.set('set-cookie', sessions.start(adminTokenOperator())).redirect(303, '/console/documents');
  });

  return router;
}
