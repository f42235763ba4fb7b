import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fluentEventSchema } from '../../connector/fluent/event-model.ts';
import { WebhookDeliverer } from '../../scripts/emulator/webhooks/deliverer.ts';
import { createSigner } from '../../scripts/emulator/webhooks/signer.ts';

/** A receiver that holds every request until release(), then answers `status`. */
async function holdingReceiver(status: number) {
  const held: ServerResponse<IncomingMessage>[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => held.push(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/fluent/webhook`,
    held,
    release: () => held.splice(0).forEach((res) => res.writeHead(status).end('ok')),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const event = (n: number) => fluentEventSchema.parse({ id: `e-${n}`, name: 'DocumentRequested', accountId: 'ACME', retailerId: '1', entityType: 'INVOICE', entityRef: `INV-${n}` });

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(check()).toBe(true);
};

describe('the emulator webhook deliverer', () => {
  let cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup = [];
  });

  it('keeps 30 deliveries in flight on one abort signal without a MaxListenersExceededWarning', async () => {
    const receiver = await holdingReceiver(200);
    const deliverer = new WebhookDeliverer(await createSigner(), [0]);
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    cleanup.push(async () => void process.off('warning', onWarning), () => deliverer.close(), () => receiver.close());

    const deliveries = Array.from({ length: 30 }, (_, n) => deliverer.deliver(receiver.url, event(n), `source-${n}`, [0]));
    await until(() => receiver.held.length === 30);
    receiver.release();
    await until(() => !deliverer.busy);
    expect(deliveries.map((delivery) => delivery.status)).toEqual(Array(30).fill('DELIVERED'));
    // Node emits warnings on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('close() ends attempts in flight and waits between retries at once', async () => {
    const receiver = await holdingReceiver(503);
    const deliverer = new WebhookDeliverer(await createSigner());
    cleanup.push(() => receiver.close());
    // One delivery waits for its answer, the other for its retry an hour away.
    const inFlight = deliverer.deliver(receiver.url, event(1), 'source-1', [3_600_000]);
    await until(() => receiver.held.length === 1);
    receiver.release();
    await until(() => inFlight.attempts.length === 1);
    const waiting = deliverer.deliver(receiver.url, event(2), 'source-2', [3_600_000]);
    await until(() => receiver.held.length === 1);

    // Without the abort, close() would wait an hour and the test would time out.
    await deliverer.close();
    expect([inFlight.status, waiting.status]).toEqual(['FAILED', 'FAILED']);
    expect(inFlight.attempts).toEqual([expect.objectContaining({ statusCode: 503 })]);
    expect(waiting.attempts).toEqual([expect.objectContaining({ error: expect.stringMatching(/cancel|abort/i) })]);
  });
});
