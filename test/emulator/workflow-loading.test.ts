import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../scripts/emulator/index.ts';
import { createBillingAccount, startFluent, type TestFluent } from './helpers.ts';

/** Workflows written to a temporary directory, in Fluent's JSON format with reference-module placeholders. */
function workflowsDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-workflows-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
  return dir;
}

const rule = (name: string, props: Record<string, unknown> = {}) => ({ name: `[[account.id]].${name}`, props });

function workflow(entityType: string, entitySubtype: string, version: string, rulesets: unknown[]) {
  return {
    retailerId: '[[retailer.id]]',
    version,
    entityType,
    entitySubtype,
    name: `${entityType}::${entitySubtype}`,
    rulesets,
    statuses: [{ name: 'CREATED', entityType, category: 'BOOKING' }],
  };
}

const billing = (version: string, activate: string) =>
  workflow('BILLING_ACCOUNT', 'CUSTOMER', version, [
    { name: 'CREATE', type: 'BILLING_ACCOUNT', rules: [rule('core.SendEvent', { eventName: 'Activate' })], triggers: [{ status: 'CREATED' }] },
    { name: 'Activate', type: 'BILLING_ACCOUNT', rules: [rule('core.SetState', { status: activate })], triggers: [{ status: 'CREATED' }] },
  ]);

const order = workflow('ORDER', 'HD', '2.3', [
  { name: 'CREATE', type: 'ORDER', rules: [rule('core.SetState', { status: 'BOOKED' })], triggers: [] },
  { name: 'CREATE', type: 'FULFILMENT', subtype: 'HD_PICK', rules: [rule('core.SetState', { status: 'AWAITING_WAVE' })], triggers: [{ status: 'CREATED' }] },
]);

describe('emulator workflow loading and orchestration rules', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(dir: string, accountId = 'OTHER'): Promise<TestFluent> {
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const fluent = await startFluent({ workflowsDir: dir, accountId, retailerId: '7' });
    cleanups.push(() => fluent.emulator.close());
    return fluent;
  }

  it('substitutes placeholders, keeps the highest version, skips other JSON, and chains events sent by rules', async () => {
    const fluent = await start(workflowsDir({ 'a.json': billing('1.4', 'ACTIVE'), 'b.json': billing('1.10', 'ACTIVE_V110'), 'c.json': billing('0.9', 'OLD'), 'notes.json': { hello: 'world' } }));
    await createBillingAccount(fluent, 'BA-7');
    await fluent.emulator.idle();
    const account = fluent.emulator.store.byRef('BillingAccount', 'BA-7');
    expect(account).toMatchObject({ status: 'ACTIVE_V110', workflow: { ref: 'BILLING_ACCOUNT::CUSTOMER', version: 1 } });
    const [create, activate] = fluent.emulator.events();
    expect(create).toMatchObject({ name: 'CREATE', retailerId: '7', accountId: 'OTHER', eventStatus: 'COMPLETE', rules: [{ name: 'OTHER.core.SendEvent' }] });
    expect(activate).toMatchObject({ name: 'Activate', eventStatus: 'COMPLETE', source: create!.id, context: { sourceEvents: [create!.id], entityRef: 'BA-7' } });
  });

  it('orchestrates orders and fulfilments in the order workflow, matching the ruleset subtype', async () => {
    const fluent = await start(workflowsDir({ 'order.json': order }));
    const customer = await fluent.gql<{ createCustomer: { id: string } }>(
      `mutation { createCustomer(input: {username: "u", firstName: "U", primaryEmail: "u@x", timezone: "UTC", promotionOptIn: false, retailer: {id: 7}}) { id } }`,
    );
    const created = await fluent.gql<{ createOrder: { id: string; workflowVersion: number } }>(
      `mutation ($c: ID!) { createOrder(input: {ref: "O1", type: "HD", retailer: {id: 7}, customer: {id: $c}, items: []}) { id workflowVersion } }`,
      { c: customer.data!.createCustomer.id },
    );
    expect(created.data!.createOrder.workflowVersion).toBe(2);
    for (const type of ['HD_PICK', 'HD_SHIP'])
      await fluent.gql(`mutation ($o: ID!, $t: String!) { createFulfilment(input: {ref: $t, type: $t, order: {id: $o}}) { id } }`, { o: created.data!.createOrder.id, t: type });
    await fluent.emulator.idle();
    expect(fluent.emulator.store.byRef('Order', 'O1')?.status).toBe('BOOKED');
    expect(fluent.emulator.store.byRef('Fulfilment', 'HD_PICK')?.status).toBe('AWAITING_WAVE');
    expect(fluent.emulator.store.byRef('Fulfilment', 'HD_SHIP')?.status).toBe('CREATED');
    const ship = fluent.emulator.events().find((e) => e.context.entityRef === 'HD_SHIP');
    expect(ship).toMatchObject({ eventStatus: 'NO_MATCH', context: { rootEntityType: 'ORDER', rootEntityRef: 'O1', entitySubtype: 'HD_SHIP' } });
  });

  it('holds an event with a future scheduledOn until it is due', async () => {
    const fluent = await start(workflowsDir({ 'billing.json': billing('1.0', 'ACTIVE') }));
    await createBillingAccount(fluent, 'BA-S');
    await fluent.emulator.idle();
    const response = await fluent.post('/api/v4.1/event/async', {
      name: 'NotInTheWorkflow', retailerId: '7', entityType: 'BILLING_ACCOUNT', entityRef: 'BA-S', scheduledOn: new Date(Date.now() + 200).toISOString(),
    });
    const { id } = (await response.json()) as { id: string };
    expect(fluent.emulator.events().find((e) => e.id === id)?.eventStatus).toBe('SCHEDULED');
    await fluent.emulator.idle();
    expect(fluent.emulator.events().find((e) => e.id === id)?.eventStatus).toBe('SCHEDULED');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await fluent.emulator.idle();
    expect(fluent.emulator.events().find((e) => e.id === id)?.eventStatus).toBe('NO_MATCH');
  });

  it('refuses to start with workflows whose rules are not installed for the account', async () => {
    const dir = workflowsDir({ 'billing.json': workflow('BILLING_ACCOUNT', 'CUSTOMER', '1.0', [
      { name: 'CREATE', type: 'BILLING_ACCOUNT', rules: [rule('core.NoSuchRule'), { name: 'ACME.core.SetState', props: { status: 'X' } }], triggers: [] },
    ]) });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await expect(startEmulator({ workflowsDir: dir, accountId: 'OTHER' })).rejects.toThrow(/not installed for account OTHER: OTHER.core.NoSuchRule, ACME.core.SetState/);
  });

  it('refuses a file that looks like a workflow but is not valid', async () => {
    const dir = workflowsDir({ 'broken.json': { ...billing('1.0', 'ACTIVE'), version: 'one' } });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await expect(startEmulator({ workflowsDir: dir })).rejects.toThrow(/broken.json: not a valid workflow: version/);
  });
});
