import { z } from 'zod';
import { jsonText } from './values.ts';

/** The operator console's roles, most powerful first (console/roles.ts says what each may do). */
export const CONSOLE_ROLES = ['admin', 'support', 'viewer'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** A retailer an operator may see: `ACCOUNT:RETAILER` as documents name their tenant, or `*` for all. */
const retailerScope = z.string().regex(/^(\*|[^:\s]+:[^:\s]+)$/, 'expected ACCOUNT:RETAILER (e.g. ACME:1) or *');
export const operatorGrantSchema = z.object({
  role: z.enum(CONSOLE_ROLES, 'expected admin, support or viewer'),
  retailers: z.array(retailerScope).min(1, 'name at least one retailer (or *)'),
});
export type OperatorGrant = z.infer<typeof operatorGrantSchema>;

/**
 * Who gets which role: a person named in `users` (by e-mail or subject) gets that grant; anyone else
 * gets the role and retailers their ID token carries in the claims named under `claims`; with
 * neither, sign-in is refused.
 */
export const roleMappingSchema = z
  .object({
    claims: z
      .object({ role: z.string().min(1).default('folio_role'), retailers: z.string().min(1).default('folio_retailers') })
      .strict()
      .optional(),
    users: z.record(z.string().min(1), operatorGrantSchema).default({}),
  })
  .strict();
export type RoleMapping = z.output<typeof roleMappingSchema>;

const EXAMPLE = '{"claims":{"role":"folio_role","retailers":"folio_retailers"},"users":{"ana@acme.example":{"role":"admin","retailers":["*"]}}}';

/** /console: OpenID Connect sign-in. Unset issuer: only the admin token signs in (FOLIO_ADMIN_TOKEN). */
export const consoleVariables = {
  FOLIO_CONSOLE_ISSUER: z.url('expected the identity provider URL, e.g. https://login.acme.example').optional(),
  FOLIO_CONSOLE_CLIENT_ID: z.string().min(1, 'expected the OIDC client id').optional(),
  FOLIO_CONSOLE_CLIENT_SECRET: z.string().min(1, 'expected the OIDC client secret').optional(),
  /** Default: PUBLIC_BASE_URL + /console/callback. */
  FOLIO_CONSOLE_REDIRECT_URL: z.url('expected the callback URL registered with the identity provider').optional(),
  FOLIO_CONSOLE_ROLES: jsonText(roleMappingSchema, EXAMPLE, 'the role mapping').default({ claims: { role: 'folio_role', retailers: 'folio_retailers' }, users: {} }),
  /** Signs console sessions; required with an issuer (with the admin token alone it is derived from the token). */
  FOLIO_CONSOLE_SESSION_SECRET: z.string().min(32, 'the session secret needs 32+ characters').optional(),
};

type ConsoleConfig = z.output<z.ZodObject<typeof consoleVariables>>;

/** An issuer needs its client and a session secret; each missing one is named. */
export function checkConsole(config: ConsoleConfig, ctx: z.RefinementCtx): void {
  if (!config.FOLIO_CONSOLE_ISSUER) return;
  for (const name of ['FOLIO_CONSOLE_CLIENT_ID', 'FOLIO_CONSOLE_CLIENT_SECRET', 'FOLIO_CONSOLE_SESSION_SECRET'] as const) {
    if (!config[name]) ctx.addIssue({ code: 'custom', path: [name], message: `required when FOLIO_CONSOLE_ISSUER is set` });
  }
}
