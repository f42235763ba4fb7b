import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE, DOCUMENT_REQUESTED_EVENT, STATUS, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { FluentHttpClient } from '../../connector/fetch/fluent-http-client.ts';
import { freshPostgresDatabase } from '../support/databases.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { readInvoice } from '../../scripts/demo/read-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/index.ts';
import { childEnv, freePort } from '../../scripts/load/child-env.ts';
import { spawnConnector } from '../../scripts/load/child-process.ts';
import { eventsBack } from '../../scripts/load/fluent-counts.ts';
import { startSmtpSink } from '../../scripts/dev/smtp-sink.ts';
import { documentsFor, storedPdfs } from './support/documents.ts';

/**
 * kill -9 of a connector process at a chosen point of a job, then a restart on the same data: the
 * document is finished exactly once — one number, one stored file, one FolioDocumentGenerated.
 * On PostgreSQL (a fresh database from a template in ~0.1 s; a new PGlite directory needs initdb);
 * test/queue/crash-recovery.test.ts covers the queue's crash recovery on PGlite.
 */
describe('a job interrupted by kill -9 resumes after restart and finishes exactly once', () => {
  let emulator: Emulator;
  let fluent: FluentHttpClient;
  beforeAll(async () => {
    emulator = await startEmulator({ webhookRetryDelaysMs: [0, 200, 400, 800] });
    fluent = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it.each([
    ['after the webhook is acknowledged, before any work', 'fetch:before'],
    ['mid-render (Chromium printing)', 'render:during'],
    ['after the file is stored, before the report to Fluent', 'report:before'],
  ])('killed %s', async (_what, hold) => {
    const suffix = `KILL-${hold.replace(/\W/g, '')}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'folio-kill-'));
    const { db, location } = await freshPostgresDatabase();
    const port = await freePort();
    const env = childEnv(emulator, { PORT: String(port), FOLIO_DATA_DIR: dataDir, DATABASE_URL: location, FOLIO_JOB_TIMEOUT_MS: '3000' });
    emulator.setSetting(WEBHOOK_SETTING_NAME, { name: DOCUMENT_REQUESTED_EVENT, url: `http://127.0.0.1:${port}/fluent/webhook` });

    const first = spawnConnector({ ...env, FOLIO_CHILD_HOLD: hold });
    await first.line(/^ready /);
    const created = await createSampleInvoice(fluent, { retailerId: emulator.retailerId, suffix });
    await first.line(/^hold /);
    expect(await first.kill('SIGKILL')).toBe(null);

    const second = spawnConnector(env);
    try {
      await second.line(/^ready /);
      await waitFor(`${created.invoiceRef} to be generated after the restart`, async () =>
        emulator.store.byRef('Invoice', created.invoiceRef)?.status === STATUS.generated ? true : undefined,
      );
      await emulator.idle();
    } finally {
      expect(await second.kill('SIGTERM')).toBe(0);
    }

    const documents = await documentsFor(db, created.invoiceRef);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ status: 'reported', seq: '1' });
    const series = await db.query<{ next_value: string }>('SELECT next_value::text AS next_value FROM folio_number_series');
    expect(series.rows.map((r) => r.next_value)).toEqual(['2']);
    expect(await storedPdfs(join(dataDir, 'files'))).toHaveLength(1);
    expect(eventsBack(emulator).get(created.invoiceRef)).toBe(1);
  });

  it('killed after the mail server took the e-mail, before it said so: the e-mail is not sent again', async () => {
    const suffix = 'KILL-mail';
    const sink = await startSmtpSink();
    const { db, location } = await freshPostgresDatabase();
    const port = await freePort();
    const env = childEnv(emulator, {
      PORT: String(port),
      FOLIO_DATA_DIR: mkdtempSync(join(tmpdir(), 'folio-kill-')),
      DATABASE_URL: location,
      FOLIO_JOB_TIMEOUT_MS: '3000',
      FOLIO_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    });
    emulator.setSetting(WEBHOOK_SETTING_NAME, { name: DOCUMENT_REQUESTED_EVENT, url: `http://127.0.0.1:${port}/fluent/webhook` });
    try {
      // The server keeps the message but holds its "250": the connector is killed in that moment.
      sink.holdReplies(true);
      const first = spawnConnector(env);
      await first.line(/^ready /);
      const created = await createSampleInvoice(fluent, { retailerId: emulator.retailerId, suffix });
      await waitFor('the mail server to take the e-mail', async () => (sink.messages.length === 1 ? true : undefined));
      expect(await first.kill('SIGKILL')).toBe(null);
      sink.holdReplies(false);

      const second = spawnConnector(env);
      try {
        await second.line(/^ready /);
        const invoice = await waitFor(`${created.invoiceRef} to report its delivery after the restart`, async () => {
          const state = await readInvoice(fluent, created.invoiceRef);
          return state?.attributes[ATTRIBUTE.deliveryStatus] ? state : undefined;
        });
        expect(invoice.attributes).toMatchObject({ [ATTRIBUTE.deliveryStatus]: 'unconfirmed', [ATTRIBUTE.deliveredVia]: 'email' });
        await emulator.idle();
      } finally {
        expect(await second.kill('SIGTERM')).toBe(0);
      }
      expect(sink.messages).toHaveLength(1);
      const { rows } = await db.query<{ state: string }>('SELECT state FROM folio_deliveries');
      expect(rows.map((row) => row.state)).toEqual(['unconfirmed']);
      expect(await documentsFor(db, created.invoiceRef)).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });
});
