import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_REQUESTED_EVENT, STATUS, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { FluentHttpClient } from '../../connector/fetch/fluent-http-client.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/index.ts';
import { childEnv, freePort } from '../../scripts/load/child-env.ts';
import { spawnConnector, type ConnectorChild } from '../../scripts/load/child-process.ts';
import { eventsBack } from '../../scripts/load/fluent-counts.ts';
import { freshPostgresDatabase } from '../support/databases.ts';
import { stepCount } from './support/documents.ts';

/** Event ids a child logged 'document generated' for (its pino lines carry the correlation id). */
function generatedBy(child: ConnectorChild): string[] {
  return child
    .logs()
    .map((line) => JSON.parse(line) as { msg?: string; correlationId?: string })
    .filter((line) => line.msg === 'document generated')
    .map((line) => line.correlationId!);
}

describe('several connector processes on one PostgreSQL database', () => {
  let emulator: Emulator;
  let fluent: FluentHttpClient;
  beforeAll(async () => {
    emulator = await startEmulator({ webhookRetryDelaysMs: [0, 200, 400, 800] });
    fluent = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const generated = (ref: string) =>
    waitFor(`${ref} to be generated`, async () => (emulator.store.byRef('Invoice', ref)?.status === STATUS.generated ? true : undefined), 90_000);

  it('split the queue between them and process no job twice', async () => {
    const { db, location } = await freshPostgresDatabase();
    const shared = { DATABASE_URL: location, FOLIO_DATA_DIR: mkdtempSync(join(tmpdir(), 'folio-two-')), FOLIO_WORKER_CONCURRENCY: '1', FOLIO_RENDER_CONCURRENCY: '1' };
    const [portA, portB] = [await freePort(), await freePort()];
    const a = spawnConnector(childEnv(emulator, { ...shared, PORT: String(portA) }));
    const b = spawnConnector(childEnv(emulator, { ...shared, PORT: String(portB) }));
    try {
      await Promise.all([a.line(/^ready /), b.line(/^ready /)]);
      // Fluent sends every webhook to A; B only takes jobs from the shared queue.
      emulator.setSetting(WEBHOOK_SETTING_NAME, { name: DOCUMENT_REQUESTED_EVENT, url: `http://127.0.0.1:${portA}/fluent/webhook` });
      const refs: string[] = [];
      for (let i = 0; i < 12; i++) refs.push((await createSampleInvoice(fluent, { retailerId: emulator.retailerId, suffix: `TWO-${i}` })).invoiceRef);
      for (const ref of refs) await generated(ref);
      await emulator.idle();
      // A child's log line reaches us through a pipe, possibly after Fluent already has its event.
      await waitFor('every generated document in the logs', async () => (generatedBy(a).length + generatedBy(b).length >= 12 ? true : undefined), 10_000);

      const [byA, byB] = [generatedBy(a), generatedBy(b)];
      expect(byA.length).toBeGreaterThan(0);
      expect(byB.length).toBeGreaterThan(0);
      expect(byA.filter((id) => byB.includes(id))).toEqual([]);
      expect(byA.length + byB.length).toBe(12);
      for (const ref of refs) {
        expect(await stepCount(db, ref, 'rendered')).toBe(1);
        expect(eventsBack(emulator).get(ref)).toBe(1);
      }
    } finally {
      await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
    }
  });

  it('drain in-flight work on SIGTERM before exiting', async () => {
    const { db, location } = await freshPostgresDatabase();
    const port = await freePort();
    // Holds the render for 2 s: SIGTERM arrives while the job is mid-render.
    const child = spawnConnector(childEnv(emulator, { DATABASE_URL: location, FOLIO_DATA_DIR: mkdtempSync(join(tmpdir(), 'folio-term-')), PORT: String(port), FOLIO_CHILD_HOLD: 'render:during:2000' }));
    await child.line(/^ready /);
    emulator.setSetting(WEBHOOK_SETTING_NAME, { name: DOCUMENT_REQUESTED_EVENT, url: `http://127.0.0.1:${port}/fluent/webhook` });
    const created = await createSampleInvoice(fluent, { retailerId: emulator.retailerId, suffix: 'TERM' });
    await child.line(/^hold render during /);
    expect(await child.kill('SIGTERM')).toBe(0);
    await child.line(/^drained$/);

    // Finished by the process that was stopping, in its one attempt: nothing left for a restart.
    await emulator.idle();
    expect(emulator.store.byRef('Invoice', created.invoiceRef)?.status).toBe(STATUS.generated);
    expect(eventsBack(emulator).get(created.invoiceRef)).toBe(1);
    expect(await stepCount(db, created.invoiceRef, 'retried')).toBe(0);
    const jobs = await db.query<{ state: string }>(`SELECT state::text AS state FROM folio_queue.job WHERE name = 'folio-documents'`);
    expect(jobs.rows.map((r) => r.state)).toEqual(['completed']);
  });
});
