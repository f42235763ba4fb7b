import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS, WEBHOOK_RETRY_DELAYS_MS } from '../../connector/fluent/contract.ts';
import { findNumberingGaps } from '../../connector/numbering/numbering-gaps.ts';
import { readInvoice } from '../../scripts/demo/read-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { metricValue, startSweepLoop, type SweepLoop } from './support/sweep-loop.ts';

const OUTAGE_MS = 60_000;
const INVOICES = 3;

/**
 * The Done-when case of issue 14: the connector is down for 60 s while invoices are created, longer
 * than Fluent's webhook retries last (the real schedule: at once, 2 s, 4 s, 8 s). Every invoice still
 * ends DOCUMENT_GENERATED through the sweep, with one document and one number, and the stale count
 * rises, then returns to 0.
 */
describe('reconciliation sweep after a 60 s connector outage', () => {
  let loop: SweepLoop;
  beforeAll(async () => {
    loop = await startSweepLoop({ overrides: { FOLIO_SWEEP_INTERVAL_MS: '500', FOLIO_SWEEP_GRACE_MS: '1000', FOLIO_SWEEP_RATE: '50' } });
  });
  afterAll(() => loop?.close());

  it('documents every invoice whose webhook Fluent gave up on, once each', { timeout: OUTAGE_MS + 90_000 }, async () => {
    const before = await loop.createInvoice('OUT-0');
    await loop.waitForStatus(before, STATUS.generated);

    await loop.stop();
    const downAt = Date.now();
    const refs: string[] = [];
    for (let i = 1; i <= INVOICES; i++) refs.push(await loop.createInvoice(`OUT-${i}`));
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (Date.now() - downAt)));

    // Fluent retried each webhook on its real schedule and gave up: nothing else will ask again.
    const given = loop.emulator.webhooks().filter((w) => refs.includes(String(JSON.parse(w.body).entityRef)));
    expect(given).toHaveLength(INVOICES);
    for (const delivery of given) {
      expect(delivery.status).toBe('FAILED');
      expect(delivery.attempts).toHaveLength(1 + WEBHOOK_RETRY_DELAYS_MS.length);
    }
    for (const ref of refs) expect(await loop.statusOf(ref)).toBe(STATUS.requested);

    const connector = await loop.start();
    const staleSeen: number[] = [];
    const watch = setInterval(() => void metricValue(connector, 'folio_stale_requests').then((v) => staleSeen.push(v), () => {}), 50);
    try {
      for (const ref of refs) await loop.waitForStatus(ref, STATUS.generated, 60_000);
      await waitFor('the stale count back at 0', async () => ((await metricValue(connector, 'folio_stale_requests')) === 0 && staleSeen.includes(INVOICES) ? true : undefined), 20_000);
    } finally {
      clearInterval(watch);
    }
    expect(Math.max(...staleSeen)).toBe(INVOICES);
    expect(await metricValue(connector, 'folio_sweep_requested_total{entity_type="INVOICE"}')).toBe(INVOICES);

    // One document and one number each, the number Fluent shows, and no gap in the series.
    const { rows } = await connector.db.query<{ entity_ref: string; number: string }>(`SELECT entity_ref, number FROM folio_documents WHERE entity_type = 'INVOICE'`);
    expect(rows.map((r) => r.entity_ref).sort()).toEqual([before, ...refs].sort());
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    for (const ref of refs) expect((await readInvoice(loop.fluent, ref))?.attributes.folioDocumentNumber).toBe(rows.find((r) => r.entity_ref === ref)?.number);
    expect((await findNumberingGaps(connector.db)).filter((s) => s.gapCount > 0 || s.duplicates.length > 0)).toEqual([]);
    // Each was asked for once: the sweep's requests are in the inbox, one per invoice.
    const requests = await connector.db.query<{ ref: string }>(`SELECT event->>'entityRef' AS ref FROM folio_inbox WHERE verified_by = 'folio-sweep'`);
    expect(requests.rows.map((r) => r.ref).sort()).toEqual([...refs].sort());
  });
});
