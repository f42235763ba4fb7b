import { expect, it } from 'vitest';
import { createWebhookDeliveryLog } from '../../connector/webhooks/delivery-log.ts';
import type { WebhookEventBody } from '../../connector/webhooks/event-body.ts';
import { verifySignature } from '../../connector/webhooks/signature.ts';
import { createWebhookSubscriptions } from '../../connector/webhooks/subscriptions.ts';
import { freshPostgresDatabase } from '../support/databases.ts';
import { createContractChecker } from '../api/support/contract.ts';
import { WebhookReceiver } from './support/receiver.ts';
import { waitFor, webhookSetup } from './support/webhook-setup.ts';

const A = { accountId: 'ACME', retailerId: '1' };
const OUTAGE_MS = 60_000;

// One long test on purpose (issue 17): a minute of outage with events made all through it.
it('with the receiver down for 60 s, every event arrives afterwards, each verifiable by its signature, none lost', { timeout: 200_000 }, async () => {
  const { db } = await freshPostgresDatabase();
  const receiver = new WebhookReceiver();
  await receiver.start();
  await receiver.stop();
  const { subscription, secret } = await createWebhookSubscriptions(db).create({
    scope: A,
    url: receiver.url,
    eventTypes: ['document.generated', 'document.failed', 'document.delivered', 'document.revoked'],
  });
  // Backoff from 1 s doubling to 8 s, with jitter: several tries of each delivery fall in the outage.
  const { queue, facts } = await webhookSetup(db, { retryBaseMs: 1000, retryMaxMs: 8000, maxAttempts: 100 });
  await queue.start();

  const downAt = Date.now();
  // Facts keep happening through the outage: a batch every 5 s for the first 50 s.
  for (let batch = 0; batch < 10; batch++) {
    const document = await facts.generated(A, `INV-${batch}`);
    await facts.delivered(document);
    if (batch % 2 === 0) await facts.revoked(document, 'customer asked');
    if (batch % 3 === 0) await facts.failed(A, `INV-F${batch}`, 'the invoice has no lines');
    await new Promise((resolve) => setTimeout(resolve, downAt + (batch + 1) * 5_000 - Date.now()));
  }
  const { rows } = await db.query<{ id: string }>('SELECT id FROM folio_webhook_events ORDER BY occurred_at');
  const expected = rows.map((row) => row.id);
  expect(expected).toHaveLength(10 + 10 + 5 + 4);
  await new Promise((resolve) => setTimeout(resolve, downAt + OUTAGE_MS - Date.now()));
  expect(receiver.received).toEqual([]);

  const upAt = Date.now();
  await receiver.start();
  const log = createWebhookDeliveryLog(db);
  await waitFor('every delivery delivered', async () => (await log.list({ subscriptionId: subscription.id, limit: 500 })).every((delivery) => delivery.state === 'delivered'), 60_000);

  // Every event arrived (at least once), each body signed with the subscription's secret at the time it was sent.
  const arrived = new Map<string, WebhookEventBody>();
  const contract = createContractChecker();
  for (const received of receiver.received) {
    const check = verifySignature(secret, received.body, received.headers['folio-signature'] as string, { nowSeconds: Math.floor(received.at / 1000) });
    expect(check).toMatchObject({ valid: true });
    const body = JSON.parse(received.body) as WebhookEventBody;
    contract.checkWebhook(body);
    arrived.set(body.id, body);
  }
  expect([...arrived.keys()].sort()).toEqual([...expected].sort());

  // The delivery log shows the tries: refused during the outage, with backoff, then one 2xx after it.
  const deliveries = await log.list({ subscriptionId: subscription.id, limit: 500 });
  expect(deliveries).toHaveLength(expected.length);
  let refusedTries = 0;
  for (const delivery of deliveries) {
    const attempts = (await log.attempts(delivery.id))!;
    const last = attempts.at(-1)!;
    expect(last.statusCode).toBe(204);
    expect(last.at.getTime()).toBeGreaterThanOrEqual(upAt - 1000);
    const refused = attempts.slice(0, -1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const attempt of refused) {
      expect(attempt).toMatchObject({ statusCode: null, error: expect.stringMatching(/ECONNREFUSED/) });
      expect(attempt.at.getTime()).toBeLessThan(upAt + 1000);
    }
    refusedTries += refused.length;
  }
  // Events made early in the outage were tried several times while it lasted.
  const earliest = deliveries.at(-1)!;
  expect((await log.attempts(earliest.id))!.length).toBeGreaterThanOrEqual(4);
  console.log(JSON.stringify({ events: expected.length, refusedTries, catchUpMs: Math.max(...receiver.received.map((r) => r.at)) - upAt }));
});
