import type { PortalLoop } from './portal-loop.ts';

/** A shopper's HTTP client for the portal (no browser): sign in through the mailed link, keep the cookie. */
export interface HttpShopper {
  cookie: string;
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>): Promise<Response>;
}

export const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

/** The session cookie's value from a Set-Cookie header, or undefined. */
export function sessionOf(response: Response): string | undefined {
  return /folio_portal=([^;]+)/.exec(response.headers.getSetCookie().join('\n'))?.[1];
}

/** The magic link's token, after asking for one for this address. */
export async function requestMagicToken(portal: PortalLoop, email: string, portalUrl = portal.portalUrl): Promise<string> {
  const before = portal.smtp.messages.length;
  const asked = await fetch(`${portalUrl}/sign-in`, form({ contact: email }));
  if (asked.status !== 200) throw new Error(`sign-in request answered ${asked.status}`);
  return new URL(await portal.signInLink(email, before)).searchParams.get('t')!;
}

export async function signInOverHttp(portal: PortalLoop, email: string): Promise<HttpShopper> {
  const token = await requestMagicToken(portal, email);
  const used = await fetch(`${portal.portalUrl}/magic`, form({ t: token }));
  const cookie = sessionOf(used);
  if (used.status !== 303 || !cookie) throw new Error(`magic link answered ${used.status}`);
  return withCookie(portal.loop.connector.url, cookie);
}

export function withCookie(origin: string, cookie: string): HttpShopper {
  const headers = { cookie: `folio_portal=${cookie}` };
  return {
    cookie,
    get: (path) => fetch(`${origin}${path}`, { headers, redirect: 'manual' }),
    post: (path, fields) => {
      const request = form(fields);
      return fetch(`${origin}${path}`, { ...request, headers: { ...request.headers, ...headers } });
    },
  };
}
