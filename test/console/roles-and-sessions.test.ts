import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../connector/config.ts';
import { roleMappingSchema } from '../../connector/config/console.ts';
import { csvField } from '../../connector/console/csv.ts';
import { grantFor, may, operatorFromClaims, seesTenant } from '../../connector/console/roles.ts';
import { createConsoleSessions } from '../../connector/console/session.ts';

const mapping = roleMappingSchema.parse({
  claims: { role: 'folio_role', retailers: 'folio_retailers' },
  users: { 'Ana@Acme.example': { role: 'admin', retailers: ['*'] }, 'sub-7': { role: 'viewer', retailers: ['ACME:2'] } },
});

describe('console roles', () => {
  it('gives admin everything, support read/resend/retry, viewer read only', () => {
    const as = (role: 'admin' | 'support' | 'viewer') => ({ subject: 's', name: 's', role, retailers: ['ACME:1'] });
    expect(['read', 'resend', 'retry', 'regenerate', 'revoke', 'configure'].filter((p) => may(as('admin'), p as never))).toHaveLength(6);
    expect(['read', 'resend', 'retry', 'regenerate', 'revoke', 'configure'].filter((p) => may(as('support'), p as never))).toEqual(['read', 'resend', 'retry']);
    expect(['read', 'resend', 'retry', 'regenerate', 'revoke', 'configure'].filter((p) => may(as('viewer'), p as never))).toEqual(['read']);
    expect(seesTenant(as('viewer'), 'ACME:1')).toBe(true);
    expect(seesTenant(as('viewer'), 'ACME:10')).toBe(false);
  });

  it('takes configuration first (e-mail, case-insensitive, then subject), else the claims, else nothing', () => {
    expect(grantFor(mapping, { sub: 'x', email: 'ana@acme.EXAMPLE', folio_role: 'viewer', folio_retailers: ['ACME:1'] })).toEqual({ role: 'admin', retailers: ['*'] });
    expect(grantFor(mapping, { sub: 'sub-7' })).toEqual({ role: 'viewer', retailers: ['ACME:2'] });
    expect(grantFor(mapping, { sub: 'y', folio_role: 'support', folio_retailers: 'ACME:1 ACME:3' })).toEqual({ role: 'support', retailers: ['ACME:1', 'ACME:3'] });
    expect(grantFor(mapping, { sub: 'y', folio_role: 'owner', folio_retailers: ['ACME:1'] })).toBeUndefined();
    expect(grantFor(mapping, { sub: 'y', folio_role: 'support', folio_retailers: [] })).toBeUndefined();
    expect(grantFor(mapping, { sub: 'y', folio_role: 'support', folio_retailers: ['ACME'] })).toBeUndefined();
    expect(operatorFromClaims(mapping, { sub: 'y', name: 'Yan', folio_role: 'viewer', folio_retailers: ['ACME:1'] })).toEqual({ subject: 'y', name: 'Yan', role: 'viewer', retailers: ['ACME:1'] });
  });

  it('names the variable and the place of a bad role mapping, and asks for the client with an issuer', () => {
    const base = { FLUENT_BASE_URL: 'http://127.0.0.1:1', FLUENT_ACCOUNT_ID: 'ACME', FLUENT_USERNAME: 'u', FLUENT_PASSWORD: 'p', FLUENT_CLIENT_ID: 'c', FLUENT_CLIENT_SECRET: 's', FLUENT_WEBHOOK_KEYS: '[]', FOLIO_LINK_KEYS: `k1:${'x'.repeat(32)}` };
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
        return [];
      } catch (error) {
        return (error as { problems?: string[] }).problems ?? [String(error)];
      }
    };
    expect(problems({ FOLIO_CONSOLE_ROLES: '{"users":{"a@b":{"role":"owner","retailers":["*"]}}}' })).toContain('FOLIO_CONSOLE_ROLES is invalid at users.a@b.role: expected admin, support or viewer');
    expect(problems({ FOLIO_CONSOLE_ROLES: 'admins' })).toContainEqual(expect.stringMatching(/^FOLIO_CONSOLE_ROLES is not JSON/));
    const missing = problems({ FOLIO_CONSOLE_ISSUER: 'https://login.acme.example' });
    expect(missing).toEqual(expect.arrayContaining(['FOLIO_CONSOLE_CLIENT_ID: required when FOLIO_CONSOLE_ISSUER is set', 'FOLIO_CONSOLE_SESSION_SECRET: required when FOLIO_CONSOLE_ISSUER is set']));
  });
});

describe('console sessions', () => {
  const sessions = createConsoleSessions('s'.repeat(40), { secure: true });
  const operator = { subject: 'ana', name: 'Ana', role: 'support' as const, retailers: ['ACME:1'] };
  const cookieOf = (setCookie: string) => setCookie.split(';')[0]!;

  it('are HttpOnly, Secure and SameSite=Strict, and carry the operator and a CSRF token of their own', () => {
    const setCookie = sessions.start(operator);
    expect(setCookie).toMatch(/; Path=\/console; HttpOnly; Secure; SameSite=Strict; Max-Age=28800$/);
    const session = sessions.read(cookieOf(setCookie))!;
    expect(session.operator).toEqual(operator);
    expect(sessions.csrfMatches(session, session.csrf)).toBe(true);
    expect(sessions.csrfMatches(session, sessions.read(cookieOf(sessions.start(operator)))!.csrf)).toBe(false);
  });

  it('refuse a changed payload (a role raised), another secret, and an expired session', () => {
    const value = cookieOf(sessions.start(operator)).split('=')[1]!;
    const [body, mac] = value.split('.');
    const raised = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), r: 'admin' })).toString('base64url');
    expect(sessions.read(`folio_console=${raised}.${mac}`)).toBeUndefined();
    expect(createConsoleSessions('t'.repeat(40), { secure: true }).read(`folio_console=${value}`)).toBeUndefined();
    expect(sessions.read(`folio_console=${value}`, Date.now() + 9 * 3600_000)).toBeUndefined();
  });

  it('keep the sign-in transaction for the callback only, Lax (the provider redirects across sites)', () => {
    const setCookie = sessions.beginSignIn({ state: 'st', nonce: 'no', verifier: 've' });
    expect(setCookie).toContain('Path=/console/callback; HttpOnly; Secure; SameSite=Lax');
    expect(sessions.readSignIn(cookieOf(setCookie))).toEqual({ state: 'st', nonce: 'no', verifier: 've' });
    expect(sessions.readSignIn(cookieOf(setCookie), Date.now() + 11 * 60_000)).toBeUndefined();
  });
});

describe('CSV export fields', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
  });
});
