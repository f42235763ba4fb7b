import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/**
 * Who may use the admin page and API: whoever holds FOLIO_ADMIN_TOKEN, shown either as
 * `Authorization: Bearer <token>` (scripts, the API) or once in a login form, which then sets a
 * session cookie (HttpOnly, SameSite=Strict, Path=/admin).
 *
 * Sessions are stateless: the cookie is `<nonce>.<expiry>.<mac>`, MACed with a key derived from the
 * admin token. Every connector process sharing the token accepts it (no session table, works behind a
 * load balancer and across restarts), and changing the token ends every session.
 *
 * Each session has its own CSRF token, also derived from the nonce, that state-changing forms must
 * carry. SameSite=Strict already keeps other sites' forms from sending the cookie; the per-session
 * token covers what SameSite does not (same-site subdomains, old browsers).
 */
export const SESSION_COOKIE = 'folio_admin';
const SESSION_SECONDS = 8 * 60 * 60;

export interface AdminAuth {
  /** Constant-time comparison with the configured token. */
  tokenMatches(candidate: string): boolean;
  /** A new session: the Set-Cookie value and its CSRF token. */
  newSession(now?: number): { cookie: string; csrf: string };
  /** The request's identity: via bearer token (no CSRF needed) or a valid session cookie (with its CSRF token). */
  identify(request: Request, now?: number): { via: 'bearer' } | { via: 'session'; csrf: string } | undefined;
  /** Constant-time check of a submitted CSRF token against the session's. */
  csrfMatches(expected: string, submitted: unknown): boolean;
}

export function createAdminAuth(token: string): AdminAuth {
  // Separate keys for the cookie MAC and CSRF tokens, neither of them the token itself.
  const sessionKey = createHmac('sha256', token).update('folio admin session').digest();
  const csrfKey = createHmac('sha256', token).update('folio admin csrf').digest();
  const tokenDigest = digest(token);

  const mac = (payload: string) => createHmac('sha256', sessionKey).update(payload).digest('base64url');
  const csrfFor = (nonce: string) => createHmac('sha256', csrfKey).update(nonce).digest('base64url');

  function sessionFrom(cookieHeader: string | undefined, now: number): { csrf: string } | undefined {
    const value = readCookie(cookieHeader, SESSION_COOKIE);
    if (!value) return undefined;
    const [nonce, expiry, signature] = value.split('.');
    if (!nonce || !expiry || !signature) return undefined;
    if (!equalStrings(mac(`${nonce}.${expiry}`), signature)) return undefined;
    if (!(Number(expiry) * 1000 > now)) return undefined;
    return { csrf: csrfFor(nonce) };
  }

  return {
    // Both sides hashed first: timingSafeEqual needs equal lengths, and this leaks no length either.
    tokenMatches: (candidate) => timingSafeEqual(digest(candidate), tokenDigest),
    newSession(now = Date.now()) {
      const nonce = randomBytes(24).toString('base64url');
      const expiry = String(Math.floor(now / 1000) + SESSION_SECONDS);
      const value = `${nonce}.${expiry}.${mac(`${nonce}.${expiry}`)}`;
      return {
        cookie: `${SESSION_COOKIE}=${value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}`,
        csrf: csrfFor(nonce),
      };
    },
    identify(request, now = Date.now()) {
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) return this.tokenMatches(header.slice(7).trim()) ? { via: 'bearer' } : undefined;
      const session = sessionFrom(request.headers.cookie, now);
      return session && { via: 'session', csrf: session.csrf };
    },
    csrfMatches: (expected, submitted) => typeof submitted === 'string' && equalStrings(expected, submitted),
  };
}

/** The cookie that ends a session in the browser. */
export const CLEAR_SESSION_COOKIE = `${SESSION_COOKIE}=; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=0`;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time string comparison (both sides hashed first, so lengths leak nothing either). */
export function equalStrings(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
