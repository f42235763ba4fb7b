import { createPublicKey, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DOCUMENT_FAILED_EVENT,
  DOCUMENT_GENERATED_EVENT,
  DOCUMENT_REQUESTED_EVENT,
  DOCUMENT_RETRY_EVENT,
  SIGNATURE_HEADER_MD5,
  SIGNATURE_HEADER_SHA512,
  STATUS,
  WEBHOOK_SETTING_NAME,
} from '../../connector/fluent/contract.ts';
import { createBillingAccount, createInvoice, money, startFluent, startReceiver, type Receiver, type TestFluent } from './helpers.ts';

const FAST_RETRIES = [0, 20, 20, 20];

describe('emulator workflow runner (workflows/BILLING_ACCOUNT-CUSTOMER.json)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(statuses: number[] = [200], withSetting = true): Promise<{ fluent: TestFluent; receiver: Receiver }> {
    const receiver = await startReceiver(statuses);
    cleanups.push(() => receiver.close());
    const settings = withSetting ? { [WEBHOOK_SETTING_NAME]: { name: DOCUMENT_REQUESTED_EVENT, url: receiver.url } } : {};
    const fluent = await startFluent({ settings, webhookRetryDelaysMs: FAST_RETRIES });
    cleanups.push(() => fluent.emulator.close());
    await createBillingAccount(fluent, 'BA-1');
    await createInvoice(fluent, 'INV-1', 'BA-1');
    await fluent.emulator.idle();
    return { fluent, receiver };
  }

  const invoiceEvent = (name: string, attributes: Record<string, unknown> = {}) => ({
    name,
    retailerId: '1',
    entityType: 'INVOICE',
    entityRef: 'INV-1',
    rootEntityType: 'BILLING_ACCOUNT',
    rootEntityRef: 'BA-1',
    attributes,
  });

  it('createInvoice raises CREATE, which sends a webhook signed like Fluent and moves the invoice on', async () => {
    const { fluent, receiver } = await setup();
    const { emulator } = fluent;
    expect(emulator.store.byRef('BillingAccount', 'BA-1')?.status).toBe('ACTIVE');
    expect(emulator.store.byRef('Invoice', 'INV-1')?.status).toBe(STATUS.requested);

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const key = createPublicKey({ key: Buffer.from(emulator.publicKeySpkiBase64, 'base64'), format: 'der', type: 'spki' });
    const sha512 = Buffer.from(String(request!.headers[SIGNATURE_HEADER_SHA512]), 'base64');
    const md5 = Buffer.from(String(request!.headers[SIGNATURE_HEADER_MD5]), 'base64');
    expect(verify('sha512', request!.body, key, sha512)).toBe(true);
    expect(verify('md5', request!.body, key, md5)).toBe(true);
    expect(verify('sha512', Buffer.concat([request!.body, Buffer.from(' ')]), key, sha512)).toBe(false);
    expect(request!.headers['content-type']).toBe('application/json');

    const create = emulator.events().find((e) => e.name === 'CREATE' && e.context.entityType === 'INVOICE');
    expect(create).toMatchObject({ eventStatus: 'COMPLETE', ruleset: 'CREATE', context: { entitySubtype: 'CUSTOMER', rootEntityType: 'BILLING_ACCOUNT', rootEntityRef: 'BA-1' } });
    expect(create!.rules.map((r) => r.name)).toEqual(['ACME.core.SendWebhook', 'ACME.core.SetState']);
    const body = JSON.parse(request!.body.toString('utf8'));
    expect(request!.body.toString('utf8')).toBe(JSON.stringify(body));
    expect(body).toMatchObject({
      name: DOCUMENT_REQUESTED_EVENT,
      accountId: 'ACME',
      retailerId: '1',
      entityId: '1',
      entityRef: 'INV-1',
      entityType: 'INVOICE',
      entitySubtype: 'CUSTOMER',
      entityStatus: 'CREATED',
      type: 'NORMAL',
      attributes: {},
      rootEntityId: '1',
      rootEntityType: 'BILLING_ACCOUNT',
      rootEntityRef: 'BA-1',
    });
    expect(body.id).not.toBe(create!.id);
    expect(emulator.webhooks()).toEqual([
      expect.objectContaining({ id: body.id, sourceEventId: create!.id, url: receiver.url, status: 'DELIVERED', attempts: [expect.objectContaining({ statusCode: 200 })] }),
    ]);
  });

  it('retries a failing receiver with the same bytes: 500, 500, 200 is three attempts', async () => {
    const { fluent, receiver } = await setup([500, 500, 200]);
    const [delivery] = fluent.emulator.webhooks();
    expect(delivery!.status).toBe('DELIVERED');
    expect(delivery!.attempts.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    expect(receiver.requests).toHaveLength(3);
    const bodies = new Set(receiver.requests.map((r) => r.body.toString('utf8')));
    expect(bodies.size).toBe(1);
    expect(new Set(receiver.requests.map((r) => r.headers[SIGNATURE_HEADER_SHA512])).size).toBe(1);
  });

  it('gives up after the first try and four retries when the receiver keeps failing', async () => {
    const { fluent } = await setup([503]);
    const [delivery] = fluent.emulator.webhooks();
    expect(delivery!.status).toBe('FAILED');
    expect(delivery!.attempts.map((a) => a.statusCode)).toEqual([503, 503, 503, 503, 503]);
  });

  it('records a failed audit event, not a crash, when the webhook setting is missing', async () => {
    const { fluent, receiver } = await setup([200], false);
    const { emulator } = fluent;
    const create = emulator.events().find((e) => e.name === 'CREATE' && e.context.entityType === 'INVOICE');
    expect(create?.eventStatus).toBe('COMPLETE');
    const audit = emulator.events().find((e) => e.type === 'ORCHESTRATION_AUDIT' && e.context.sourceEvents.includes(create!.id));
    expect(audit).toMatchObject({ eventStatus: 'FAILED', category: 'CUSTOM', message: expect.stringContaining(`setting '${WEBHOOK_SETTING_NAME}' was not found`) });
    expect(emulator.webhooks()).toEqual([]);
    expect(receiver.requests).toEqual([]);
    expect(emulator.store.byRef('Invoice', 'INV-1')?.status).toBe(STATUS.requested);
  });

  it('FolioDocumentGenerated writes the allow-listed attributes and moves the invoice to DOCUMENT_GENERATED', async () => {
    const { fluent } = await setup();
    const response = await fluent.post(
      '/api/v4.1/event/sync',
      invoiceEvent(DOCUMENT_GENERATED_EVENT, { folioViewUrl: 'https://folio/view/1', folioStorage: { container: 'docs' }, notOurs: 'x' }),
    );
    expect(await response.json()).toMatchObject({ eventStatus: 'COMPLETE' });
    const invoice = fluent.emulator.store.byRef('Invoice', 'INV-1');
    expect(invoice?.status).toBe(STATUS.generated);
    expect(invoice?.attributes).toEqual([
      { name: 'folioViewUrl', type: 'STRING', value: 'https://folio/view/1' },
      { name: 'folioStorage', type: 'JSON', value: { container: 'docs' } },
    ]);
    const log = fluent.emulator.events().find((e) => e.type === 'ORCHESTRATION_AUDIT' && e.category === 'CUSTOM');
    expect(log).toMatchObject({ eventStatus: 'COMPLETE', message: expect.stringContaining('notOurs') });

    // Regenerating an already generated document is allowed (DOCUMENT_GENERATED is a trigger).
    const again = await fluent.post('/api/v4.1/event/sync', invoiceEvent(DOCUMENT_GENERATED_EVENT, { folioViewUrl: 'https://folio/view/2' }));
    expect(await again.json()).toMatchObject({ eventStatus: 'COMPLETE' });
    expect(fluent.emulator.store.byRef('Invoice', 'INV-1')?.attributes).toContainEqual({ name: 'folioViewUrl', type: 'STRING', value: 'https://folio/view/2' });
  });

  it('fails the event, and leaves the status, when a rule throws', async () => {
    const { fluent } = await setup();
    const response = await fluent.post('/api/v4.1/event/sync', invoiceEvent(DOCUMENT_GENERATED_EVENT, {}));
    const { eventId, eventStatus } = (await response.json()) as { eventId: string; eventStatus: string };
    expect(eventStatus).toBe('FAILED');
    const event = fluent.emulator.events().find((e) => e.id === eventId);
    expect(event?.rules).toEqual([expect.objectContaining({ name: 'ACME.folio.ApplyDocumentUpdate', error: expect.stringContaining('none of Folio') })]);
    expect(fluent.emulator.events().some((e) => e.category === 'exception' && e.context.sourceEvents.includes(eventId))).toBe(true);
    expect(fluent.emulator.store.byRef('Invoice', 'INV-1')?.status).toBe(STATUS.requested);
  });

  it('FolioDocumentFailed then the FolioRetryDocument user action asks for the document again', async () => {
    const { fluent, receiver } = await setup();
    const failed = await fluent.post('/api/v4.1/event/sync', invoiceEvent(DOCUMENT_FAILED_EVENT, { folioFailureReason: 'boom' }));
    expect(await failed.json()).toMatchObject({ eventStatus: 'COMPLETE' });
    expect(fluent.emulator.store.byRef('Invoice', 'INV-1')?.status).toBe(STATUS.failed);

    const retry = await fluent.post('/api/v4.1/event/sync', invoiceEvent(DOCUMENT_RETRY_EVENT));
    expect(await retry.json()).toMatchObject({ eventStatus: 'COMPLETE' });
    await fluent.emulator.idle();
    expect(fluent.emulator.store.byRef('Invoice', 'INV-1')?.status).toBe(STATUS.requested);
    expect(receiver.requests).toHaveLength(2);
    // The retry event came without entitySubtype; the platform fills it in, as on CREATE.
    expect(JSON.parse(receiver.requests[1]!.body.toString('utf8'))).toMatchObject({ name: DOCUMENT_REQUESTED_EVENT, entityStatus: STATUS.failed, entitySubtype: 'CUSTOMER' });

    // Retry is for failed and stuck (still requested) documents; a generated one has no retry ruleset.
    await fluent.post('/api/v4.1/event/sync', invoiceEvent(DOCUMENT_GENERATED_EVENT, { folioDownloadUrl: 'https://folio/inv-1.pdf' }));
    expect(fluent.emulator.store.byRef('Invoice', 'INV-1')?.status).toBe(STATUS.generated);
    const noMatch = await fluent.post('/api/v4.1/event/sync', invoiceEvent(DOCUMENT_RETRY_EVENT));
    expect(await noMatch.json()).toMatchObject({ eventStatus: 'NO_MATCH' });
  });

  it('runs the plugin rules for credit memos: folio.SendDocumentWebhook asks for a CREDIT_NOTE', async () => {
    const { fluent, receiver } = await setup();
    const created = await fluent.gql(`mutation ($input: CreateCreditMemoInput) { createCreditMemo(input: $input) { ref } }`, {
      input: {
        ref: 'CM-1', type: 'CREDIT_MEMO', billingAccount: { ref: 'BA-1' }, invoice: { ref: 'INV-1' }, issueDate: '2026-11-02T00:00:00Z',
        currency: { alphabeticCode: 'AUD' }, defaultTaxType: { country: 'AU', group: 'STANDARD', tariff: 'GST' },
        subTotalAmount: money(10), totalTax: money(1), totalAmount: money(11), totalBalance: money(11),
      },
    });
    expect(created.errors).toBeUndefined();
    await fluent.emulator.idle();
    expect(fluent.emulator.store.byRef('CreditMemo', 'CM-1')?.status).toBe(STATUS.requested);
    const webhook = JSON.parse(receiver.requests.at(-1)!.body.toString('utf8'));
    expect(webhook).toMatchObject({ name: DOCUMENT_REQUESTED_EVENT, entityType: 'CREDIT_MEMO', entityRef: 'CM-1', entitySubtype: 'CUSTOMER', rootEntityRef: 'BA-1', attributes: { documentType: 'CREDIT_NOTE' } });

    const generated = await fluent.post('/api/v4.1/event/sync', { ...invoiceEvent(DOCUMENT_GENERATED_EVENT, { folioDownloadUrl: 'https://folio/cm-1.pdf' }), entityType: 'CREDIT_MEMO', entityRef: 'CM-1' });
    expect(await generated.json()).toMatchObject({ eventStatus: 'COMPLETE' });
    expect(fluent.emulator.store.byRef('CreditMemo', 'CM-1')).toMatchObject({
      status: STATUS.generated,
      attributes: [{ name: 'folioDownloadUrl', type: 'STRING', value: 'https://folio/cm-1.pdf' }],
    });
  });
});
