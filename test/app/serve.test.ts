import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/db/open-database.ts';
import { FluentHttpClient } from '../../connector/fetch/fluent-http-client.ts';
import { DOCUMENT_REQUESTED_EVENT, STATUS, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/index.ts';
import { childEnv, freePort } from '../../scripts/load/child-env.ts';
import { spawnFolioServe } from '../../scripts/load/child-process.ts';
import { eventsBack } from '../../scripts/load/fluent-counts.ts';

/** `folio serve` as an operator runs it: a real process on the embedded database, against the Fluent emulator. */
describe('folio serve', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ webhookRetryDelaysMs: [0, 200, 400, 800] });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('makes documents, and on SIGTERM drains, closes the database and exits 0', async () => {
    const [port, dataDir] = [await freePort(), mkdtempSync(join(tmpdir(), 'folio-serve-'))];
    const serve = spawnFolioServe(childEnv(emulator, { PORT: String(port), FOLIO_DATA_DIR: dataDir, FOLIO_SWEEP_INTERVAL_MS: '0' }));
    let invoiceRef = '';
    try {
      await serve.line(/"msg":"folio connector listening"/);
      emulator.setSetting(WEBHOOK_SETTING_NAME, { name: DOCUMENT_REQUESTED_EVENT, url: `http://127.0.0.1:${port}/fluent/webhook` });
      const fluent = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
      ({ invoiceRef } = await createSampleInvoice(fluent, { retailerId: emulator.retailerId, suffix: 'SERVE' }));
      await waitFor(`${invoiceRef} to be generated`, async () => (emulator.store.byRef('Invoice', invoiceRef)?.status === STATUS.generated ? true : undefined), 60_000);

      expect(await serve.kill('SIGTERM')).toBe(0);
    } finally {
      await serve.kill('SIGKILL');
    }
    // serve's own SIGTERM handling: it said so, waited for the workers, then closed everything.
    await serve.line(/"signal":"SIGTERM".*"msg":"draining in-flight jobs, then stopping"/);
    await serve.line(/"msg":"stopped"/);
    await emulator.idle();
    expect(eventsBack(emulator).get(invoiceRef)).toBe(1);
    // The embedded database was closed cleanly (PGlite's lock released) and no job was left claimed.
    const db = await openDatabase({ dataDir: join(dataDir, 'db') });
    try {
      const jobs = await db.query<{ state: string }>(`SELECT state::text AS state FROM folio_queue.job WHERE name = 'folio-documents'`);
      expect(jobs.rows.map((r) => r.state)).toEqual(['completed']);
    } finally {
      await db.close();
    }
  });
});
