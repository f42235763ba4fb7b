import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FluentAdminClient } from '../../connector/install/admin-client.ts';
import { DOCUMENT_REQUESTED_EVENT, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { OMS_FRAGMENT_SETTING } from '../../connector/install/oms-manifest.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/index.ts';
import { clickAndCollectOrder } from '../fluent/fixtures/retailer-workflows.ts';
import { fluentEnv } from './support/emulator-env.ts';
import { runFolio } from './support/run-folio.ts';
import { SHIPPED_BILLING_VERSION } from '../support/shipped-workflows.ts';

describe('folio fluent push against the emulator', () => {
  let emulator: Emulator;
  let client: FluentAdminClient;
  const dir = mkdtempSync(join(tmpdir(), 'folio-push-'));

  beforeAll(async () => {
    // Start with no workflows at all, like a fresh Fluent account.
    emulator = await startEmulator({ workflowsDir: mkdtempSync(join(tmpdir(), 'folio-no-workflows-')) });
    client = new FluentAdminClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
    const stamp = await runFolio(['fluent', 'stamp', '--account', 'ACME', '--endpoint', 'https://folio.acme.example', '--out', dir]);
    expect(stamp.code, stamp.stderr).toBe(0);
    const theirs = join(dir, 'theirs-order.json');
    writeFileSync(theirs, JSON.stringify(clickAndCollectOrder));
    const merge = await runFolio(['fluent', 'merge', '--into', theirs, '--out', join(dir, 'workflows', 'ORDER-CC.json')]);
    expect(merge.code, merge.stderr).toBe(0);
  });
  afterAll(() => emulator.close());

  it('PUTs every workflow and creates the settings; GET then returns what was pushed', async () => {
    const { password, clientSecret, username, clientId } = emulator.credentials;
    // Secrets from the environment, the rest as flags: both ways work.
    const run = await runFolio(
      ['fluent', 'push', '--dir', dir, '--account', emulator.accountId, '--url', emulator.url, '--username', username, '--client-id', clientId],
      { env: { FLUENT_PASSWORD: password, FLUENT_CLIENT_SECRET: clientSecret } },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`workflow BILLING_ACCOUNT::CUSTOMER for retailer 1: 1-BILLING_ACCOUNT::CUSTOMER::${SHIPPED_BILLING_VERSION} COMPLETE`);
    expect(run.stdout).toContain(`workflow ORDER::CC for retailer 1: 1-ORDER::CC::4.1 COMPLETE`);
    expect(run.stdout).toContain(`setting ${WEBHOOK_SETTING_NAME} (ACCOUNT): created`);
    expect(run.stdout).toContain(`setting ${OMS_FRAGMENT_SETTING} (ACCOUNT): created`);

    const billing = await client.getWorkflow('1', 'BILLING_ACCOUNT::CUSTOMER');
    expect(billing).toMatchObject({ version: SHIPPED_BILLING_VERSION, retailerId: '1' });
    expect(JSON.stringify(billing)).toContain('ACME.folio.SendDocumentWebhook');
    expect((await client.getWorkflow('1', 'ORDER::CC'))?.rulesets).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'FULFILMENT', name: 'FolioRequestDocument' })]));
    const webhook = await client.findSetting(WEBHOOK_SETTING_NAME, 'ACCOUNT', 0);
    expect(webhook).toMatchObject({ valueType: 'JSON', lobValue: { name: DOCUMENT_REQUESTED_EVENT, url: 'https://folio.acme.example/fluent/webhook' } });
    expect(((await client.findSetting(OMS_FRAGMENT_SETTING, 'ACCOUNT', 0))?.lobValue as { manifestVersion: string }).manifestVersion).toBe('2.0');
  });

  it('pushed again after stamping a new endpoint: updates that setting and leaves the workflows alone', async () => {
    const stamp = await runFolio(['fluent', 'stamp', '--account', 'ACME', '--endpoint', 'https://documents.acme.example', '--out', dir]);
    expect(stamp.code, stamp.stderr).toBe(0);
    const run = await runFolio(['fluent', 'push', '--dir', dir], { env: fluentEnv(emulator) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`setting ${WEBHOOK_SETTING_NAME} (ACCOUNT): updated`);
    expect(run.stdout).toContain(`setting ${OMS_FRAGMENT_SETTING} (ACCOUNT): unchanged`);
    expect(run.stdout).toContain(`workflow BILLING_ACCOUNT::CUSTOMER: left alone (Folio is already merged into ${SHIPPED_BILLING_VERSION})`);
    expect(run.stdout).toContain('workflow ORDER::CC: left alone');
    expect((await client.getWorkflow('1', 'BILLING_ACCOUNT::CUSTOMER'))?.version).toBe(SHIPPED_BILLING_VERSION);
    expect((await client.findSetting(WEBHOOK_SETTING_NAME, 'ACCOUNT', 0))?.lobValue).toMatchObject({ url: 'https://documents.acme.example/fluent/webhook' });
  });

  it('fails clearly: wrong password, another account, nothing stamped, missing connection', async () => {
    const badPassword = await runFolio(['fluent', 'push', '--dir', dir], { env: { ...fluentEnv(emulator), FLUENT_PASSWORD: 'nope' } });
    expect(badPassword.code).toBe(1);
    expect(badPassword.stderr).toContain('Fluent OAuth token request answered HTTP 401');

    const otherAccount = await runFolio(['fluent', 'push', '--dir', dir], { env: { ...fluentEnv(emulator), FLUENT_ACCOUNT_ID: 'BETA' } });
    expect(otherAccount.code).toBe(1);
    expect(otherAccount.stderr).toContain('is stamped for account ACME, not BETA');

    const empty = await runFolio(['fluent', 'push', '--dir', mkdtempSync(join(tmpdir(), 'folio-empty-'))], { env: fluentEnv(emulator) });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('run "folio fluent stamp --out');

    const noUrl = await runFolio(['fluent', 'push', '--dir', dir], { env: { ...fluentEnv(emulator), FLUENT_BASE_URL: '' } });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('missing --url (or FLUENT_BASE_URL)');
  });
});
