import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS } from '../../connector/fluent/contract.ts';
import { createPacer } from '../../connector/reconcile/rate-limit.ts';
import { runSweep } from '../../connector/reconcile/sweep.ts';
import { readInvoice } from '../../scripts/demo/read-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { startSweepLoop, type SweepLoop } from './support/sweep-loop.ts';

/** Fluent's retry schedule, shortened: these tests need a webhook given up, not the real 14 s. */
const QUICK_RETRIES = { webhookRetryDelaysMs: [0, 50, 50, 50] };
const GRACE_MS = 300;
const ADMIN_TOKEN = 'reconcile-admin-token-0123456789';

/** Makes an invoice whose webhook Fluent gave up on (the connector was down): stuck in DOCUMENT_REQUESTED. */
async function stuckInvoice(loop: SweepLoop, suffix: string): Promise<{ ref: string; webhook: { body: string; headers: Record<string, string> } }> {
  await loop.stop();
  const ref = await loop.createInvoice(suffix);
  const delivery = await waitFor(`the webhook of ${ref} to be given up`, async () =>
    loop.emulator.webhooks().find((w) => JSON.parse(w.body).entityRef === ref && w.status === 'FAILED'),
  );
  await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 50));
  return { ref, webhook: { body: delivery.body, headers: delivery.headers } };
}

async function documentsOf(loop: SweepLoop, ref: string): Promise<{ number: string; status: string }[]> {
  const { rows } = await loop.connector!.db.query<{ number: string; status: string }>('SELECT number, status FROM folio_documents WHERE entity_ref = $1', [ref]);
  return rows;
}

/** Sends Fluent's webhook again, byte for byte: a late delivery of the real request. */
async function deliverLate(loop: SweepLoop, webhook: { body: string; headers: Record<string, string> }): Promise<number> {
  const response = await fetch(`${loop.connector!.url}/fluent/webhook`, { method: 'POST', headers: webhook.headers, body: webhook.body });
  return response.status;
}

async function jobsSettled(loop: SweepLoop): Promise<void> {
  await waitFor('the queue to be idle', async () => {
    const counts = await loop.connector!.queue.counts();
    const { rows } = await loop.connector!.db.query<{ n: number }>('SELECT count(*)::int AS n FROM folio_inbox WHERE queued_at IS NULL');
    return counts.queued === 0 && counts.active === 0 && rows[0]!.n === 0 ? true : undefined;
  });
}

describe('reconciliation sweep: idempotent', () => {
  let loop: SweepLoop;
  beforeAll(async () => {
    // The schedule never fires by itself here: the tests run sweeps when they want them.
    loop = await startSweepLoop({ emulator: QUICK_RETRIES, overrides: { FOLIO_SWEEP_INTERVAL_MS: '3600000', FOLIO_SWEEP_GRACE_MS: String(GRACE_MS), FOLIO_ADMIN_TOKEN: ADMIN_TOKEN } });
  });
  afterAll(() => loop?.close());

  const sweepDeps = () => ({ fluent: loop.fluent, db: loop.connector!.db, queue: loop.connector!.queue, pace: createPacer(100) });
  const sweepOptions = () => ({ accountId: loop.emulator.accountId, retailerId: loop.emulator.retailerId, graceMs: GRACE_MS });

  it('sweeps running twice at once, then again, request the document once; a late real webhook makes no second one', async () => {
    const { ref, webhook } = await stuckInvoice(loop, 'TWICE');
    await loop.start();
    const [first, second] = await Promise.all([runSweep(sweepDeps(), sweepOptions()), runSweep(sweepDeps(), sweepOptions())]);
    // One of them commits the request; the other finds it under way (or its inbox row taken).
    const actions = [first, second].flatMap((report) => report.findings.filter((f) => f.ref === ref).map((f) => f.action));
    expect(actions.filter((a) => a === 'requested')).toHaveLength(1);
    expect(actions).toHaveLength(2);
    const third = await loop.connector!.sweeper()!.sweepNow();
    expect(third?.findings.find((f) => f.ref === ref)?.action).toMatch(/in-progress|already-requested/);
    // /admin shows the last sweep of the connector's own schedule.
    const admin = await fetch(`${loop.connector!.url}/admin/api/stale-requests`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(await admin.json()).toMatchObject({ graceMs: GRACE_MS, last: { stale: third!.stale, findings: third!.findings } });
    await loop.waitForStatus(ref, STATUS.generated);
    // Fluent shows the document a moment before its job marks it reported: the record is read once the job is done.
    await jobsSettled(loop);
    const [document] = await documentsOf(loop, ref);
    expect(document?.status).toBe('reported');

    expect(await deliverLate(loop, webhook)).toBeLessThan(300);
    await jobsSettled(loop);
    expect(await documentsOf(loop, ref)).toEqual([document]);
    expect((await readInvoice(loop.fluent, ref))?.attributes.folioDocumentNumber).toBe(document!.number);
    const { rows } = await loop.connector!.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM folio_inbox WHERE verified_by = 'folio-sweep' AND event->>'entityRef' = $1`, [ref]);
    expect(rows[0]!.n).toBe(1);
    expect((await runSweep(sweepDeps(), sweepOptions())).findings.some((f) => f.ref === ref)).toBe(false);
  });

  it('leaves an entity alone whose webhook arrived late, before the sweep: its own job makes the document', async () => {
    const { ref, webhook } = await stuckInvoice(loop, 'LATE');
    // A receive-only connector: the late webhook is accepted and waits in Folio's inbox.
    await loop.start({ workers: false });
    expect(await deliverLate(loop, webhook)).toBeLessThan(300);
    const report = await runSweep(sweepDeps(), sweepOptions());
    expect(report.findings.find((f) => f.ref === ref)?.action).toBe('in-progress');
    expect(report.requested).toBe(0);
    await loop.stop();

    await loop.start();
    await loop.waitForStatus(ref, STATUS.generated);
    expect(await documentsOf(loop, ref)).toHaveLength(1);
    const { rows } = await loop.connector!.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM folio_inbox WHERE verified_by = 'folio-sweep'  AND event->>'entityRef' = $1`, [ref]);
    expect(rows[0]!.n).toBe(0);
  });
});

describe('reconciliation sweep: no folio.webhook setting', () => {
  let loop: SweepLoop;
  beforeAll(async () => {
    loop = await startSweepLoop({ webhookSetting: false, overrides: { FOLIO_SWEEP_INTERVAL_MS: '300', FOLIO_SWEEP_GRACE_MS: String(GRACE_MS) } });
  });
  afterAll(() => loop?.close());

  it('still documents every invoice, through the sweep', async () => {
    const refs = [await loop.createInvoice('NOSET-1'), await loop.createInvoice('NOSET-2')];
    for (const ref of refs) await loop.waitForStatus(ref, STATUS.generated);
    expect(loop.emulator.webhooks()).toEqual([]);
    for (const ref of refs) {
      const [document] = await documentsOf(loop, ref);
      expect((await readInvoice(loop.fluent, ref))?.attributes.folioDocumentNumber).toBe(document?.number);
    }
  });
});
