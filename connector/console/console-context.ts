import type express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import type { DocumentStore } from '../core/ports/document-store.ts';
import type { SweepStatus } from '../reconcile/sweeper.ts';
import type { ConsoleActionDeps } from './actions.ts';
import type { OidcSignIn } from './oidc.ts';
import type { Permission } from './roles.ts';
import type { ConsoleSession } from './session.ts';

export interface ConsoleRouteOptions extends ConsoleActionDeps {
  store: DocumentStore;
  /** Signs sessions (FOLIO_CONSOLE_SESSION_SECRET, else derived from the admin token). */
  sessionSecret: string;
  /** Secure cookies: off only where a browser would drop them (plain http away from loopback). */
  secureCookies: boolean;
  oidc?: OidcSignIn;
  /** FOLIO_ADMIN_TOKEN: signs in as admin of every retailer (single-operator setup). */
  adminToken?: string;
  publicBaseUrl?: string;
  sweepStatus?: () => SweepStatus | undefined;
  /** The admin's configuration view: name → value, secrets already left out. */
  configuration?: () => { name: string; value: string }[];
  extensions?: ConsoleExtension[];
}

/** What every group of console routes works with: the options and the page, session and guard helpers. */
export interface ConsoleContext {
  options: ConsoleRouteOptions;
  render(response: Response, name: string, context: Record<string, unknown>): void;
  /** A page saying why not, with its status. */
  refuse(response: Response, status: number, title: string, message: string): void;
  sessionOf(response: Response): ConsoleSession;
  form: express.RequestHandler;
  sameOrigin: express.RequestHandler;
  checkCsrf(request: Request, response: Response, next: NextFunction): void;
  allow(permission: Permission): (request: Request, response: Response, next: NextFunction) => void;
  /** The notice a `?flash=` code names, if it is one of ours (never text from the query). */
  flashOf(request: Request): { kind: 'flash' | 'error'; text: string } | undefined;
  /** An action the console refused (nothing to retry, no channel …) as a 409 page; anything else is rethrown. */
  notDone(response: Response, error: unknown): void;
}

/** Extra console pages other areas' services back (API keys, webhook subscriptions): mounted for admins. */
export interface ConsoleExtension {
  /** Shows its link in the navigation. */
  feature: 'apiKeys' | 'webhooks';
  /** Routes relative to /console. */
  router: (context: ConsoleContext) => Router;
}
