import type { Operator } from './roles.ts';

/**
 * The SQL condition that keeps an operator inside their retailers, on a table with account_id and
 * retailer_id columns: every console query goes through it. Parameters are appended to `params`.
 */
export function tenantCondition(operator: Pick<Operator, 'retailers'>, params: unknown[], alias = ''): string {
  return tenantConditionOn(operator, params, `${alias}account_id`, `${alias}retailer_id`);
}

/** Same, over any two SQL expressions naming the account and the retailer. */
export function tenantConditionOn(operator: Pick<Operator, 'retailers'>, params: unknown[], account: string, retailer: string): string {
  if (operator.retailers.includes('*')) return 'true';
  const pairs = operator.retailers.map((tenant) => {
    params.push(...splitTenant(tenant));
    return `(${account} = $${params.length - 1} AND ${retailer} = $${params.length})`;
  });
  return pairs.length ? `(${pairs.join(' OR ')})` : 'false';
}

/** Same, for tables that name the tenant as one `ACCOUNT:RETAILER` text column (audit trail). */
export function tenantTextCondition(operator: Pick<Operator, 'retailers'>, params: unknown[], column: string): string {
  if (operator.retailers.includes('*')) return 'true';
  params.push([...operator.retailers]);
  return `${column} = ANY($${params.length}::text[])`;
}

export function splitTenant(tenant: string): [string, string] {
  const at = tenant.indexOf(':');
  return [tenant.slice(0, at), tenant.slice(at + 1)];
}
