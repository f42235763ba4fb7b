import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FluentAdminClient } from '../../connector/install/admin-client.ts';
import { DOCUMENT_GENERATED_EVENT, DOCUMENT_REQUESTED_EVENT, PRESERVE_EVENT_DETAILS, STATUS, WEBHOOK_RETRY_METHOD_SETTING, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { workflowSchema } from '../../connector/install/workflow-schema.ts';
import { createSampleCreditMemo } from '../../scripts/demo/sample-billing.ts';
import { waitForDocument } from '../../scripts/demo/sample-documents.ts';
import { createSampleInvoice, type CreatedInvoice } from '../../scripts/demo/sample-invoice.ts';
import { startLoop, type Loop } from './loop-harness.ts';

/** Sits between Fluent and the connector: answers 503 to the next `failNext` webhooks, forwards the rest, records every body. */
interface FlakyProxy {
  url: string;
  bodies: string[];
  failNext: number;
  close(): Promise<void>;
}

async function startFlakyProxy(target: string): Promise<FlakyProxy> {
  const proxy: FlakyProxy = { url: '', bodies: [], failNext: 0, close: async () => undefined };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      proxy.bodies.push(body.toString('utf8'));
      if (proxy.failNext > 0) {
        proxy.failNext -= 1;
        response.writeHead(503).end('connector briefly unavailable');
        return;
      }
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name === 'content-type' || name.includes('signature'))) as Record<string, string>;
      fetch(target, { method: 'POST', headers, body })
        .then(async (answer) => response.writeHead(answer.status).end(await answer.text()))
        .catch((error: unknown) => response.writeHead(502).end(String(error)));
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fluent/webhook`;
  proxy.close = () => new Promise((resolve) => server.close(() => resolve()));
  return proxy;
}

/**
 * Fluent's `fc.rubix.sdk.webhook.retry.method` (REFERENCE.md §1.4): a credit memo's document request
 * (folio.SendDocumentWebhook, documentType CREDIT_NOTE) fails once and is retried. Under
 * preserve-event-details the retry re-sends the rule's body; under Fluent's default it is rebuilt by
 * the standard SendWebhook logic without `documentType`. Either way: exactly one credit note.
 */
describe('webhook retries under each retry method', () => {
  let loop: Loop;
  let proxy: FlakyProxy;
  let admin: FluentAdminClient;
  let invoice: CreatedInvoice;

  beforeAll(async () => {
    loop = await startLoop();
    admin = new FluentAdminClient({ baseUrl: loop.emulator.url, accountId: loop.emulator.accountId, credentials: loop.emulator.credentials });
    invoice = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'RETRY' });
    expect((await loop.documentFor(invoice.invoiceRef)).status).toBe(STATUS.generated);
    proxy = await startFlakyProxy(`${loop.connector.url}/fluent/webhook`);
    loop.emulator.setSetting(WEBHOOK_SETTING_NAME, { name: DOCUMENT_REQUESTED_EVENT, url: proxy.url });
  });
  afterAll(async () => {
    await proxy?.close();
    await loop?.close();
  });

  /** Creates a credit memo whose first webhook attempt gets 503; returns the two bodies the connector's side saw. */
  async function creditMemoRetriedOnce(ref: string) {
    proxy.failNext = 1;
    const seen = proxy.bodies.length;
    await createSampleCreditMemo(loop.fluent, {
      retailerId: loop.emulator.retailerId, ref, billingAccountRef: invoice.billingAccountRef, invoiceRef: invoice.invoiceRef, orderRef: invoice.orderRef,
      lines: [{ description: 'Leather belt', quantity: 1, unitMinor: 3450, taxPercent: 20, reason: 'Damaged in transit' }],
    });
    const reply = await waitForDocument(loop.emulator, { entityType: 'CREDIT_MEMO', entityRef: ref });
    expect(reply, reply.failureReason).toMatchObject({ outcome: 'generated', documentType: 'credit_note' });
    expect(reply.number).toMatch(/^CN-/);
    const reports = loop.emulator.events().filter((e) => e.type === 'ORCHESTRATION' && e.name === DOCUMENT_GENERATED_EVENT && e.context.entityRef === ref);
    expect(reports).toHaveLength(1);
    expect(loop.emulator.store.byRef('CreditMemo', ref)?.status).toBe(STATUS.generated);
    const delivery = loop.emulator.webhooks().find((w) => JSON.parse(w.body).entityRef === ref);
    const [failed, accepted, ...more] = delivery?.attempts.map((a) => a.statusCode ?? 0) ?? [];
    expect([failed, more]).toEqual([503, []]);
    expect(accepted).toBeGreaterThanOrEqual(200);
    expect(accepted).toBeLessThan(300);
    const [first, retry] = proxy.bodies.slice(seen).map((body) => JSON.parse(body) as { id: string; name: string; entityRef: string; attributes: Record<string, unknown> });
    expect(proxy.bodies.length - seen).toBe(2);
    return { first: first!, retry: retry!, delivery: delivery! };
  }

  let preserved: Awaited<ReturnType<typeof creditMemoRetriedOnce>>;
  let rebuilt: Awaited<ReturnType<typeof creditMemoRetriedOnce>>;

  it('preserve-event-details (Folio ships it): the retry re-sends the custom rule’s body, documentType included', async () => {
    const shipped = workflowSchema.parse(await admin.getWorkflow(loop.emulator.retailerId, 'BILLING_ACCOUNT::CUSTOMER'));
    expect(shipped.settings[WEBHOOK_RETRY_METHOD_SETTING]).toBe(PRESERVE_EVENT_DETAILS);
    preserved = await creditMemoRetriedOnce('CM-RETRY-PRESERVE');
    expect(preserved.first.attributes).toMatchObject({ documentType: 'CREDIT_NOTE' });
    expect(preserved.retry).toEqual(preserved.first);
    expect(preserved.delivery.retryBody).toBeUndefined();
  });

  it("Fluent's default method: the retry is rebuilt by the standard SendWebhook logic, without documentType; still one credit note", async () => {
    const shipped = workflowSchema.parse(await admin.getWorkflow(loop.emulator.retailerId, 'BILLING_ACCOUNT::CUSTOMER'));
    const { [WEBHOOK_RETRY_METHOD_SETTING]: _method, ...otherSettings } = shipped.settings;
    await admin.putWorkflow({ ...shipped, settings: otherSettings });

    rebuilt = await creditMemoRetriedOnce('CM-RETRY-DEFAULT');
    expect(rebuilt.first.attributes).toMatchObject({ documentType: 'CREDIT_NOTE' });
    expect(rebuilt.retry.attributes).not.toHaveProperty('documentType');
    // INFERRED (contract.ts WEBHOOK_RETRY_KEEPS_EVENT_ID): same webhook, same id and event name.
    expect(rebuilt.retry).toMatchObject({ id: rebuilt.first.id, name: rebuilt.first.name, entityRef: 'CM-RETRY-DEFAULT' });
    expect(JSON.parse(rebuilt.delivery.retryBody!)).toEqual(rebuilt.retry);
  });

  it('the retried body differs between the two methods', () => {
    const shape = (event: { attributes: Record<string, unknown> }) => Object.keys(event.attributes).sort();
    expect(shape(preserved.retry)).toContain('documentType');
    expect(shape(rebuilt.retry)).not.toContain('documentType');
    expect(shape(preserved.retry)).not.toEqual(shape(rebuilt.retry));
  });
});
