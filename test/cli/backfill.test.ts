import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFromEnv } from '../../connector/cli/database-from-env.ts';
import { FluentHttpClient } from '../../connector/fetch/fluent-http-client.ts';
import { OAuthTokenSource } from '../../connector/fetch/oauth.ts';
import { STATUS } from '../../connector/fluent/contract.ts';
import { startConnector } from '../../connector/app/start-connector.ts';
import { createLogger } from '../../connector/log.ts';
import { embeddedConfig } from '../../scripts/demo/local-config.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/index.ts';
import { loadWorkflows } from '../../scripts/emulator/workflow/workflow-file.ts';
import { fluentEnv } from './support/emulator-env.ts';
import { runFolio } from './support/run-folio.ts';

const WORKFLOWS = fileURLToPath(new URL('../../workflows', import.meta.url));
const HISTORICAL = 200;

/** The retailer's billing workflow before Folio: accounts get ACTIVE, invoices have no rulesets and stay CREATED. */
function preFolioWorkflowsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-pre-'));
  const folio = JSON.parse(readFileSync(join(WORKFLOWS, 'BILLING_ACCOUNT-CUSTOMER.json'), 'utf8')) as { rulesets: { type: string }[] };
  writeFileSync(join(dir, 'BILLING_ACCOUNT-CUSTOMER.json'), JSON.stringify({ ...folio, rulesets: folio.rulesets.filter((r) => r.type === 'BILLING_ACCOUNT') }));
  return dir;
}

/** Installs Folio's billing workflow as `folio fluent push` would: PUT /api/v4.1/workflow. */
async function installFolioWorkflow(emulator: Emulator): Promise<void> {
  const [workflow] = loadWorkflows(WORKFLOWS, emulator).filter((w) => w.name === 'BILLING_ACCOUNT::CUSTOMER');
  const token = await new OAuthTokenSource(emulator.url, emulator.accountId, emulator.credentials).accessToken();
  const response = await fetch(`${emulator.url}/api/v4.1/workflow`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(workflow) });
  expect(response.status).toBe(200);
}

async function inboxRows(env: Record<string, string>): Promise<{ ref: string; by: string }[]> {
  const db = await databaseFromEnv(env);
  try {
    const { rows } = await db.query<{ ref: string; by: string }>(`SELECT event->>'entityRef' AS ref, verified_by AS by FROM folio_inbox`);
    return rows;
  } finally {
    await db.close();
  }
}

const summaryOf = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

describe('folio backfill on an account that already has invoices', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  const refs: string[] = [];
  const since = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    emulator = await startEmulator({ workflowsDir: preFolioWorkflowsDir() });
    const fluent = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
    for (let i = 0; i < HISTORICAL; i += 20)
      refs.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => createSampleInvoice(fluent, { retailerId: emulator.retailerId, suffix: `H${i + j}` })))).map((c) => c.invoiceRef));
    // One the retailer's own workflow moved on (PAID): Folio's result rulesets do not trigger from there.
    const paid = await createSampleInvoice(fluent, { retailerId: emulator.retailerId, suffix: 'PAID' });
    await fluent.graphql('mutation($input: UpdateInvoiceInput) { updateInvoice(input: $input) { ref } }', { input: { ref: paid.invoiceRef, status: 'PAID' } });
    env = { ...fluentEnv(emulator), FOLIO_DATA_DIR: mkdtempSync(join(tmpdir(), 'folio-backfill-')) };
  }, 120_000);
  afterAll(() => emulator?.close());

  it('starts from invoices Folio has never seen, left CREATED by the old workflow (and one PAID)', () => {
    expect(emulator.store.list('Invoice').map((row) => row.status)).toEqual([...Array(HISTORICAL).fill('CREATED'), 'PAID']);
  });

  it('--dry-run lists what it would request and changes nothing', async () => {
    const run = await runFolio(['backfill', '--since', since, '--dry-run', '--rate', '1000'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(summaryOf(run.stdout)).toEqual({ found: HISTORICAL + 1, requested: 0, wouldRequest: HISTORICAL, skipped: 1, alreadyDocumented: 0, alreadyRequested: 0, dryRun: true });
    expect(run.stderr).toContain('skipped INVOICE INV-PAID: status PAID: ');
    expect(run.stdout).toContain(`would request INVOICE ${refs[0]} (CREATED)`);
    expect(await inboxRows(env)).toEqual([]);
  }, 60_000);

  it('requests each invoice exactly once; a second run, before any document is made, requests 0', async () => {
    const first = await runFolio(['backfill', '--since', since, '--type', 'invoice', '--rate', '1000'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(summaryOf(first.stdout)).toMatchObject({ found: HISTORICAL + 1, requested: HISTORICAL, skipped: 1, alreadyDocumented: 0, alreadyRequested: 0 });
    const rows = await inboxRows(env);
    expect(rows.map((r) => r.ref).sort()).toEqual([...refs].sort());
    expect(new Set(rows.map((r) => r.by))).toEqual(new Set(['folio-backfill']));

    const second = await runFolio(['backfill', '--since', since, '--rate', '1000'], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(summaryOf(second.stdout)).toMatchObject({ found: HISTORICAL + 1, requested: 0, alreadyRequested: HISTORICAL, skipped: 1 });
    expect(await inboxRows(env)).toHaveLength(HISTORICAL);
  }, 60_000);

  it('with Folio installed, the connector makes the documents and their links land on the CREATED invoices', async () => {
    await installFolioWorkflow(emulator);
    const config = embeddedConfig(emulator, { FOLIO_DATA_DIR: env.FOLIO_DATA_DIR!, FOLIO_SWEEP_INTERVAL_MS: '0', FOLIO_WORKER_CONCURRENCY: '4' });
    const connector = await startConnector(config, { logger: createLogger({ level: 'silent' }) });
    try {
      const backfilled = () => emulator.store.list('Invoice').filter((row) => refs.includes(String(row.ref)));
      await waitFor('every backfilled invoice to be DOCUMENT_GENERATED', async () => (backfilled().every((row) => row.status === STATUS.generated) ? true : undefined), 150_000, 500);
      const { rows } = await connector.db.query<{ n: number; numbers: number }>(`SELECT count(*)::int AS n, count(DISTINCT number)::int AS numbers FROM folio_documents`);
      expect(rows[0]).toEqual({ n: HISTORICAL, numbers: HISTORICAL });
      for (const row of backfilled()) expect((row.attributes as { name: string }[]).map((a) => a.name)).toContain('folioDocumentNumber');
      expect(emulator.store.byRef('Invoice', 'INV-PAID')?.status).toBe('PAID');
    } finally {
      await connector.close();
    }
    const third = await runFolio(['backfill', '--since', since, '--rate', '1000'], { env });
    expect(summaryOf(third.stdout)).toMatchObject({ found: HISTORICAL + 1, requested: 0, alreadyDocumented: HISTORICAL, skipped: 1 });
  }, 240_000);
});
