import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE, DOCUMENT_FAILED_EVENT, STATUS } from '../../connector/fluent/contract.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { startLoop, type Loop } from './loop-harness.ts';

describe('a document that cannot be made because of configuration', () => {
  let loop: Loop;
  beforeAll(async () => {
    // Chromium is not where the configuration says: no retry can help, so it fails at once.
    loop = await startLoop({ FOLIO_CHROMIUM_PATH: '/nonexistent/chromium', FOLIO_MAX_ATTEMPTS: '2', FOLIO_RETRY_BASE_MS: '1000' });
  });
  afterAll(async () => {
    await loop?.close();
  });

  it('is reported to Fluent as failed at once, with a reason that says what to fix', async () => {
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'FAIL-1' });
    const invoice = await loop.documentFor(created.invoiceRef);

    expect(invoice.status).toBe(STATUS.failed);
    expect(invoice.attributes[ATTRIBUTE.failureReason]).toBe('Chromium not found at /nonexistent/chromium');
    expect(invoice.attributes[ATTRIBUTE.viewUrl]).toBeUndefined();

    await loop.emulator.idle();
    const failures = loop.emulator.events().filter((e) => e.name === DOCUMENT_FAILED_EVENT && e.context.entityRef === created.invoiceRef);
    expect(failures).toHaveLength(1);

    // The number stays with the document (no gap), and nothing was stored.
    const { rows } = await loop.connector.db.query<{ status: string; number: string; storage: unknown }>(
      'select status, number, storage from folio_documents where entity_ref = $1',
      [created.invoiceRef],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'failed', storage: null });
    // One attempt only: the audit trail records the failure and no retry.
    const { rows: steps } = await loop.connector.db.query<{ step: string }>('select step from folio_audit_events where entity_ref = $1 order by id', [created.invoiceRef]);
    expect(steps.map((s) => s.step)).toEqual(['received', 'fetched', 'failed']);
  });
});
