import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE, DOCUMENT_FAILED_EVENT, DOCUMENT_GENERATED_EVENT, DOCUMENT_REQUESTED_EVENT, DOCUMENT_RETRY_EVENT, STATUS, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { readFragmentFiles, readWorkflowFiles } from '../../connector/install/folio-files.ts';
import { folioPartsFor } from '../../connector/install/folio-parts.ts';
import { mergeIntoWorkflow } from '../../connector/install/merge-workflow.ts';
import type { Workflow } from '../../connector/install/workflow-schema.ts';
import { createBillingAccount, createInvoice, money, startFluent, startReceiver, type Receiver, type TestFluent } from '../emulator/helpers.ts';
import { clickAndCollectOrder, defaultReturns } from './fixtures/retailer-workflows.ts';

/**
 * Runs every ruleset Folio ships in the emulator: the billing workflow as the emulator loads it from
 * workflows/, and the fragments merged into retailer workflows and pushed with PUT /api/v4.1/workflow.
 * Each test drives one entity through its document life cycle; the last one checks nothing was missed.
 */

describe('every Folio ruleset runs in the emulator', () => {
  let fluent: TestFluent;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    fluent = await startFluent({ settings: { [WEBHOOK_SETTING_NAME]: { name: DOCUMENT_REQUESTED_EVENT, url: receiver.url } } });
    for (const theirs of [clickAndCollectOrder, defaultReturns]) {
      const merged = mergeIntoWorkflow(theirs, folioPartsFor(theirs, 'ACME')!);
      if (!merged.ok) throw new Error(merged.conflicts.map((c) => c.diff).join('\n'));
      const response = await fetch(`${fluent.emulator.url}/api/v4.1/workflow`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${fluent.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(merged.workflow),
      });
      expect(await response.json()).toEqual({ entityId: `1-${theirs.name}::${merged.workflow.version}`, eventStatus: 'COMPLETE' });
    }
  });

  afterAll(async () => {
    await fluent.emulator.close();
    await receiver.close();
  });

  /** Sends an event through the sync Event API and expects its ruleset to complete. */
  async function run(name: string, entity: Record<string, string>, attributes: Record<string, unknown> = {}): Promise<void> {
    const answer = (await (await fluent.post('/api/v4.1/event/sync', { name, retailerId: '1', ...entity, attributes })).json()) as { eventStatus: string };
    const event = fluent.emulator.events().filter((e) => e.name === name).at(-1);
    expect(answer.eventStatus, `${name} on ${JSON.stringify(entity)}: ${event?.message ?? ''}`).toBe('COMPLETE');
    await fluent.emulator.idle();
  }
  const lastWebhook = () => JSON.parse(receiver.requests.at(-1)!.body.toString('utf8')) as Record<string, any>;
  const attribute = (row: { attributes?: unknown } | undefined, name: string) => (row?.attributes as { name: string; value: unknown }[] | undefined)?.find((a) => a.name === name)?.value;

  it.each([
    ['INVOICE', 'INV-1', 'Invoice', 'INVOICE'],
    ['CREDIT_MEMO', 'CM-1', 'CreditMemo', 'CREDIT_NOTE'],
  ])('billing: a %s goes requested → failed → retried → generated → requested again', async (entityType, ref, table, documentType) => {
    if (entityType === 'INVOICE') {
      await createBillingAccount(fluent, 'BA-1');
      await createInvoice(fluent, 'INV-1', 'BA-1');
    } else {
      const created = await fluent.gql(`mutation ($input: CreateCreditMemoInput) { createCreditMemo(input: $input) { ref } }`, {
        input: {
          ref, type: 'CREDIT_MEMO', billingAccount: { ref: 'BA-1' }, invoice: { ref: 'INV-1' }, issueDate: '2026-11-02T00:00:00Z',
          currency: { alphabeticCode: 'AUD' }, defaultTaxType: { country: 'AU', group: 'STANDARD', tariff: 'GST' },
          subTotalAmount: money(10), totalTax: money(1), totalAmount: money(11), totalBalance: money(11),
        },
      });
      expect(created.errors).toBeUndefined();
    }
    await fluent.emulator.idle();
    const status = () => fluent.emulator.store.byRef(table, ref)?.status;
    expect(status()).toBe(STATUS.requested);
    expect(lastWebhook()).toMatchObject({ name: DOCUMENT_REQUESTED_EVENT, entityType, entityRef: ref });

    const entity = { entityType, entityRef: ref, rootEntityType: 'BILLING_ACCOUNT', rootEntityRef: 'BA-1' };
    await run(DOCUMENT_FAILED_EVENT, entity, { [ATTRIBUTE.failureReason]: 'template missing' });
    expect(status()).toBe(STATUS.failed);
    expect(attribute(fluent.emulator.store.byRef(table, ref), ATTRIBUTE.failureReason)).toBe('template missing');

    const before = receiver.requests.length;
    await run(DOCUMENT_RETRY_EVENT, entity);
    expect(status()).toBe(STATUS.requested);
    expect(receiver.requests.length).toBe(before + 1);

    await run(DOCUMENT_GENERATED_EVENT, entity, { [ATTRIBUTE.viewUrl]: `https://folio.example/v/${ref}` });
    expect(status()).toBe(STATUS.generated);
    expect(attribute(fluent.emulator.store.byRef(table, ref), ATTRIBUTE.viewUrl)).toBe(`https://folio.example/v/${ref}`);

    await run('FolioRequestDocument', entity);
    expect(status()).toBe(STATUS.requested);
    expect(lastWebhook()).toMatchObject({ name: DOCUMENT_REQUESTED_EVENT, entityRef: ref, attributes: { documentType } });
  });

  it('billing: a PAYMENT (receipt) goes requested → failed → retried → generated → requested again', async () => {
    await createBillingAccount(fluent, 'BA-PAY');
    const entity = { entityType: 'PAYMENT', entityRef: 'PAY-1', rootEntityType: 'BILLING_ACCOUNT', rootEntityRef: 'BA-PAY' };
    const status = () => fluent.emulator.store.byRef('Payment', 'PAY-1')?.status;

    // createPayment raises the platform's CREATE on the PAYMENT, as Fluent documents.
    const created = await fluent.gql(`mutation ($input: CreatePaymentInput) { createPayment(input: $input) { id } }`, {
      input: { ref: 'PAY-1', type: 'DEFAULT', retailer: { id: 1 }, amount: { amount: 10, scale: 2, unscaledValue: 1000 }, billingAccount: { ref: 'BA-PAY' } },
    });
    expect(created.errors).toBeUndefined();
    await fluent.emulator.idle();
    expect(status()).toBe(STATUS.requested);
    expect(lastWebhook()).toMatchObject({ name: DOCUMENT_REQUESTED_EVENT, entityType: 'PAYMENT', entityRef: 'PAY-1', attributes: { documentType: 'PAYMENT_RECEIPT' } });
    await run(DOCUMENT_FAILED_EVENT, entity, { [ATTRIBUTE.failureReason]: 'store down' });
    expect(status()).toBe(STATUS.failed);
    expect(attribute(fluent.emulator.store.byRef('Payment', 'PAY-1'), ATTRIBUTE.failureReason)).toBe('store down');
    const before = receiver.requests.length;
    await run(DOCUMENT_RETRY_EVENT, entity);
    expect(status()).toBe(STATUS.requested);
    expect(receiver.requests.length).toBe(before + 1);
    await run(DOCUMENT_GENERATED_EVENT, entity, { [ATTRIBUTE.viewUrl]: 'https://folio.example/v/PAY-1' });
    expect(status()).toBe(STATUS.generated);
    expect(attribute(fluent.emulator.store.byRef('Payment', 'PAY-1'), ATTRIBUTE.viewUrl)).toBe('https://folio.example/v/PAY-1');
    await run('FolioRequestDocument', entity);
    expect(status()).toBe(STATUS.requested);
  });

  async function orderFixture(): Promise<{ orderId: string; fulfilmentId: string }> {
    const customer = await fluent.gql<{ createCustomer: { id: string } }>(
      `mutation { createCustomer(input: {username: "sam", firstName: "Sam", primaryEmail: "sam@example.com", timezone: "UTC", promotionOptIn: false, retailer: {id: 1}}) { id } }`,
    );
    const order = await fluent.gql<{ createOrder: { id: string; items: { edges: { node: { id: string } }[] } } }>(
      `mutation ($c: ID!) { createOrder(input: {ref: "CC-1", type: "CC", retailer: {id: 1}, customer: {id: $c}, items: [{ref: "L1", productRef: "P1", quantity: 1}]}) { id items { edges { node { id } } } } }`,
      { c: customer.data!.createCustomer.id },
    );
    const orderId = order.data!.createOrder.id;
    const fulfilment = await fluent.gql<{ createFulfilment: { id: string } }>(
      `mutation ($o: ID!, $i: ID!) { createFulfilment(input: {ref: "F-1", type: "CC_PICK", order: {id: $o}, items: [{ref: "FI-1", filledQuantity: 1, rejectedQuantity: 0, orderItem: {id: $i}}]}) { id } }`,
      { o: orderId, i: order.data!.createOrder.items.edges[0]!.node.id },
    );
    await fluent.emulator.idle();
    return { orderId, fulfilmentId: fulfilment.data!.createFulfilment.id };
  }

  it('fragments: orders, fulfilments and returns get their documents while keeping the retailer\'s statuses', async () => {
    const { orderId, fulfilmentId } = await orderFixture();
    const returned = await fluent.gql(`mutation ($input: CreateReturnOrderInput) { createReturnOrder(input: $input) { ref } }`, {
      input: {
        ref: 'RO-1', retailer: { id: 1 }, type: 'DEFAULT', customer: { ref: 'sam' }, order: { ref: 'CC-1', retailer: { id: 1 } },
        currency: { alphabeticCode: 'AUD' }, defaultTaxType: { country: 'AU', group: 'STANDARD', tariff: 'GST' },
        subTotalAmount: money(10), totalTax: money(1), totalAmount: money(11),
        returnOrderItems: [{ ref: 'ROI-1', type: 'DEFAULT', product: { ref: 'P1', catalogue: { ref: 'DEFAULT' } }, unitQuantity: { quantity: 1 }, unitAmount: money(10), itemTaxAmount: money(1), itemAmount: money(10) }],
      },
    });
    expect(returned.errors).toBeUndefined();
    await fluent.emulator.idle();

    const cases: { entity: Record<string, string>; row: () => { status?: unknown; attributes?: unknown } | undefined; status: string; documentType: string }[] = [
      { entity: { entityType: 'ORDER', entityId: orderId }, row: () => fluent.emulator.store.get('Order', orderId), status: 'BOOKED', documentType: 'ORDER_CONFIRMATION' },
      { entity: { entityType: 'FULFILMENT', entityId: fulfilmentId }, row: () => fluent.emulator.store.get('Fulfilment', fulfilmentId), status: 'AWAITING_PICK', documentType: 'SHIPMENT_NOTE' },
      { entity: { entityType: 'RETURN_ORDER', entityRef: 'RO-1' }, row: () => fluent.emulator.store.byRef('ReturnOrder', 'RO-1'), status: 'AWAITING_RETURN', documentType: 'RETURN_CONFIRMATION' },
    ];
    for (const { entity, row, status, documentType } of cases) {
      expect(row()?.status, entity.entityType).toBe(status);
      await run('FolioRequestDocument', entity);
      expect(lastWebhook()).toMatchObject({ name: DOCUMENT_REQUESTED_EVENT, entityType: entity.entityType, attributes: { documentType } });
      await run(DOCUMENT_FAILED_EVENT, entity, { [ATTRIBUTE.failureReason]: 'renderer down' });
      expect(attribute(row(), ATTRIBUTE.failureReason)).toBe('renderer down');
      await run(DOCUMENT_RETRY_EVENT, entity);
      expect(lastWebhook()).toMatchObject({ entityType: entity.entityType, attributes: { documentType } });
      await run(DOCUMENT_GENERATED_EVENT, entity, { [ATTRIBUTE.downloadUrl]: 'https://folio.example/d/1.pdf' });
      expect(attribute(row(), ATTRIBUTE.downloadUrl)).toBe('https://folio.example/d/1.pdf');
      expect(row()?.status, `${entity.entityType} keeps the retailer's status`).toBe(status);
    }
  });

  it('missed none: every ruleset of every workflow and fragment completed at least once', async () => {
    const seen = new Set<string>();
    for (const event of fluent.emulator.events())
      if (event.type === 'ORCHESTRATION' && event.eventStatus === 'COMPLETE' && event.ruleset) seen.add(`${event.context.rootEntityType}:${event.context.entityType}/${event.ruleset}`);
    const expected = [
      ...readWorkflowFiles().flatMap(({ workflow }: { workflow: Workflow }) => workflow.rulesets.map((r) => `${workflow.entityType}:${r.type}/${r.name}`)),
      ...readFragmentFiles().flatMap(({ fragment }) => fragment.rulesets.map((r) => `${fragment.fragmentOf.split('::')[0]}:${r.type}/${r.name}`)),
    ];
    const missing = expected.filter((id) => !seen.has(id));
    expect(missing).toEqual([]);
  });
});
