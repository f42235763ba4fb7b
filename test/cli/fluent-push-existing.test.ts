import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FluentAdminClient } from '../../connector/install/admin-client.ts';
import { PRESERVE_EVENT_DETAILS, WEBHOOK_RETRY_METHOD_SETTING, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { FOLIO_FRAGMENT_ROUTE, OMS_MAIN_MANIFEST_SETTING } from '../../connector/install/oms-main-manifest.ts';
import { stampedContent } from '../../connector/install/stamp-bundle.ts';
import { writeStampedDir } from '../../connector/install/stamped-dir.ts';
import { workflowSchema, type Workflow } from '../../connector/install/workflow-schema.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/index.ts';
import { buildPluginJar } from '../fluent/support/plugin-jar.ts';
import { appeasementBilling, clickAndCollectOrder } from '../fluent/fixtures/retailer-workflows.ts';
import { connectionArgs, runCliHere } from './support/run-cli.ts';
import { SHIPPED_BILLING_VERSION } from '../support/shipped-workflows.ts';

const BILLING = 'BILLING_ACCOUNT::CUSTOMER';
const theirManifest = { manifestVersion: '2.0', name: 'oms', title: 'OMS', homePath: 'orders', routes: [{ type: 'reference', settingName: 'fc.mystique.manifest.oms.fragment.ordermanagement' }] };

/** An account as it is before Folio: these workflows (PUT through the admin API) and settings. */
async function account(workflows: Workflow[], settings: Record<string, unknown> = {}) {
  const emulator = await startEmulator({ workflowsDir: mkdtempSync(join(tmpdir(), 'folio-no-workflows-')), settings });
  const admin = new FluentAdminClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
  for (const workflow of workflows) await admin.putWorkflow(workflow);
  return { emulator, admin };
}

/** Everything push could change: workflows, settings, installed rules, events. */
async function state(emulator: Emulator, admin: FluentAdminClient, names: string[]) {
  return {
    workflows: await Promise.all(names.map((name) => admin.getWorkflow('1', name))),
    settings: structuredClone(emulator.store.list('Setting')),
    rules: Object.keys(await admin.listRules()).sort(),
    events: emulator.events().length,
  };
}

const key = (r: { type: string; name: string }) => `${r.type}/${r.name}`;

describe('folio fluent push into an account that already has workflows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'folio-stamped-'));
  const push = (emulator: Emulator, ...args: string[]) => runCliHere(['fluent', 'push', '--dir', dir, ...connectionArgs(emulator), ...args]);
  let emulator: Emulator | undefined;

  beforeAll(() => {
    writeStampedDir(dir, stampedContent({ accountId: 'ACME', retailerId: '1', webhookUrl: 'https://folio.acme.example/fluent/webhook', requestOn: 'create' }));
  });
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it("--dry-run prints the plan with the diff and changes nothing; push then keeps every ruleset, status and setting of theirs", async () => {
    const started = await account([appeasementBilling], { [OMS_MAIN_MANIFEST_SETTING]: theirManifest });
    emulator = started.emulator;
    const before = await state(emulator, started.admin, [BILLING]);

    const dry = await push(emulator, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Plan (dry run: nothing is changed)');
    expect(dry.stdout).toContain(`check Folio's rules are installed: ACME.folio.ApplyDocumentUpdate, ACME.folio.SendDocumentWebhook`);
    expect(dry.stdout).toContain(`create setting ${WEBHOOK_SETTING_NAME} (ACCOUNT)`);
    expect(dry.stdout).toContain(`merge Folio into the account's workflow ${BILLING} 2.4 → 2.5`);
    const added = (line: string) => new RegExp(`^ +\\+ +${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},?$`, 'm');
    expect(dry.stdout).toMatch(added(`"name": "ACME.folio.SendDocumentWebhook",`));
    expect(dry.stdout).toMatch(added(`"${WEBHOOK_RETRY_METHOD_SETTING}": "${PRESERVE_EVENT_DETAILS}"`));
    expect(dry.stdout).toMatch(added(`"settingName": "${FOLIO_FRAGMENT_ROUTE.settingName}"`));
    expect(await state(emulator, started.admin, [BILLING])).toEqual(before);

    const run = await push(emulator);
    expect(run.code, run.stderr).toBe(0);
    const merged = workflowSchema.parse(await started.admin.getWorkflow('1', BILLING));
    expect(merged.version).toBe('2.5');
    for (const ruleset of appeasementBilling.rulesets) expect(merged.rulesets).toContainEqual(ruleset);
    for (const status of appeasementBilling.statuses) expect(merged.statuses).toContainEqual(status);
    expect(merged.settings).toEqual({ ...appeasementBilling.settings, [WEBHOOK_RETRY_METHOD_SETTING]: PRESERVE_EVENT_DETAILS });
    const ruleset = (type: string, name: string) => merged.rulesets.find((r) => key(r) === `${type}/${name}`);
    expect(ruleset('CREDIT_MEMO', 'CREATE')?.rules.map((r) => r.name)).toEqual(['ACME.folio.SendDocumentWebhook', 'ACME.core.SetState']);
    expect(ruleset('INVOICE', 'FolioDocumentGenerated')).toBeDefined();
    // Their BILLING_ACCOUNT CREATE stays theirs (Folio's own is not forced on them).
    expect(ruleset('BILLING_ACCOUNT', 'CREATE')).toEqual(appeasementBilling.rulesets[0]);

    const manifest = (await started.admin.findSetting(OMS_MAIN_MANIFEST_SETTING, 'ACCOUNT', 0))?.lobValue as typeof theirManifest;
    expect(manifest).toEqual({ ...theirManifest, routes: [...theirManifest.routes, FOLIO_FRAGMENT_ROUTE] });
    // Plugin → settings → workflows.
    const order = [`setting ${WEBHOOK_SETTING_NAME} (ACCOUNT): created`, `setting ${OMS_MAIN_MANIFEST_SETTING} (ACCOUNT): added`, `workflow ${BILLING} for retailer 1: 1-${BILLING}::2.5 COMPLETE (merged into 2.4)`];
    expect(order.map((line) => run.stdout.indexOf(line))).toEqual([...order.map((line) => run.stdout.indexOf(line))].sort((a, b) => a - b));
    expect(order.every((line) => run.stdout.includes(line))).toBe(true);

    const again = await push(emulator);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`workflow ${BILLING}: left alone (Folio is already merged into 2.5)`);
    expect(again.stdout).toContain(`leave ${OMS_MAIN_MANIFEST_SETTING} alone`);
    expect(workflowSchema.parse(await started.admin.getWorkflow('1', BILLING)).version).toBe('2.5');
  });

  it('refuses a conflicting ruleset or workflow setting: prints the diff, exits 1 and writes nothing', async () => {
    const theirCreate = { name: 'CREATE', type: 'INVOICE', eventType: 'NORMAL' as const, rules: [{ name: 'ACME.core.SetState', props: { status: 'OPEN' } }], triggers: [{ status: 'CREATED' }], userActions: [] };
    const theirs = { ...appeasementBilling, settings: { [WEBHOOK_RETRY_METHOD_SETTING]: 'standard' }, rulesets: [...appeasementBilling.rulesets, theirCreate] };
    const started = await account([theirs]);
    emulator = started.emulator;
    const before = await state(emulator, started.admin, [BILLING]);

    const run = await push(emulator);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`REFUSE to merge into workflow ${BILLING}: 2 conflict(s)`);
    expect(run.stdout).toMatch(/^ +- +"status": "OPEN"$/m);
    expect(run.stdout).toContain(`setting ${WEBHOOK_RETRY_METHOD_SETTING}`);
    expect(run.stderr).toContain('nothing written');
    expect(await state(emulator, started.admin, [BILLING])).toEqual(before);
  });

  it("stops before writing when Folio's rules are not installed, and with --jar installs the plugin first", async () => {
    // A stamped workflow that needs a rule only a newer plugin has.
    const newer = mkdtempSync(join(tmpdir(), 'folio-stamped-newer-'));
    writeStampedDir(newer, stampedContent({ accountId: 'ACME', retailerId: '1', webhookUrl: 'https://folio.acme.example/fluent/webhook', requestOn: 'create' }));
    const file = join(newer, 'workflows', 'BILLING_ACCOUNT-CUSTOMER.json');
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('ACME.folio.ApplyDocumentUpdate', 'ACME.folio.ApplyDocumentUpdateV2'));
    const started = await account([]);
    emulator = started.emulator;
    const before = await state(emulator, started.admin, [BILLING]);

    const refused = await runCliHere(['fluent', 'push', '--dir', newer, ...connectionArgs(emulator)]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Folio's rule plugin is not installed on ACME (missing ACME.folio.ApplyDocumentUpdateV2)");
    expect(await state(emulator, started.admin, [BILLING])).toEqual(before);

    const jar = buildPluginJar({ symbolicName: 'ACME.folio', version: '1.1.0', rules: ['ApplyDocumentUpdateV2', 'SendDocumentWebhook'] });
    const run = await runCliHere(['fluent', 'push', '--dir', newer, '--jar', jar, ...connectionArgs(emulator)]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('install plugin ACME.folio::1.1.0 from the jar');
    const steps = ['Installed ACME.folio::1.1.0: ACTIVE', `setting ${WEBHOOK_SETTING_NAME} (ACCOUNT): created`, `workflow ${BILLING} for retailer 1: 1-${BILLING}::${SHIPPED_BILLING_VERSION} COMPLETE (created)`];
    const at = steps.map((line) => run.stdout.indexOf(line));
    expect(at.every((index) => index >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // The same jar again: the bundle is ACTIVE, so it is left alone.
    const again = await runCliHere(['fluent', 'push', '--dir', newer, '--jar', jar, ...connectionArgs(emulator), '--dry-run']);
    expect(again.stdout).toContain('leave plugin ACME.folio::1.1.0 alone: it is already ACTIVE');
  });

  it("merges the fragments into a named workflow of the account (--merge-into), else prints the exact step", async () => {
    const started = await account([clickAndCollectOrder]);
    emulator = started.emulator;

    const plain = await push(emulator);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain(`create workflow ${BILLING}`);
    expect(plain.stdout).toContain(`"folio fluent push --dir ${dir} --merge-into ORDER::HD"`);
    expect(plain.stdout).toContain(`--merge-into RETURN_ORDER::DEFAULT`);
    expect(plain.stdout).toContain(`the account has no ${OMS_MAIN_MANIFEST_SETTING} setting`);
    expect(plain.stdout).toContain(`add ${JSON.stringify(FOLIO_FRAGMENT_ROUTE)} to "routes"`);
    expect(workflowSchema.parse(await started.admin.getWorkflow('1', 'ORDER::CC')).version).toBe('4.0');

    const run = await push(emulator, '--merge-into', 'ORDER::CC');
    expect(run.code, run.stderr).toBe(0);
    const order = workflowSchema.parse(await started.admin.getWorkflow('1', 'ORDER::CC'));
    expect(order.version).toBe('4.1');
    for (const ruleset of clickAndCollectOrder.rulesets) expect(order.rulesets).toContainEqual(ruleset);
    expect(order.rulesets.map(key)).toEqual(expect.arrayContaining(['ORDER/FolioRequestDocument', 'FULFILMENT/FolioRequestDocument']));
    expect(run.stdout).not.toContain('ORDER.order-confirmation.json (for ORDER::*) was not merged');
    expect(run.stdout).toContain('RETURN_ORDER.return-confirmation.json (for RETURN_ORDER::*) was not merged');

    const missing = await push(emulator, '--merge-into', 'RETURN_ORDER::DEFAULT');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--merge-into RETURN_ORDER::DEFAULT: retailer 1 has no workflow RETURN_ORDER::DEFAULT');
  });

  it('merges a fragment written for one exact workflow into it without being told, when the account has it', async () => {
    const exact = mkdtempSync(join(tmpdir(), 'folio-stamped-exact-'));
    writeStampedDir(exact, stampedContent({ accountId: 'ACME', retailerId: '1', webhookUrl: 'https://folio.acme.example/fluent/webhook', requestOn: 'create' }));
    const fragment = { fragmentOf: 'ORDER::CC', rulesets: [{ name: 'FolioPickupNote', type: 'FULFILMENT', eventType: 'NORMAL', rules: [{ name: 'ACME.folio.SendDocumentWebhook', props: { setting: WEBHOOK_SETTING_NAME, documentType: 'PICKUP_NOTE' } }], triggers: [], userActions: [] }], statuses: [] };
    writeFileSync(join(exact, 'workflows', 'fragments', 'ORDER-CC.pickup-note.json'), JSON.stringify(fragment));
    const started = await account([clickAndCollectOrder]);
    emulator = started.emulator;

    const run = await runCliHere(['fluent', 'push', '--dir', exact, ...connectionArgs(emulator)]);
    expect(run.code, run.stderr).toBe(0);
    const order = workflowSchema.parse(await started.admin.getWorkflow('1', 'ORDER::CC'));
    expect(order.rulesets.map(key)).toContain('FULFILMENT/FolioPickupNote');
    for (const ruleset of clickAndCollectOrder.rulesets) expect(order.rulesets).toContainEqual(ruleset);
    expect(run.stdout).not.toContain('ORDER-CC.pickup-note.json (for ORDER::CC) was not merged');
  });
});
