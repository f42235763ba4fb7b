import { generateKeyPairSync, sign } from 'node:crypto';
import { request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobQueue } from '../../connector/queue/create-job-queue.ts';
import type { JobQueue } from '../../connector/core/ports/job-queue.ts';
import { createHttpServer } from '../../connector/http/app.ts';
import { loadWebhookKeys } from '../../connector/receive/signature.ts';
import { createWebhookHandler } from '../../connector/receive/webhook-handler.ts';
import { freshPgliteDatabase, type TestDatabase } from '../support/databases.ts';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keys = loadWebhookKeys([{ name: 'test-env', publicKeySpkiBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') }]);
const MAX_BYTES = 4096;

const signed = (body: string) => ({ 'content-type': 'application/json', 'fluent-signature': sign('sha512', Buffer.from(body), privateKey).toString('base64') });
const event = (id: string) => JSON.stringify({ id, name: 'FolioDocumentRequested', accountId: 'ACME', retailerId: '1', entityId: '7', entityRef: 'INV-7', entityType: 'INVOICE', rootEntityType: 'BILLING_ACCOUNT', rootEntityRef: 'BA-7', attributes: {} });

describe('POST /fluent/webhook', () => {
  let database: TestDatabase;
  let queue: JobQueue;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    database = await freshPgliteDatabase();
    queue = createJobQueue(database.db);
    server = createHttpServer({ webhook: createWebhookHandler({ keys, queue, maxBytes: MAX_BYTES }), readiness: {} }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/fluent/webhook`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await queue?.stop();
    await database?.dispose();
  });

  const post = (body: string, headers: Record<string, string>) => fetch(url, { method: 'POST', body, headers });

  it('accepts a signed event with 200 once it is queued, and says duplicate the second time', async () => {
    const body = event('e-1');
    const first = await post(body, signed(body));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'accepted', eventId: 'e-1' });
    expect((await queue.counts()).queued).toBe(1);
    const again = await post(body, signed(body));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'duplicate', eventId: 'e-1' });
    expect((await queue.counts()).queued).toBe(1);
  });

  it('answers 401 to a missing or wrong signature, before reading the body', async () => {
    const body = event('e-2');
    const missing = await post(body, { 'content-type': 'application/json' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ title: 'invalid signature', detail: 'missing fluent-signature header' });
    const tampered = await post(body.replace('INV-7', 'INV-8'), signed(body));
    expect(tampered.status).toBe(401);
    const notJsonButUnsigned = await post('not json', {});
    expect(notJsonButUnsigned.status).toBe(401);
  });

  it('answers 400 with the reason to a signed body that is not a Fluent event', async () => {
    const notJson = await post('{"id":', signed('{"id":'));
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ title: 'malformed event', detail: 'the body is not JSON' });

    const noEntity = JSON.stringify({ id: 'e-3', name: 'X', accountId: 'ACME', retailerId: '1', entityType: 'INVOICE' });
    const response = await post(noEntity, signed(noEntity));
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toContain('event names neither entityRef nor entityId');

    const noAccount = JSON.stringify({ id: 'e-4', name: 'X', retailerId: '1', entityType: 'INVOICE', entityRef: 'I' });
    const missingField = await post(noAccount, signed(noAccount));
    expect((await missingField.json()).detail).toMatch(/^accountId: /);
  });

  it('answers 413 to a body over the size limit', async () => {
    const body = JSON.stringify({ padding: 'x'.repeat(MAX_BYTES) });
    const response = await post(body, signed(body));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ title: 'payload too large' });
  });

  it('answers 415 to a compressed body, and 400 when the body is shorter than its declared length', async () => {
    const body = event('e-6');
    const gzipped = await post(body, { ...signed(body), 'content-encoding': 'gzip' });
    expect(gzipped.status).toBe(415);
    expect(await gzipped.json()).toMatchObject({ title: 'unsupported content-encoding' });

    const { hostname, port } = new URL(url);
    const status = await new Promise<number>((resolve, reject) => {
      const short = request({ hostname, port, path: '/fluent/webhook', method: 'POST', headers: { ...signed(body), 'content-length': String(body.length + 10) } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      short.once('error', reject);
      short.write(body);
      setTimeout(() => short.destroy(), 200);
    }).catch(() => 0);
    // The sender hung up before sending what it declared: nothing was accepted, whatever it heard.
    expect([0, 400]).toContain(status);
    expect((await queue.counts()).queued).toBe(1);
  });

  it('leaves other methods on the webhook path to the 404 handler', async () => {
    const response = await fetch(url);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ title: 'not found' });
  });

  it('answers 503 (so Fluent retries) when the event cannot be stored', async () => {
    const body = event('e-5');
    await queue.stop();
    const response = await post(body, signed(body));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ title: 'temporarily unavailable' });
  });
});
