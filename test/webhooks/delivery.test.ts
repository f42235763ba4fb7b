import { expect, it } from 'vitest';
import { createWebhookDeliveryLog } from '../../connector/webhooks/delivery-log.ts';
import type { WebhookEventBody } from '../../connector/webhooks/event-body.ts';
import { verifySignature } from '../../connector/webhooks/signature.ts';
import { createWebhookSubscriptions } from '../../connector/webhooks/subscriptions.ts';
import { describeOnBothDatabases } from '../support/databases.ts';
import { createContractChecker } from '../api/support/contract.ts';
import { WebhookReceiver } from './support/receiver.ts';
import { waitFor, webhookSetup } from './support/webhook-setup.ts';

const A = { accountId: 'ACME', retailerId: '1' };
const B = { accountId: 'ACME', retailerId: '2' };
const ALL = ['document.generated', 'document.failed', 'document.delivered', 'document.revoked'] as const;

async function startReceiver(): Promise<WebhookReceiver> {
  const receiver = new WebhookReceiver();
  await receiver.start();
  return receiver;
}

describeOnBothDatabases('outbound webhooks', (fresh) => {
  it('sends each fact as a signed event to the retailer’s subscribers only, and logs each try', async () => {
    const { db } = await fresh();
    const receiver = await startReceiver();
    const other = await startReceiver();
    try {
      const subscriptions = createWebhookSubscriptions(db);
      const { subscription, secret } = await subscriptions.create({ scope: A, url: receiver.url, eventTypes: [...ALL] });
      // Retailer 2's subscriber, and a subscriber of A to revocations only.
      await subscriptions.create({ scope: B, url: other.url, eventTypes: [...ALL] });
      const revocationsOnly = await subscriptions.create({ scope: A, url: other.url, eventTypes: ['document.revoked'] });
      const { queue, facts } = await webhookSetup(db);
      await queue.start();

      const document = await facts.generated(A, 'INV-1');
      await facts.delivered(document);
      await facts.revoked(document, 'sent to the wrong address');
      await facts.failed(A, 'INV-2', 'the invoice has no lines');

      await waitFor('four events at the receiver', async () => new Set(receiver.received.map((received) => received.headers['folio-event-id'])).size >= 4, 30_000);
      // At least once: a try whose answer came too late is sent again, with the same event id.
      const firstOfEach = receiver.received.filter((received, i, all) => all.findIndex((other) => other.headers['folio-event-id'] === received.headers['folio-event-id']) === i);
      const bodies = firstOfEach.map((received) => {
        expect(verifySignature(secret, received.body, received.headers['folio-signature'] as string)).toMatchObject({ valid: true });
        const body = JSON.parse(received.body) as WebhookEventBody;
        createContractChecker().checkWebhook(body);
        expect(received.headers['folio-event-id']).toBe(body.id);
        expect(received.headers['folio-event-type']).toBe(body.type);
        return body;
      });
      expect(bodies.map((body) => body.type).sort()).toEqual([...ALL].sort());
      const generated = bodies.find((body) => body.type === 'document.generated')!;
      expect(generated).toMatchObject({ accountId: 'ACME', retailerId: '1', data: { document: { number: document.number, type: 'invoice', status: 'stored', entityRef: 'INV-1', currency: 'GBP', sha256: document.stored!.sha256 } } });
      expect(generated.id).toMatch(/^evt_[0-9a-f]{32}$/);
      expect(bodies.find((body) => body.type === 'document.delivered')!.data).toMatchObject({ channel: 'email', confirmed: true, document: { number: document.number } });
      expect(bodies.find((body) => body.type === 'document.revoked')!.data).toMatchObject({ reason: 'sent to the wrong address', document: { number: document.number } });
      expect(bodies.find((body) => body.type === 'document.failed')!.data).toEqual({ entityRef: 'INV-2', reason: 'the invoice has no lines', attempt: 5 });
      // No personal data in an event: the buyer's address is in the model, never in a webhook.
      expect(receiver.received.map((received) => received.body).join()).not.toMatch(/@example\.com/);

      // Retailer 2's subscriber heard nothing; A's revocation-only subscriber heard the revocation alone.
      await waitFor('the revocation at the other receiver', async () => other.received.length >= 1, 30_000);
      expect(other.received.map((received) => JSON.parse(received.body).type)).toEqual(['document.revoked']);

      const log = createWebhookDeliveryLog(db);
      await waitFor('the log to show every delivery delivered', async () => (await log.list({ subscriptionId: subscription.id })).every((delivery) => delivery.state === 'delivered'), 10_000);
      const deliveries = await log.list({ subscriptionId: subscription.id });
      expect(deliveries).toHaveLength(4);
      for (const delivery of deliveries) {
        expect(delivery).toMatchObject({ lastStatus: 204, lastError: null, url: receiver.url });
        const attempts = (await log.attempts(delivery.id))!;
        expect(attempts).toHaveLength(delivery.attempts);
        expect(attempts.at(-1)).toEqual({ attempt: delivery.attempts, at: expect.any(Date), statusCode: 204, latencyMs: expect.any(Number), error: null, manual: false });
        // A try before the last one failed and says why (on a loaded machine, an answer may come too late).
        for (const earlier of attempts.slice(0, -1)) expect(earlier.error).toEqual(expect.any(String));
      }
      expect(await log.list({ subscriptionId: revocationsOnly.subscription.id, scopes: [B] })).toEqual([]);
      expect(await log.attempts(deliveries[0]!.id, { scopes: [B] })).toBeUndefined();
    } finally {
      await receiver.stop();
      await other.stop();
    }
  });

  it('stores no event for a fact that no enabled subscription of the retailer wants', async () => {
    const { db } = await fresh();
    const subscriptions = createWebhookSubscriptions(db);
    // B subscribes to everything, A only to revocations, and A's second subscription is switched off.
    await subscriptions.create({ scope: B, url: 'https://hooks.example/b', eventTypes: [...ALL] });
    await subscriptions.create({ scope: A, url: 'https://hooks.example/a', eventTypes: ['document.revoked'] });
    const off = await subscriptions.create({ scope: A, url: 'https://hooks.example/a-off', eventTypes: [...ALL] });
    await subscriptions.update(off.subscription.id, { enabled: false });
    const { facts } = await webhookSetup(db);

    const document = await facts.generated(A, 'INV-QUIET');
    await facts.delivered(document);
    await facts.failed(A, 'INV-QUIET-2', 'the invoice has no lines');
    expect((await db.query('SELECT type FROM folio_webhook_events')).rows).toEqual([]);
    await facts.revoked(document, 'sent to the wrong address');
    expect((await db.query('SELECT type, retailer_id FROM folio_webhook_events')).rows).toEqual([{ type: 'document.revoked', retailer_id: '1' }]);
  });

  it('retries a receiver that fails with backoff, and redelivers by hand with the same event', async () => {
    const { db } = await fresh();
    const receiver = await startReceiver();
    try {
      let answers = [500, 503];
      receiver.answer = () => answers.shift() ?? 200;
      const { subscription, secret } = await createWebhookSubscriptions(db).create({ scope: A, url: receiver.url, eventTypes: ['document.generated'] });
      const { queue, facts } = await webhookSetup(db);
      await queue.start();
      await facts.generated(A, 'INV-9');
      const log = createWebhookDeliveryLog(db);
      await waitFor('the delivery to succeed on its third try', async () => (await log.list({ subscriptionId: subscription.id }))[0]?.state === 'delivered', 30_000);
      const [delivery] = await log.list({ subscriptionId: subscription.id });
      expect((await log.attempts(delivery!.id))!.map((attempt) => attempt.statusCode)).toEqual([500, 503, 200]);
      expect(delivery).toMatchObject({ attempts: 3, lastStatus: 200 });
      // The queue waited between tries (backoff from 1 s, with jitter), not hammered the receiver.
      const gaps = receiver.received.slice(1).map((received, i) => received.at - receiver.received[i]!.at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(400);

      answers = [];
      expect(await log.redeliver(delivery!.id, { scopes: [B] })).toBeUndefined();
      expect(await log.redeliver(delivery!.id, { scopes: [A], requestedBy: 'ops@acme' })).toMatchObject({ state: 'pending', redeliveredBy: 'ops@acme' });
      await waitFor('the redelivery', async () => receiver.received.length === 4, 15_000);
      const [first, , , again] = receiver.received;
      expect(again!.body).toBe(first!.body);
      expect(verifySignature(secret, again!.body, again!.headers['folio-signature'] as string).valid).toBe(true);
      await waitFor('the log to show the manual try', async () => (await log.attempts(delivery!.id))!.length === 4, 5_000);
      expect((await log.attempts(delivery!.id))!.map((attempt) => [attempt.statusCode, attempt.manual])).toEqual([[500, false], [503, false], [200, false], [200, true]]);
    } finally {
      await receiver.stop();
    }
  });

  it('signs with both secrets while a rotated secret is kept, then with the new one alone', async () => {
    const { db } = await fresh();
    const receiver = await startReceiver();
    try {
      const subscriptions = createWebhookSubscriptions(db);
      const { subscription, secret: old } = await subscriptions.create({ scope: A, url: receiver.url, eventTypes: ['document.generated'] });
      expect(await subscriptions.rotateSecret(subscription.id, { scopes: [B] })).toBeUndefined();
      const rotated = (await subscriptions.rotateSecret(subscription.id, { scopes: [A] }))!;
      expect(rotated.secret).not.toBe(old);
      const { queue, facts } = await webhookSetup(db);
      await queue.start();
      await facts.generated(A, 'INV-R1');
      await waitFor('the first event', async () => receiver.received.length === 1, 20_000);
      const [during] = receiver.received;
      const header = during!.headers['folio-signature'] as string;
      expect(header.match(/v1=/g)).toHaveLength(2);
      expect(verifySignature(old, during!.body, header).valid).toBe(true);
      expect(verifySignature(rotated.secret, during!.body, header).valid).toBe(true);

      await subscriptions.rotateSecret(subscription.id, { keepOldForSeconds: 0 });
      const newest = (await subscriptions.rotateSecret(subscription.id, { keepOldForSeconds: 0 }))!.secret;
      await facts.generated(A, 'INV-R2');
      await waitFor('the second event', async () => receiver.received.length === 2, 20_000);
      const after = receiver.received[1]!;
      expect(verifySignature(newest, after.body, after.headers['folio-signature'] as string).valid).toBe(true);
      expect(verifySignature(rotated.secret, after.body, after.headers['folio-signature'] as string).valid).toBe(false);
    } finally {
      await receiver.stop();
    }
  });

  it('gives up on a receiver that never answers at the deadline, logs it, and delivers on the next try', async () => {
    const { db } = await fresh();
    const receiver = await startReceiver();
    try {
      const answers: Array<number | 'never'> = ['never'];
      receiver.answer = () => answers.shift() ?? 200;
      const { subscription } = await createWebhookSubscriptions(db).create({ scope: A, url: receiver.url, eventTypes: ['document.generated'] });
      const { queue, facts } = await webhookSetup(db, { timeoutMs: 300 });
      await queue.start();
      await facts.generated(A, 'INV-30');
      const log = createWebhookDeliveryLog(db);
      await waitFor('the delivery to succeed on its second try', async () => (await log.list({ subscriptionId: subscription.id }))[0]?.state === 'delivered', 30_000);
      const [delivery] = await log.list({ subscriptionId: subscription.id });
      const [late, answered] = (await log.attempts(delivery!.id))!;
      expect(late).toMatchObject({ statusCode: null, error: 'the receiver did not answer in time' });
      // Cut at the deadline, not left to the receiver: about 300 ms.
      expect(late!.latencyMs).toBeGreaterThanOrEqual(290);
      expect(late!.latencyMs).toBeLessThan(5_000);
      expect(answered).toMatchObject({ statusCode: 200, error: null });
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver.stop();
    }
  });

  it('cancels deliveries of a subscription removed before their turn, and fails one after its last try', async () => {
    const { db } = await fresh();
    const receiver = await startReceiver();
    try {
      receiver.answer = () => 410;
      const subscriptions = createWebhookSubscriptions(db);
      const doomed = await subscriptions.create({ scope: A, url: receiver.url, eventTypes: ['document.generated'] });
      const { queue, facts } = await webhookSetup(db, { maxAttempts: 2 });
      await facts.generated(A, 'INV-20');
      // Removed before any worker ran: the queued delivery is cancelled, never sent.
      await subscriptions.remove(doomed.subscription.id);
      const refusing = await subscriptions.create({ scope: A, url: receiver.url, eventTypes: ['document.generated'] });
      await facts.generated(A, 'INV-21');
      await queue.start();
      const log = createWebhookDeliveryLog(db);
      await waitFor('both deliveries to settle', async () => (await log.list()).every((delivery) => delivery.state === 'cancelled' || delivery.state === 'failed'), 30_000);
      expect((await log.list({ subscriptionId: doomed.subscription.id }))[0]).toMatchObject({ state: 'cancelled', attempts: 0 });
      expect((await log.list({ subscriptionId: refusing.subscription.id }))[0]).toMatchObject({ state: 'failed', attempts: 2, lastStatus: 410, lastError: 'the receiver answered 410' });
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver.stop();
    }
  });
});
