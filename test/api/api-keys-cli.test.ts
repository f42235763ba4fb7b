import { expect, it, vi } from 'vitest';
import { createApiKeys } from '../../connector/api/api-keys.ts';
import { freshPostgresDatabase } from '../support/databases.ts';
import { runCliHere } from '../cli/support/run-cli.ts';
import { runFolio } from '../cli/support/run-folio.ts';

it('folio api-keys create | list | revoke: the key shown once works until revoked', { timeout: 60_000 }, async () => {
  const { db, location } = await freshPostgresDatabase();
  const env = { DATABASE_URL: location, FLUENT_ACCOUNT_ID: 'ACME' };
  // The first command runs the real binary; the rest run in this process (faster), on the same variables.
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);

  const created = await runFolio(['api-keys', 'create', '--retailer', '1', '--name', 'ERP export', '--rate-limit', '120', '--by', 'ops@acme'], { env });
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
  const secret = /(folio_[a-z]{16}_[A-Za-z0-9_-]{43})/.exec(created.stdout)![1]!;
  const keys = createApiKeys(db);
  expect(await keys.authenticate(secret)).toMatchObject({ accountId: 'ACME', retailerId: '1', name: 'ERP export', rateLimitPerMinute: 120, createdBy: 'ops@acme' });

  const listed = await runCliHere(['api-keys', 'list', '--json']);
  const [summary] = JSON.parse(listed.stdout);
  expect(summary).toMatchObject({ name: 'ERP export', accountId: 'ACME', retailerId: '1', revokedAt: null });
  expect(listed.stdout).not.toContain(secret.slice(24));
  expect((await runCliHere(['api-keys', 'list'])).stdout).toMatch(/ERP export\s+ACME:1\s+120/);

  const revoked = await runCliHere(['api-keys', 'revoke', summary.id, '--by', 'ops@acme']);
  expect(revoked.code).toBe(0);
  expect(await keys.authenticate(secret)).toBeUndefined();
  expect((await runCliHere(['api-keys', 'revoke', 'nope'])).stderr).toContain('no API key nope');

  const missing = await runCliHere(['api-keys', 'create', '--name', 'x']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('name the retailer with --retailer');
});
