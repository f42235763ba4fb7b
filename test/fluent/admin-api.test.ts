import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FluentAdminClient } from '../../connector/install/admin-client.ts';
import { STATUS } from '../../connector/fluent/contract.ts';
import { stampedContent } from '../../connector/install/stamp-bundle.ts';
import type { Workflow } from '../../connector/install/workflow-schema.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/index.ts';
import { buildPluginJar } from './support/plugin-jar.ts';

/** The emulator's workflow and plugin REST APIs, driven through the CLI's own REST client. */
describe('emulator admin REST APIs via FluentAdminClient', () => {
  let emulator: Emulator;
  let client: FluentAdminClient;
  let billing: Workflow;

  beforeAll(async () => {
    emulator = await startEmulator();
    client = new FluentAdminClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
    billing = stampedContent({ accountId: 'ACME', retailerId: '1', webhookUrl: 'http://localhost:1/fluent/webhook', requestOn: 'create' }).workflows[0]!;
  });
  afterAll(() => emulator.close());

  it('needs a bearer token like the rest of the emulator', async () => {
    for (const path of ['/api/v4.1/workflow/1/BILLING_ACCOUNT::CUSTOMER', '/orchestration/rest/v1/plugin/']) {
      expect((await fetch(`${emulator.url}${path}`)).status, path).toBe(401);
    }
  });

  it('PUT stores a new minor version that GET returns and the workflow runner uses from then on', async () => {
    const loaded = (await client.getWorkflow('1', 'BILLING_ACCOUNT::CUSTOMER'))!;
    expect(loaded.version).toBe(billing.version);
    // The invoice CREATE of this version only marks the invoice failed: easy to tell apart from Folio's.
    const changed: Workflow = {
      ...billing,
      rulesets: billing.rulesets.map((r) => (r.type === 'INVOICE' && r.name === 'CREATE' ? { ...r, rules: [{ name: 'ACME.core.SetState', props: { status: STATUS.failed } }] } : r)),
    };
    const answer = await client.putWorkflow(changed);
    const [major, minor] = billing.version.split('.').map(Number);
    expect(answer).toEqual({ entityId: `1-BILLING_ACCOUNT::CUSTOMER::${major}.${minor! + 1}`, eventStatus: 'COMPLETE' });
    expect(await client.getWorkflow('1', 'BILLING_ACCOUNT::CUSTOMER')).toMatchObject({ version: `${major}.${minor! + 1}`, rulesets: changed.rulesets });

    await client.graphql(`mutation { createBillingAccount(input: {ref: "BA-9", type: "CUSTOMER", name: "X", retailer: {id: 1}}) { id } }`);
    await client.graphql(
      `mutation { createInvoice(input: {ref: "INV-9", type: "INVOICE", billingAccount: {ref: "BA-9"}, issueDate: "2026-11-01T00:00:00Z", currency: {alphabeticCode: "AUD"},
        defaultTaxType: {country: "AU", group: "STANDARD", tariff: "GST"}, subTotalAmount: {amount: 1}, totalTax: {amount: 0}, totalAmount: {amount: 1}, totalBalance: {amount: 1}}) { id } }`,
    );
    await emulator.idle();
    expect(emulator.store.byRef('Invoice', 'INV-9')?.status).toBe(STATUS.failed);
    expect(await client.getWorkflow('1', 'ORDER::NOPE')).toBeUndefined();
  });

  it('refuses a workflow naming rules that are not installed, listing them', async () => {
    const bad = { ...billing, rulesets: [...billing.rulesets, { ...billing.rulesets[0]!, name: 'Extra', rules: [{ name: 'ACME.erp.PostInvoice', props: {} }, { name: 'OTHER.core.SetState', props: {} }] }] };
    await expect(client.putWorkflow(bad)).rejects.toThrow(/HTTP 400.*not installed: ACME\.erp\.PostInvoice, OTHER\.core\.SetState/);
    await expect(client.putWorkflow({ ...billing, retailerId: '[[retailer.id]]' })).rejects.toThrow(/HTTP 400.*stamp the workflow first/);
    await expect(client.putWorkflow({ ...billing, rulesets: billing.rulesets.filter((r) => r.type !== 'BILLING_ACCOUNT') })).rejects.toThrow(/a CREATE ruleset for BILLING_ACCOUNT is required/);
  });

  it('uploads a plugin once, installs it (INSTALLING, then ACTIVE) and then accepts workflows using its rules', async () => {
    const jar = readFileSync(buildPluginJar({ symbolicName: 'ACME.erp', version: '1.0.0', rules: ['PostInvoice'] }));
    const usesIt = { ...billing, rulesets: [...billing.rulesets, { ...billing.rulesets[0]!, name: 'PostToErp', rules: [{ name: 'ACME.erp.PostInvoice', props: {} }] }] };

    expect(await client.uploadPlugin(jar, 'erp.jar')).toMatchObject({ bundleName: 'ACME.erp::1.0.0', bundleStatus: 'UPLOADED', rules: ['PostInvoice'] });
    await expect(client.putWorkflow(usesIt)).rejects.toThrow(/not installed: ACME\.erp\.PostInvoice/);
    await expect(client.uploadPlugin(jar, 'erp.jar')).rejects.toThrow(/HTTP 409.*uploaded only once/);

    expect(await client.installPlugin('ACME.erp::1.0.0')).toMatchObject({ bundleStatus: 'INSTALLING' });
    expect(await client.pluginStatus('ACME.erp::1.0.0')).toEqual({ bundleName: 'ACME.erp::1.0.0', bundleVersion: '1.0.0', bundleStatus: 'INSTALLING' });
    await new Promise((done) => setTimeout(done, 400));
    expect((await client.pluginStatus('ACME.erp::1.0.0')).bundleStatus).toBe('ACTIVE');

    const rules = await client.listRules();
    expect(Object.keys(rules)).toEqual(expect.arrayContaining(['ACME.erp.PostInvoice', 'ACME.core.SetState', 'ACME.folio.SendDocumentWebhook', 'ACME.folio.ApplyDocumentUpdate']));
    expect(rules['ACME.erp.PostInvoice']).toMatchObject({ ruleInfo: { name: 'PostInvoice' } });
    expect((await client.putWorkflow(usesIt)).eventStatus).toBe('COMPLETE');
  });

  it("refuses another account's plugin, an unknown bundle and a non-jar", async () => {
    await expect(client.uploadPlugin(readFileSync(buildPluginJar({ symbolicName: 'OTHER.x', version: '1.0.0', rules: ['A'] })), 'x.jar')).rejects.toThrow(/HTTP 400.*must start with the account id/);
    await expect(client.installPlugin('ACME.nothing::9.9.9')).rejects.toThrow(/HTTP 404/);
    await expect(client.pluginStatus('ACME.nothing::9.9.9')).rejects.toThrow(/HTTP 404/);
    expect(await client.findPluginStatus('ACME.nothing::9.9.9')).toBeUndefined();
    await expect(client.uploadPlugin(Buffer.from('hello'), 'x.jar')).rejects.toThrow(/HTTP 400.*not a jar/);
  });
});
