import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKeys } from '../../connector/api/api-keys.ts';
import type { WebhookEventBody } from '../../connector/webhooks/event-body.ts';
import { verifySignature } from '../../connector/webhooks/signature.ts';
import { createWebhookSubscriptions } from '../../connector/webhooks/subscriptions.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { startLoop, type Loop } from '../e2e/loop-harness.ts';
import { WebhookReceiver } from './support/receiver.ts';
import { waitFor } from './support/webhook-setup.ts';

let loop: Loop;
const receiver = new WebhookReceiver();
beforeAll(async () => {
  await receiver.start();
  loop = await startLoop({ FOLIO_OUTBOUND_RETRY_BASE_MS: '1000', FOLIO_OUTBOUND_POLL_MS: '500' });
}, 120_000);
afterAll(async () => {
  await loop?.close();
  await receiver.stop();
});

// The whole loop: Fluent's webhook → the pipeline → the document's record → an event → a signed POST;
// then the documents API of the running connector finds the same document, its model and its PDF.
it('a document made by the connector is announced by webhook and served by /api/v1', { timeout: 120_000 }, async () => {
  const scope = { accountId: loop.config.FLUENT_ACCOUNT_ID, retailerId: loop.emulator.retailerId };
  const { secret } = await createWebhookSubscriptions(loop.connector.db).create({ scope, url: receiver.url, eventTypes: ['document.generated'] });
  const key = (await createApiKeys(loop.connector.db).create({ scope, name: 'loop test' })).secret;

  const { invoiceRef } = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'API-1' });
  await loop.documentFor(invoiceRef);
  await waitFor('document.generated at the receiver', async () => receiver.received.length > 0, 30_000);
  const [received] = receiver.received;
  expect(verifySignature(secret, received!.body, received!.headers['folio-signature'] as string).valid).toBe(true);
  const event = JSON.parse(received!.body) as WebhookEventBody & { data: { document: { id: string; entityRef: string; number: string } } };
  expect(event).toMatchObject({ type: 'document.generated', data: { document: { entityRef: invoiceRef } } });

  const get = async (path: string, method = 'GET') => {
    const response = await fetch(`${loop.connector.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as any;
  };
  expect((await get(`/documents?entityRef=${encodeURIComponent(invoiceRef)}`)).data.map((document: { id: string }) => document.id)).toEqual([event.data.document.id]);
  const { model } = await get(`/documents/${event.data.document.id}/model`);
  expect(model.number).toBe(event.data.document.number);
  expect(model.lines.length).toBeGreaterThan(0);
  expect(model.lines.reduce((sum: number, line: { grossMinor: number }) => sum + line.grossMinor, 0)).toBe(model.totals.grossMinor);
  const links = await get(`/documents/${event.data.document.id}/links`, 'POST');
  const pdf = await fetch(links.downloadUrl);
  expect(pdf.status).toBe(200);
  expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  expect((await fetch(`${loop.connector.url}/api/v1/openapi.json`)).status).toBe(200);
});
