import type { ConsoleRole, OperatorGrant, RoleMapping } from '../config/console.ts';

/** What an operator may do in the console. */
export type Permission = 'read' | 'resend' | 'retry' | 'regenerate' | 'revoke' | 'configure';

const PERMISSIONS: Record<ConsoleRole, readonly Permission[]> = {
  admin: ['read', 'resend', 'retry', 'regenerate', 'revoke', 'configure'],
  support: ['read', 'resend', 'retry'],
  viewer: ['read'],
};

/** Who is signed in: their identity for the audit trail, their role and the retailers they see. */
export interface Operator {
  /** The identity provider's subject, or `admin-token`. */
  subject: string;
  /** What the audit trail records: e-mail when known, else name, else subject. */
  name: string;
  role: ConsoleRole;
  /** `ACCOUNT:RETAILER` tenants, or `['*']` for every retailer. */
  retailers: readonly string[];
}

export function may(operator: Operator, permission: Permission): boolean {
  return PERMISSIONS[operator.role].includes(permission);
}

/** True when the operator may see documents of this tenant (`ACCOUNT:RETAILER`). */
export function seesTenant(operator: Pick<Operator, 'retailers'>, tenant: string): boolean {
  return operator.retailers.includes('*') || operator.retailers.includes(tenant);
}

/** The single operator behind FOLIO_ADMIN_TOKEN: an admin of every retailer. */
export function adminTokenOperator(): Operator {
  return { subject: 'admin-token', name: 'admin token', role: 'admin', retailers: ['*'] };
}

const ROLES: readonly string[] = ['admin', 'support', 'viewer'];

/**
 * The grant for a signed-in person: configuration first (by e-mail, then subject), else the role and
 * retailers claims of their token. Undefined when neither gives a valid role and at least one retailer.
 */
export function grantFor(mapping: RoleMapping, claims: Record<string, unknown>): OperatorGrant | undefined {
  const email = typeof claims['email'] === 'string' ? claims['email'].toLowerCase() : undefined;
  const subject = typeof claims['sub'] === 'string' ? claims['sub'] : undefined;
  const users = Object.fromEntries(Object.entries(mapping.users).map(([who, grant]) => [who.toLowerCase(), grant]));
  const configured = (email && users[email]) || (subject && users[subject.toLowerCase()]);
  if (configured) return configured;
  if (!mapping.claims) return undefined;
  const role = claims[mapping.claims.role];
  const retailers = toList(claims[mapping.claims.retailers]);
  if (typeof role !== 'string' || !ROLES.includes(role) || retailers.length === 0) return undefined;
  if (!retailers.every((r) => /^(\*|[^:\s]+:[^:\s]+)$/.test(r))) return undefined;
  return { role: role as ConsoleRole, retailers };
}

/** A claim holding retailers: a JSON array of strings, or one space- or comma-separated string. */
function toList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.length > 0);
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

export function operatorFromClaims(mapping: RoleMapping, claims: Record<string, unknown>): Operator | undefined {
  const grant = grantFor(mapping, claims);
  if (!grant) return undefined;
  const subject = String(claims['sub'] ?? '');
  const name = [claims['email'], claims['name'], subject].find((v): v is string => typeof v === 'string' && v.length > 0) ?? subject;
  return { subject, name, role: grant.role, retailers: grant.retailers };
}
