import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

export interface OidcIssuer {
  issuer: string;
  /** An access token of the client-credentials grant, as an ERP would get it. */
  token(clientId: string): Promise<string>;
  close(): Promise<void>;
}

export const API_AUDIENCE = 'folio-api';
const SECRET = 'client-secret-for-the-api-tests-0123456789';

/**
 * A real OpenID Connect provider (oidc-provider) on loopback that issues JWT access tokens for the
 * client-credentials grant, audience `folio-api`, signed with its own keys (published at its JWKS).
 */
export async function startOidcIssuer(clientIds: string[]): Promise<OidcIssuer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: clientIds.map((id) => ({ client_id: id, client_secret: SECRET, grant_types: ['client_credentials'], redirect_uris: [], response_types: [], token_endpoint_auth_method: 'client_secret_basic' })),
    ttl: { ClientCredentials: 600 },
    features: {
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:folio:api',
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'documents:read', audience: API_AUDIENCE, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
  });
  provider.proxy = false;
  server.on('request', provider.callback());
  return {
    issuer,
    async token(clientId) {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${SECRET}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'documents:read', resource: 'urn:folio:api' }),
      });
      const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!body.access_token) throw new Error(`no token for ${clientId}: ${body.error} ${body.error_description}`);
      return body.access_token;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
