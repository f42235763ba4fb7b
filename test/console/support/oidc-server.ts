import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider) on loopback, with its development login and consent
 * pages: any login name signs in as that person. People are known by login; each has the claims the
 * console maps to a role (folio_role, folio_retailers).
 */
export interface TestPerson {
  email: string;
  name: string;
  folio_role?: string;
  folio_retailers?: string[];
}

export interface OidcServer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export async function startOidcServer(options: { redirectUri: string; people: Record<string, TestPerson> }): Promise<OidcServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'folio-console';
  const clientSecret = 'console-client-secret-for-tests-0123456789';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [options.redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    claims: { openid: ['sub'], email: ['email'], profile: ['name', 'folio_role', 'folio_retailers'] },
    // The role claims go into the ID token itself, as many company providers are set up to do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['oidc-cookie-key-for-tests-0123456789'] },
    findAccount: (_ctx: unknown, id: string) => {
      const person = options.people[id];
      if (!person) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...person }) };
    },
  });
  provider.proxy = false;
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
