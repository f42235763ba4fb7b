import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_REQUESTED_EVENT, STATUS, WEBHOOK_RETRY_DELAYS_MS, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { eventsBack, failuresBack } from '../../scripts/load/fluent-counts.ts';
import { redeliver, startWebhookCapture, type CapturedWebhook } from '../../scripts/load/webhook-capture.ts';
import { startObservedLoop, type ObservedLoop } from '../observe/support/observed-loop.ts';
import { freshPostgresDatabase } from '../support/databases.ts';
import { documentsFor, stepCount } from './support/documents.ts';

describe('duplicate webhooks and Fluent outages', () => {
  let loop: ObservedLoop;
  let capture: Awaited<ReturnType<typeof startWebhookCapture>>;
  let webhookUrl: string;

  beforeAll(async () => {
    const database = await freshPostgresDatabase();
    // Short retries (pg-boss counts whole seconds: 1 s, 2 s, 4 s …) so an outage of seconds is ridden out.
    loop = await startObservedLoop({ DATABASE_URL: database.location, FOLIO_RETRY_BASE_MS: '1000', FOLIO_RETRY_MAX_MS: '4000', FOLIO_MAX_ATTEMPTS: '8' });
    capture = await startWebhookCapture();
    webhookUrl = `${loop.connector.url}/fluent/webhook`;
    // Fluent's webhooks go to the capture: each test delivers them to the connector itself.
    loop.emulator.setSetting(WEBHOOK_SETTING_NAME, { name: DOCUMENT_REQUESTED_EVENT, url: capture.url });
  });
  afterAll(async () => {
    await loop?.close();
    await capture?.close();
  });

  /** Creates an invoice in Fluent and answers the signed webhook Fluent sent for it. */
  async function invoiceWebhook(suffix: string, currency?: string): Promise<{ ref: string; webhook: CapturedWebhook }> {
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix, ...(currency && { currency }) });
    await loop.emulator.idle();
    const webhook = capture.captured.find((w) => w.event.entityRef === created.invoiceRef);
    if (!webhook) throw new Error(`no webhook captured for ${created.invoiceRef}`);
    return { ref: created.invoiceRef, webhook };
  }

  const generated = (ref: string) =>
    waitFor(`${ref} to be generated`, async () => (loop.emulator.store.byRef('Invoice', ref)?.status === STATUS.generated ? true : undefined), 60_000);

  async function expectOneDocument(ref: string): Promise<void> {
    await loop.emulator.idle();
    expect(await documentsFor(loop.connector.db, ref)).toHaveLength(1);
    expect(await stepCount(loop.connector.db, ref, 'rendered')).toBe(1);
    expect(eventsBack(loop.emulator).get(ref)).toBe(1);
  }

  it('the same webhook delivered 20 times at once makes one document', async () => {
    const { ref, webhook } = await invoiceWebhook('DUP-20');
    const answers = await Promise.all(Array.from({ length: 20 }, () => redeliver(webhookUrl, webhook)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.filter((a) => a.body.status === 'accepted')).toHaveLength(1);
    await generated(ref);
    await expectOneDocument(ref);
    const inbox = await loop.connector.db.query('SELECT 1 FROM folio_inbox WHERE event->>\'entityRef\' = $1', [ref]);
    expect(inbox.rowCount).toBe(1);
  });

  it("the same webhook redelivered on Fluent's retry schedule (0 s, 2 s, 4 s, 8 s) makes one document", async () => {
    const { ref, webhook } = await invoiceWebhook('DUP-SCHEDULE');
    const statuses = [(await redeliver(webhookUrl, webhook)).body.status];
    for (const delay of WEBHOOK_RETRY_DELAYS_MS) {
      await sleep(delay);
      statuses.push((await redeliver(webhookUrl, webhook)).body.status);
    }
    expect(statuses).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    await generated(ref);
    await expectOneDocument(ref);
  });

  it('rides out Fluent GraphQL and Event API answering 500 for a while, and completes once they recover', async () => {
    const { ref, webhook } = await invoiceWebhook('OUTAGE');
    const { faults } = loop.emulator;
    // Counted rather than timed, so each outage is certain to be met whatever the retry jitter:
    // the first two fetches fail, then the first two reports after a successful fetch and render.
    faults.set('graphql', '500', { count: 2 });
    faults.set('events', '500', { count: 2 });
    expect((await redeliver(webhookUrl, webhook)).status).toBe(200);
    await generated(ref);
    expect(faults.refused().graphql).toBeGreaterThan(0);
    expect(faults.refused().events).toBeGreaterThan(0);
    await expectOneDocument(ref);
    expect(await stepCount(loop.connector.db, ref, 'retried')).toBeGreaterThanOrEqual(2);
    // /metrics counts the retries by the step that failed.
    const metrics = await (await fetch(`${loop.connector.url}/metrics`)).text();
    expect(metrics).toMatch(/^folio_job_failures_total\{class="retryable",step="fetch"\} [1-9]/m);
    expect(metrics).toMatch(/^folio_job_failures_total\{class="retryable",step="report"\} [1-9]/m);
  });

  it('sends the failure event at once for bad data, without retrying', async () => {
    const { ref, webhook } = await invoiceWebhook('BAD-DATA', 'XYZ');
    expect((await redeliver(webhookUrl, webhook)).status).toBe(200);
    await waitFor(`${ref} to fail`, async () => (loop.emulator.store.byRef('Invoice', ref)?.status === STATUS.failed ? true : undefined));
    await loop.emulator.idle();
    expect(failuresBack(loop.emulator).get(ref)).toBe(1);
    expect(eventsBack(loop.emulator).get(ref)).toBeUndefined();
    expect(await stepCount(loop.connector.db, ref, 'retried')).toBe(0);
    const reason = loop.emulator.store.byRef('Invoice', ref)?.attributes;
    expect(JSON.stringify(reason)).toContain('unknown currency XYZ');
  });
});
