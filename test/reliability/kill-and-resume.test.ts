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
import { startSmtpSink, type SmtpSink } from '../../scripts/dev/smtp-sink.ts';
import type { Queryable } from '../../connector/db/database.ts';
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

  /**
   * One invoice e-mailed through a real SMTP server by a connector that is killed (kill -9) once
   * `killWhen` says so, then restarted: the e-mail is sent exactly once and the delivery reported
   * unconfirmed, since the provider took it while nobody could hear its answer.
   */
  async function mailKilled(suffix: string, scenario: { prepare?: (sink: SmtpSink, db: Queryable) => Promise<void>; killWhen: (sink: SmtpSink, db: Queryable) => Promise<boolean>; afterKill?: (sink: SmtpSink, db: Queryable) => Promise<void> }) {
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
      await scenario.prepare?.(sink, db);
      const first = spawnConnector(env);
      await first.line(/^ready /);
      const created = await createSampleInvoice(fluent, { retailerId: emulator.retailerId, suffix });
      await waitFor('the moment to kill the connector', async () => ((await scenario.killWhen(sink, db)) ? true : undefined));
      expect(await first.kill('SIGKILL')).toBe(null);
      await scenario.afterKill?.(sink, db);

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
  }

  it('killed after the mail server took the e-mail, before it said so: the e-mail is not sent again', async () => {
    await mailKilled('KILL-mail', {
      // The server keeps the message but holds its "250": the connector is killed in that moment.
      prepare: async (sink) => sink.holdReplies(true),
      killWhen: async (sink) => sink.messages.length === 1,
      afterKill: async (sink) => sink.holdReplies(false),
    });
  });

  it('killed while its record of the point of no return was still being written: the e-mail went out, once', async () => {
    await mailKilled('KILL-mark', {
      // The outbox's `committing` write takes 2 s: the connector dies before hearing it was made.
      prepare: async (_sink, db) => {
        await db.query(`CREATE FUNCTION slow_mark() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.state = 'committing' THEN PERFORM pg_sleep(2); END IF; RETURN NEW; END $$`);
        await db.query('CREATE TRIGGER slow_mark BEFORE UPDATE ON folio_deliveries FOR EACH ROW EXECUTE FUNCTION slow_mark()');
      },
      killWhen: async (_sink, db) => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'UPDATE folio_deliveries SET state = ''committing''%'`,
        );
        return rows[0]!.n === 1;
      },
      afterKill: async (_sink, db) => void (await db.query('DROP TRIGGER slow_mark ON folio_deliveries')),
    });
  });
});
