import { expect, it, vi } from 'vitest';
import { createWebhookDeliveryLog } from '../../connector/webhooks/delivery-log.ts';
import { freshPostgresDatabase } from '../support/databases.ts';
import { runCliHere } from '../cli/support/run-cli.ts';
import { runFolio } from '../cli/support/run-folio.ts';
import { WebhookReceiver } from './support/receiver.ts';
import { waitFor, webhookSetup } from './support/webhook-setup.ts';

it('folio webhooks add | list | log | redeliver | remove', { timeout: 90_000 }, async () => {
  const { db, location } = await freshPostgresDatabase();
  const env = { DATABASE_URL: location };
  // The first command runs the real binary; the rest run in this process (faster), on the same variables.
  vi.stubEnv('DATABASE_URL', location);
  const receiver = new WebhookReceiver();
  await receiver.start();
  try {
    const added = await runFolio(['webhooks', 'add', '--account', 'ACME', '--retailer', '1', '--url', receiver.url, '--events', 'document.generated'], { env });
    expect(added.stderr).toBe('');
    const id = /subscription (whsub_[0-9a-f]+)/.exec(added.stdout)![1]!;
    expect(added.stdout).toMatch(/whsec_[A-Za-z0-9_-]{43}/);
    const [listed] = JSON.parse((await runCliHere(['webhooks', 'list', '--json'])).stdout);
    expect(listed).toMatchObject({ id, url: receiver.url, eventTypes: ['document.generated'], enabled: true });

    const rotated = await runCliHere(['webhooks', 'rotate-secret', id, '--keep-old', '3600']);
    expect(rotated.stdout).toMatch(new RegExp(`new signing secret of ${id}:\\s+whsec_[A-Za-z0-9_-]{43}`));

    const bad = await runCliHere(['webhooks', 'add', '--account', 'ACME', '--retailer', '1', '--url', 'http://erp.example/x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('url: the receiver URL must use https');

    const { queue, facts } = await webhookSetup(db);
    await queue.start();
    await facts.generated({ accountId: 'ACME', retailerId: '1' }, 'INV-CLI');
    await waitFor('the event at the receiver', async () => receiver.received.length === 1, 20_000);
    const log = createWebhookDeliveryLog(db);
    await waitFor('the delivery logged', async () => (await log.list())[0]?.state === 'delivered', 5_000);
    const shown = await runCliHere(['webhooks', 'log', '--subscription', id, '--attempts']);
    const deliveryId = /^(whdel_[0-9a-f]+)\s+document\.generated/m.exec(shown.stdout)![1]!;
    expect(shown.stdout).toMatch(/#1 .* 204 /);

    expect((await runCliHere(['webhooks', 'redeliver', deliveryId, '--by', 'ops@acme'])).code).toBe(0);
    await waitFor('the redelivery at the receiver', async () => receiver.received.length === 2, 20_000);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);

    expect((await runCliHere(['webhooks', 'remove', id])).stdout).toContain(`subscription ${id} removed`);
    expect(JSON.parse((await runCliHere(['webhooks', 'list', '--json'])).stdout)).toEqual([]);
    expect((await runCliHere(['webhooks', 'redeliver', deliveryId])).code).toBe(1);
  } finally {
    await receiver.stop();
  }
});
