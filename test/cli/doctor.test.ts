import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE, DOCUMENT_FAILED_EVENT, DOCUMENT_REQUESTED_EVENT, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/index.ts';
import { createBillingAccount, createInvoice, startFluent, type TestFluent } from '../emulator/helpers.ts';
import { fluentEnv } from './support/emulator-env.ts';
import { runFolio } from './support/run-folio.ts';
import { SHIPPED_BILLING_VERSION } from '../support/shipped-workflows.ts';

/** A loopback port nobody listens on: a connector that is down. */
async function deadPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function connectorEnv(emulator: Emulator, publicBaseUrl: string): Record<string, string> {
  return {
    ...fluentEnv(emulator),
    FLUENT_WEBHOOK_KEYS: JSON.stringify([{ name: 'emulator', publicKeySpkiBase64: emulator.publicKeySpkiBase64 }]),
    FOLIO_LINK_KEYS: `k1:${randomBytes(32).toString('base64url')}`,
    PUBLIC_BASE_URL: publicBaseUrl,
  };
}
const line = (stdout: string, title: string) => stdout.split('\n').find((l) => l.includes(title)) ?? `(no line for ${title})`;

/**
 * Doctor's checks against the emulator with no connector running: everything on the Fluent side passes,
 * the connector checks fail with a next step. (test/cli/doctor-connector.test.ts adds the connector.)
 */
describe('folio doctor against the emulator', () => {
  let fluent: TestFluent;
  let publicBaseUrl: string;
  beforeAll(async () => {
    publicBaseUrl = `http://127.0.0.1:${await deadPort()}`;
    fluent = await startFluent({ settings: { [WEBHOOK_SETTING_NAME]: { name: DOCUMENT_REQUESTED_EVENT, url: `${publicBaseUrl}/fluent/webhook` } }, webhookRetryDelaysMs: [] });
    await createBillingAccount(fluent, 'BA-D');
    await createInvoice(fluent, 'INV-D', 'BA-D');
    await fluent.emulator.idle();
  });
  afterAll(() => fluent.emulator.close());

  it('passes the Fluent checks, fails the connector check with a next step, skips the round trip without --invoice', async () => {
    const run = await runFolio(['doctor'], { env: connectorEnv(fluent.emulator, publicBaseUrl) });
    expect(run.code).toBe(1);
    expect(line(run.stdout, 'connector configuration')).toMatch(/^✔/);
    expect(line(run.stdout, 'webhook public keys load')).toBe('✔ webhook public keys load: 1 key(s): emulator');
    expect(line(run.stdout, 'Fluent sign-in')).toMatch(/^✔/);
    expect(line(run.stdout, "workflow BILLING_ACCOUNT::CUSTOMER has Folio's rulesets")).toContain(`version ${SHIPPED_BILLING_VERSION}`);
    expect(line(run.stdout, 'setting folio.webhook points at this connector')).toBe(`✔ setting folio.webhook points at this connector: ACCOUNT setting → ${publicBaseUrl}/fluent/webhook`);
    expect(line(run.stdout, 'connector answers at PUBLIC_BASE_URL')).toMatch(/^✘ .*ECONNREFUSED/);
    expect(run.stdout).toContain('    next: start the connector, or fix PUBLIC_BASE_URL');
    expect(line(run.stdout, 'a test event makes the round trip')).toMatch(/^– .*pass --invoice REF/);
    expect(run.stdout).toContain('1 check(s) failed.');
  });

  it('with --invoice, sends a real request and reports that no answer came back', async () => {
    // Make the probe usable: a failed document is retried.
    await fluent.post('/api/v4.1/event/sync', { name: DOCUMENT_FAILED_EVENT, retailerId: '1', entityType: 'INVOICE', entityRef: 'INV-D', rootEntityType: 'BILLING_ACCOUNT', rootEntityRef: 'BA-D', attributes: { [ATTRIBUTE.failureReason]: 'first try failed' } });
    const run = await runFolio(['doctor', '--invoice', 'INV-D', '--timeout', '1'], { env: connectorEnv(fluent.emulator, publicBaseUrl) });
    expect(run.code).toBe(1);
    expect(line(run.stdout, "Fluent's webhook signature verifies")).toBe("✘ Fluent's webhook signature verifies at the connector: no answer from the connector within 1 s");
    expect(run.stdout).toContain('next: FLUENT_WEBHOOK_KEYS must hold the public key of this Fluent environment');
    expect(line(run.stdout, 'a test event makes the round trip')).toMatch(/^✘ .*no FolioDocumentGenerated within 1 s/);
    expect(fluent.emulator.events().some((e) => e.name === 'FolioRetryDocument' && e.eventStatus === 'COMPLETE')).toBe(true);

    const busy = await runFolio(['doctor', '--invoice', 'INV-D'], { env: connectorEnv(fluent.emulator, publicBaseUrl) });
    expect(line(busy.stdout, 'a test event makes the round trip')).toMatch(/^✘ .*INV-D is DOCUMENT_REQUESTED/);
    const unknown = await runFolio(['doctor', '--invoice', 'NOPE'], { env: connectorEnv(fluent.emulator, publicBaseUrl) });
    expect(line(unknown.stdout, 'a test event makes the round trip')).toMatch(/^✘ .*no invoice NOPE/);
  });

  it('says what to fix when the setting points elsewhere or the workflow is missing', async () => {
    const bare = await startEmulator({ workflowsDir: '/nonexistent', settings: { [WEBHOOK_SETTING_NAME]: { name: DOCUMENT_REQUESTED_EVENT, url: 'https://old.example/fluent/webhook' } } });
    try {
      const run = await runFolio(['doctor'], { env: connectorEnv(bare, publicBaseUrl) });
      expect(run.code).toBe(1);
      expect(line(run.stdout, 'workflow BILLING_ACCOUNT::CUSTOMER')).toMatch(/^✘ .*retailer 1 has no BILLING_ACCOUNT::CUSTOMER workflow/);
      expect(run.stdout).toContain('next: run "folio fluent stamp", then "folio fluent push" (it merges Folio into a workflow the retailer already has)');
      expect(line(run.stdout, 'setting folio.webhook')).toBe(`✘ setting folio.webhook points at this connector: url is "https://old.example/fluent/webhook", expected ${publicBaseUrl}/fluent/webhook`);
      expect(run.stdout).toContain(`next: run "folio fluent stamp --endpoint ${publicBaseUrl}" and "folio fluent push"`);
    } finally {
      await bare.close();
    }
  });

  it('stops at a failed sign-in, and at an invalid configuration', async () => {
    const badLogin = await runFolio(['doctor'], { env: { ...connectorEnv(fluent.emulator, publicBaseUrl), FLUENT_CLIENT_SECRET: 'wrong' } });
    expect(badLogin.code).toBe(1);
    expect(line(badLogin.stdout, 'Fluent sign-in')).toMatch(/^✘ .*HTTP 401/);
    expect(badLogin.stdout).toContain('next: check FLUENT_BASE_URL, FLUENT_ACCOUNT_ID');
    expect(line(badLogin.stdout, 'remaining Fluent checks')).toBe('– remaining Fluent checks: they need a token');

    const noConfig = await runFolio(['doctor'], { env: {} });
    expect(noConfig.code).toBe(1);
    expect(noConfig.stdout).toMatch(/^✘ connector configuration: Folio configuration is invalid:/);
    expect(noConfig.stdout).toContain('FLUENT_BASE_URL');
    expect((await runFolio(['doctor', '--timeout', 'soon'])).code).toBe(2);
  });
});
