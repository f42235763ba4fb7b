import { z } from 'zod';

/**
 * What an API key, an OIDC client or a webhook subscription may see: the documents of one retailer of one
 * Fluent account. Every query of the documents API and of the webhook services filters by it.
 */
export const retailerScopeSchema = z.object({
  accountId: z.string().min(1, 'expected the Fluent account id, e.g. ACME'),
  retailerId: z.string().min(1, 'expected the Fluent retailer id, e.g. 1'),
});
export type RetailerScope = z.infer<typeof retailerScopeSchema>;

/** Limits a call to the retailers an operator may manage; left out: every retailer (single-operator admin). */
export interface ScopeFilter {
  scopes?: readonly RetailerScope[];
}

/** `ACME:1`, the form links and the audit trail name a tenant by. */
export function tenantOfScope(scope: RetailerScope): string {
  return `${scope.accountId}:${scope.retailerId}`;
}

/**
 * A SQL condition restricting `alias.account_id, alias.retailer_id` to the given scopes (undefined: every
 * retailer, for a single-operator admin), appending its parameters to `params`. An empty list matches nothing.
 */
export function scopeCondition(scopes: readonly RetailerScope[] | undefined, params: unknown[], alias = ''): string {
  if (scopes === undefined) return 'TRUE';
  if (scopes.length === 0) return 'FALSE';
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return `(${scopes
    .map((scope) => {
      params.push(scope.accountId, scope.retailerId);
      return `(${column('account_id')} = $${params.length - 1} AND ${column('retailer_id')} = $${params.length})`;
    })
    .join(' OR ')})`;
}
