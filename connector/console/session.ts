import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { equalStrings, readCookie } from '../admin/admin-auth.ts';
import { CONSOLE_ROLES } from '../config/console.ts';
import type { Operator } from './roles.ts';

/**
 * Console sessions, stateless like /admin's: the cookie is `<payload>.<mac>`, the payload the operator
 * (subject, name, role, retailers), an expiry and a nonce, MACed with a key derived from the session
 * secret. Any process with the secret accepts it; changing the secret ends every session. Each session
 * has its own CSRF token derived from its nonce, which every form must carry.
 *
 * The sign-in transaction (state, nonce, PKCE verifier) is a second, short-lived cookie, MACed the same
 * way, sent only to the callback.
 */
export const SESSION_COOKIE = 'folio_console';
const TRANSACTION_COOKIE = 'folio_console_signin';
const SESSION_SECONDS = 8 * 60 * 60;
const TRANSACTION_SECONDS = 10 * 60;

const sessionPayload = z.object({
  s: z.string(),
  n: z.string(),
  r: z.enum(CONSOLE_ROLES),
  t: z.array(z.string()).min(1),
  e: z.number().int(),
  k: z.string().min(16),
});
const transactionPayload = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), e: z.number().int() });
export type SignInTransaction = Omit<z.infer<typeof transactionPayload>, 'e'>;

export interface ConsoleSession {
  operator: Operator;
  csrf: string;
}

export interface ConsoleSessions {
  /** The Set-Cookie value of a new session for this operator. */
  start(operator: Operator, now?: number): string;
  read(cookieHeader: string | undefined, now?: number): ConsoleSession | undefined;
  /** Set-Cookie that ends the session. */
  readonly clear: string;
  beginSignIn(transaction: SignInTransaction, now?: number): string;
  readSignIn(cookieHeader: string | undefined, now?: number): SignInTransaction | undefined;
  readonly clearSignIn: string;
  csrfMatches(session: ConsoleSession, submitted: unknown): boolean;
}

export function createConsoleSessions(secret: string, options: { secure: boolean }): ConsoleSessions {
  const key = (purpose: string) => createHmac('sha256', secret).update(`folio console ${purpose}`).digest();
  const sessionKey = key('session');
  const transactionKey = key('sign-in');
  const csrfKey = key('csrf');
  const secure = options.secure ? '; Secure' : '';

  const seal = (macKey: Buffer, payload: object) => {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${createHmac('sha256', macKey).update(body).digest('base64url')}`;
  };
  const open = (macKey: Buffer, value: string | undefined): unknown => {
    if (!value) return undefined;
    const [body, mac] = value.split('.');
    if (!body || !mac || !equalStrings(createHmac('sha256', macKey).update(body).digest('base64url'), mac)) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  };
  const csrfFor = (nonce: string) => createHmac('sha256', csrfKey).update(nonce).digest('base64url');

  return {
    start(operator, now = Date.now()) {
      const payload = { s: operator.subject, n: operator.name, r: operator.role, t: [...operator.retailers], e: Math.floor(now / 1000) + SESSION_SECONDS, k: randomBytes(18).toString('base64url') };
      return `${SESSION_COOKIE}=${seal(sessionKey, payload)}; Path=/console; HttpOnly${secure}; SameSite=Strict; Max-Age=${SESSION_SECONDS}`;
    },
    read(cookieHeader, now = Date.now()) {
      const parsed = sessionPayload.safeParse(open(sessionKey, readCookie(cookieHeader, SESSION_COOKIE)));
      if (!parsed.success || parsed.data.e * 1000 <= now) return undefined;
      const { s, n, r, t, k } = parsed.data;
      return { operator: { subject: s, name: n, role: r, retailers: t }, csrf: csrfFor(k) };
    },
    clear: `${SESSION_COOKIE}=; Path=/console; HttpOnly${secure}; SameSite=Strict; Max-Age=0`,
    // Lax: the identity provider sends the browser back with a cross-site redirect, which Strict would strip.
    beginSignIn(transaction, now = Date.now()) {
      const value = seal(transactionKey, { ...transaction, e: Math.floor(now / 1000) + TRANSACTION_SECONDS });
      return `${TRANSACTION_COOKIE}=${value}; Path=/console/callback; HttpOnly${secure}; SameSite=Lax; Max-Age=${TRANSACTION_SECONDS}`;
    },
    readSignIn(cookieHeader, now = Date.now()) {
      const parsed = transactionPayload.safeParse(open(transactionKey, readCookie(cookieHeader, TRANSACTION_COOKIE)));
      if (!parsed.success || parsed.data.e * 1000 <= now) return undefined;
      const { state, nonce, verifier } = parsed.data;
      return { state, nonce, verifier };
    },
    clearSignIn: `${TRANSACTION_COOKIE}=; Path=/console/callback; HttpOnly${secure}; SameSite=Lax; Max-Age=0`,
    csrfMatches: (session, submitted) => typeof submitted === 'string' && equalStrings(session.csrf, submitted),
  };
}
