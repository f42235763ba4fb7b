import type { NextFunction, Request, Response } from 'express';
import { problem } from '../http/problem.ts';
import type { ApiKeys } from './api-keys.ts';
import type { OidcTokenVerifier } from './oidc-tokens.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { RetailerScope } from './retailer-scope.ts';

/** Who is calling: an API key or an OIDC client, and the one retailer it reads. */
export interface ApiPrincipal {
  /** `key:<id>` or `client:<client id>`: the rate limit's bucket. */
  id: string;
  scope: RetailerScope;
  rateLimitPerMinute: number;
}

export interface AuthenticateOptions {
  apiKeys: ApiKeys;
  /** Absent: bearer tokens other than API keys are refused. */
  oidc?: OidcTokenVerifier;
  limiter: RateLimiter;
  defaultRateLimitPerMinute: number;
}

/**
 * `Authorization: Bearer <API key or OIDC access token>`. An API key looks like `folio_<id>_<secret>`;
 * anything else is verified as a JWT of the configured issuer. Then the caller's rate limit: 429 with
 * Retry-After once its bucket is empty.
 */
export function authenticate(options: AuthenticateOptions) {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.get('authorization') ?? '');
    if (!match) return unauthorized(response, 'send Authorization: Bearer with an API key or an OIDC access token');
    const token = match[1]!;
    let principal: ApiPrincipal;
    if (token.startsWith('folio_')) {
      const key = await options.apiKeys.authenticate(token);
      if (!key) return unauthorized(response, 'the API key is unknown or revoked');
      principal = { id: `key:${key.id}`, scope: { accountId: key.accountId, retailerId: key.retailerId }, rateLimitPerMinute: key.rateLimitPerMinute ?? options.defaultRateLimitPerMinute };
    } else {
      if (!options.oidc) return unauthorized(response, 'the token is not an API key, and no OIDC issuer is configured');
      const verdict = await options.oidc.verify(token);
      if (!verdict.ok) return verdict.status === 401 ? unauthorized(response, verdict.reason) : problem(response, 403, 'forbidden', verdict.reason);
      principal = { id: `client:${verdict.client.clientId}`, scope: verdict.client.scope, rateLimitPerMinute: options.defaultRateLimitPerMinute };
    }
    const rate = options.limiter.take(principal.id, principal.rateLimitPerMinute);
    response.set({ 'RateLimit-Limit': String(rate.limit), 'RateLimit-Remaining': String(rate.remaining) });
    if (!rate.allowed) {
      response.set('Retry-After', String(rate.retryAfterSeconds));
      return problem(response, 429, 'too many requests', `this key may make ${rate.limit} requests a minute; retry after ${rate.retryAfterSeconds} s`);
    }
    response.locals.principal = principal;
    next();
  };
}

function unauthorized(response: Response, detail: string): void {
  response.set('WWW-Authenticate', 'Bearer realm="folio-api"');
  problem(response, 401, 'unauthorized', detail);
}
