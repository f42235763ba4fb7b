import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { ApiOidcConfig } from '../config/api.ts';
import { withDeadline } from '../core/deadline.ts';
import type { RetailerScope } from './retailer-scope.ts';

export interface OidcClient {
  clientId: string;
  scope: RetailerScope;
}

export type OidcVerdict = { ok: true; client: OidcClient } | { ok: false; status: 401 | 403; reason: string };

export interface OidcTokenVerifier {
  verify(token: string): Promise<OidcVerdict>;
}

const discoverySchema = z.object({ issuer: z.string(), jwks_uri: z.url() });

/**
 * Access tokens of the OIDC client-credentials grant, as JWTs: signature checked against the issuer's
 * JWKS (fetched and cached by jose, refetched for an unknown key id), issuer, audience and expiry
 * checked, and the client mapped to its one retailer by configuration, never by a claim it could choose.
 */
export function createOidcTokenVerifier(config: ApiOidcConfig): OidcTokenVerifier {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const jwks = () => {
    keys ??= discoverJwksUri(config).then((uri) => createRemoteJWKSet(new URL(uri)));
    // A failed discovery is not remembered: the next request tries again.
    keys.catch(() => (keys = undefined));
    return keys;
  };
  return {
    async verify(token) {
      // An issuer that cannot be reached is our outage (503 by the error handler), not a bad token.
      const getKey = await jwks();
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          issuer: config.issuer,
          audience: config.audience,
          clockTolerance: config.clockToleranceSeconds,
          // Asymmetric only: an HMAC token would be verified with a public key as its secret.
          algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
        }));
      } catch (error) {
        return { ok: false, status: 401, reason: `the bearer token does not verify (${(error as Error).message})` };
      }
      const clientId = [payload.client_id, payload.azp, payload.sub].find((value): value is string => typeof value === 'string' && value.length > 0);
      const scope = clientId === undefined ? undefined : config.clients[clientId];
      if (!clientId || !scope) return { ok: false, status: 403, reason: 'this client has no retailer in FOLIO_API_OIDC.clients' };
      return { ok: true, client: { clientId, scope } };
    },
  };
}

async function discoverJwksUri(config: ApiOidcConfig): Promise<string> {
  if (config.jwksUri) return config.jwksUri;
  const url = `${config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const discovery = await withDeadline(10_000, async (signal) => {
    const response = await fetch(url, { signal });
    if (!response.ok) throw new Error(`OIDC discovery at ${url} answered ${response.status}`);
    return response.json();
  });
  return discoverySchema.parse(discovery).jwks_uri;
}
