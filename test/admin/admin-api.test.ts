import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE, STATUS } from '../../connector/fluent/contract.ts';
import { createHttpServer } from '../../connector/http/app.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { eventsBack } from '../../scripts/load/fluent-counts.ts';
import { runFolio } from '../cli/support/run-folio.ts';
import { startObservedLoop, type ObservedLoop } from '../observe/support/observed-loop.ts';
import { freshPostgresDatabase } from '../support/databases.ts';
import { documentsFor, storedPdfs } from '../reliability/support/documents.ts';

const TOKEN = 'admin-token-for-the-api-test-0123456789';

describe('admin API and `folio retry`', () => {
  let loop: ObservedLoop;
  let databaseUrl: string;
  const api = (path: string, init: RequestInit = {}, token: string | undefined = TOKEN) =>
    fetch(`${loop.connector.url}${path}`, { ...init, headers: { ...(token && { authorization: `Bearer ${token}` }), ...init.headers } });
  const status = (ref: string) => loop.emulator.store.byRef('Invoice', ref)?.status;
  const until = (ref: string, wanted: string) => waitFor(`${ref} to reach ${wanted}`, async () => (status(ref) === wanted ? true : undefined));

  beforeAll(async () => {
    databaseUrl = (await freshPostgresDatabase()).location;
    loop = await startObservedLoop({ DATABASE_URL: databaseUrl, FOLIO_ADMIN_TOKEN: TOKEN, FOLIO_RETRY_BASE_MS: '1000', FOLIO_MAX_ATTEMPTS: '2', FOLIO_POLL_INTERVAL_MS: '500' });
  });
  afterAll(async () => {
    await loop?.close();
  });

  it('answers 404 for /admin when no admin token is configured', async () => {
    const server = createHttpServer({ webhook: async () => undefined, readiness: {} }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      expect((await fetch(`http://127.0.0.1:${port}/admin`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/admin/documents/x/retry`, { method: 'POST' })).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('refuses requests without the admin token or with a wrong one', async () => {
    expect((await api('/admin/api/failures', {}, '')).status).toBe(401);
    expect((await api('/admin/api/failures', {}, 'wrong-token-wrong-token')).status).toBe(401);
    expect((await api('/admin/documents/x/retry', { method: 'POST' }, 'wrong-token-wrong-token')).status).toBe(401);
  });

  it('replays a document that failed after it was numbered and stored: same number, same file, one document', async () => {
    // The Event API refuses the first two reports (both attempts), then takes the failure report.
    loop.emulator.faults.set('events', '500', { count: 2 });
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'REPLAY-1' });
    await until(created.invoiceRef, STATUS.failed);
    const [before] = await documentsFor(loop.connector.db, created.invoiceRef);
    expect(before).toMatchObject({ status: 'failed', seq: '1' });

    const listed = (await (await api('/admin/api/failures')).json()) as { tileCount: number; failures: { documentKey?: string; number?: string; reason: string }[] };
    expect(listed.tileCount).toBe(1);
    expect(listed.failures).toEqual([expect.objectContaining({ documentKey: before!.key, number: before!.number, reason: expect.stringContaining('HTTP 500') })]);

    const path = `/admin/documents/${encodeURIComponent(before!.key)}/retry`;
    const first = await api(path, { method: 'POST' });
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ status: 'queued', inboxKey: expect.stringMatching(/\|retry\|1$/) });
    // A second click while the replay is queued or running adds nothing.
    expect(await (await api(path, { method: 'POST' })).json()).toMatchObject({ status: 'already-queued' });

    await until(created.invoiceRef, STATUS.generated);
    await loop.emulator.idle();
    // Fluent may show the invoice generated a moment before the connector records that it reported it.
    const after = await waitFor('the replayed document to be recorded as reported', async () => {
      const rows = await documentsFor(loop.connector.db, created.invoiceRef);
      return rows[0]?.status === 'reported' ? rows : undefined;
    });
    expect(after).toEqual([expect.objectContaining({ key: before!.key, number: before!.number, seq: '1', status: 'reported' })]);
    expect(loop.emulator.store.byRef('Invoice', created.invoiceRef)?.attributes).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: ATTRIBUTE.documentNumber, value: before!.number })]),
    );
    expect(eventsBack(loop.emulator).get(created.invoiceRef)).toBe(1);
    // The replay re-rendered under the same number: still one file for it.
    expect((await storedPdfs(join(loop.config.FOLIO_DATA_DIR, 'files'))).filter((file) => file.includes(before!.number))).toHaveLength(1);
    // Nothing left to retry.
    expect((await api(path, { method: 'POST' })).status).toBe(404);
    expect(((await (await api('/admin/api/failures')).json()) as { tileCount: number }).tileCount).toBe(0);
  });

  it('`folio retry --all-failed` queues every failed document for the running connector', async () => {
    const refs: string[] = [];
    for (const suffix of ['CLI-1', 'CLI-2']) {
      const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix, currency: 'XYZ' });
      await until(created.invoiceRef, STATUS.failed);
      refs.push(created.invoiceRef);
    }
    const env = { DATABASE_URL: databaseUrl, FOLIO_DATA_DIR: mkdtempSync(join(tmpdir(), 'folio-cli-')) };
    const list = await runFolio(['retry', '--list'], { env });
    expect(list.stdout).toContain('2 failed document(s)');
    for (const ref of refs) expect(list.stdout).toContain(ref);

    // Fixed in Fluent, then replayed from the command line.
    for (const ref of refs) loop.emulator.store.update('Invoice', loop.emulator.store.byRef('Invoice', ref)!.id, { currency: { alphabeticCode: 'GBP' } });
    const run = await runFolio(['retry', '--all-failed'], { env });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('2 queued, 0 already queued, 0 not replayable');
    expect(run.code).toBe(0);
    for (const ref of refs) await until(ref, STATUS.generated);

    const again = await runFolio(['retry', refs[0]!], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('names no failed document');
  });
});
