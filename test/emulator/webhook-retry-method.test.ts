import { afterEach, describe, expect, it } from 'vitest';
import { DOCUMENT_REQUESTED_EVENT, PRESERVE_EVENT_DETAILS, WEBHOOK_RETRY_METHOD_SETTING, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { workflowSchema } from '../../connector/install/workflow-schema.ts';
import { createBillingAccount, createInvoice, money, startFluent, startReceiver, type Receiver, type TestFluent } from './helpers.ts';

/**
 * The emulator's model of `fc.rubix.sdk.webhook.retry.method` (REFERENCE.md §1.4), one failed attempt
 * each: a custom rule's webhook keeps its body on retry only under preserve-event-details; by default
 * the retry is the standard SendWebhook body. core.SendWebhook's own webhooks resend the same bytes.
 */
describe('webhook retries and the workflow retry method', () => {
  let fluent: TestFluent | undefined;
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await fluent?.emulator.close();
    await receiver?.close();
  });

  async function setup(method: 'preserve' | 'default') {
    receiver = await startReceiver([503, 200]);
    fluent = await startFluent({ settings: { [WEBHOOK_SETTING_NAME]: { name: DOCUMENT_REQUESTED_EVENT, url: receiver.url } }, webhookRetryDelaysMs: [0] });
    const shipped = workflowSchema.parse(await (await fluent.get('/api/v4.1/workflow/1/BILLING_ACCOUNT::CUSTOMER')).json());
    expect(shipped.settings[WEBHOOK_RETRY_METHOD_SETTING]).toBe(PRESERVE_EVENT_DETAILS);
    if (method === 'default') {
      const { [WEBHOOK_RETRY_METHOD_SETTING]: _dropped, ...settings } = shipped.settings;
      const put = await fetch(`${fluent.emulator.url}/api/v4.1/workflow`, { method: 'PUT', headers: { authorization: `Bearer ${fluent.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ ...shipped, settings }) });
      expect(put.status).toBe(200);
    }
    await createBillingAccount(fluent, 'BA-1');
    return fluent;
  }

  async function creditMemoBodies(f: TestFluent) {
    const created = await f.gql(`mutation ($input: CreateCreditMemoInput) { createCreditMemo(input: $input) { ref } }`, {
      input: {
        ref: 'CM-1', type: 'CREDIT_MEMO', billingAccount: { ref: 'BA-1' }, issueDate: '2026-11-02T00:00:00Z',
        currency: { alphabeticCode: 'AUD' }, defaultTaxType: { country: 'AU', group: 'STANDARD', tariff: 'GST' },
        subTotalAmount: money(10), totalTax: money(1), totalAmount: money(11), totalBalance: money(11),
      },
    });
    expect(created.errors).toBeUndefined();
    await f.emulator.idle();
    return bodies();
  }

  const bodies = () => receiver!.requests.map((r) => JSON.parse(r.body.toString('utf8')) as { id: string; entityRef: string; attributes: Record<string, unknown> });

  it('preserve-event-details: the retry of folio.SendDocumentWebhook re-sends its body, documentType included', async () => {
    const [first, retry] = await creditMemoBodies(await setup('preserve'));
    expect(first?.attributes).toMatchObject({ documentType: 'CREDIT_NOTE' });
    expect(retry).toEqual(first);
    expect(fluent!.emulator.webhooks().at(-1)).toMatchObject({ status: 'DELIVERED', attempts: [{ statusCode: 503 }, { statusCode: 200 }] });
  });

  it("Fluent's default: the retry is rebuilt from the triggering event, without documentType, signed anew", async () => {
    const [first, retry] = await creditMemoBodies(await setup('default'));
    expect(first?.attributes).toMatchObject({ documentType: 'CREDIT_NOTE' });
    expect(retry?.attributes).toEqual({});
    expect(retry).toMatchObject({ id: first?.id, entityRef: 'CM-1', name: DOCUMENT_REQUESTED_EVENT });
    const [firstRequest, retryRequest] = receiver!.requests;
    expect(retryRequest?.headers['fluent-signature']).not.toBe(firstRequest?.headers['fluent-signature']);
    expect(fluent!.emulator.webhooks().at(-1)?.retryBody).toBe(retryRequest?.body.toString('utf8'));
  });

  it("core.SendWebhook's own webhook (INVOICE CREATE) resends the same bytes under the default too", async () => {
    const f = await setup('default');
    await createInvoice(f, 'INV-1', 'BA-1');
    await f.emulator.idle();
    const [first, retry] = receiver!.requests;
    expect(retry?.body.equals(first!.body)).toBe(true);
    expect(f.emulator.webhooks().at(-1)?.retryBody).toBeUndefined();
  });
});
