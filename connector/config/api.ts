import { z } from 'zod';
import { retailerScopeSchema } from '../api/retailer-scope.ts';
import { jsonText, positiveInt } from './values.ts';

const OIDC_EXAMPLE = '{"issuer":"https://idp.example.com","audience":"folio-api","clients":{"erp":{"accountId":"ACME","retailerId":"1"}}}';

/**
 * OIDC client credentials for the documents API: access tokens (JWTs) of `issuer` for `audience`, each
 * client (the token's client_id, else azp, else sub) mapped here to the one retailer it may read.
 */
export const apiOidcSchema = z.object({
  issuer: z.url('expected the issuer URL, e.g. https://idp.example.com'),
  audience: z.string().min(1, 'expected the audience the tokens are issued for, e.g. folio-api'),
  /** Where the signing keys are; by default from the issuer's /.well-known/openid-configuration. */
  jwksUri: z.url().optional(),
  clients: z.record(z.string().min(1), retailerScopeSchema).refine((clients) => Object.keys(clients).length > 0, 'map at least one client id to its retailer'),
  /** Allowed clock difference with the issuer, in seconds. */
  clockToleranceSeconds: z.number().int().min(0).max(300).default(30),
});
export type ApiOidcConfig = z.output<typeof apiOidcSchema>;

/** The documents API under /api/v1: rate limits, download links, and OIDC client credentials. */
export const apiVariables = {
  /** Requests per minute per API key or OIDC client, unless the key has its own limit. */
  FOLIO_API_RATE_LIMIT_PER_MINUTE: positiveInt(600),
  /** How long a download link from the API lives. */
  FOLIO_API_LINK_TTL_SECONDS: positiveInt(300),
  FOLIO_API_OIDC: jsonText(apiOidcSchema, OIDC_EXAMPLE, 'the OIDC issuer, audience and clients of the documents API').optional(),
};
