import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE } from '../../connector/fluent/contract.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { startLoop } from '../e2e/loop-harness.ts';
import { runFolio } from './support/run-folio.ts';

describe('folio audit', () => {
  let dataDir: string;
  let invoiceRef: string;
  let storedPath: string;
  beforeAll(async () => {
    const loop = await startLoop();
    try {
      const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'AUDIT-1' });
      invoiceRef = created.invoiceRef;
      const invoice = await loop.documentFor(invoiceRef);
      // Opening the link is an access the trail must show.
      expect((await fetch(String(invoice.attributes[ATTRIBUTE.viewUrl]))).status).toBe(200);
      storedPath = (invoice.attributes[ATTRIBUTE.storage] as { path: string }).path;
      dataDir = loop.config.FOLIO_DATA_DIR;
    } finally {
      // The embedded database belongs to one process at a time: the CLI opens it after the connector stops.
      await loop.close();
    }
  });

  it('prints every step and access of a document by its Fluent ref, and verifies the stored hash', async () => {
    const run = await runFolio(['audit', invoiceRef, '--verify'], { env: { FOLIO_DATA_DIR: dataDir } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const step of ['fetched', 'rendered', 'stored', 'reported', 'accessed']) expect(run.stdout).toContain(step);
    expect(run.stdout).toMatch(/✔ .*sha256 [0-9a-f]{64} matches the trail/);
  });

  it('starts the trail with the webhook that asked for the document', async () => {
    const run = await runFolio(['audit', invoiceRef], { env: { FOLIO_DATA_DIR: dataDir } });
    expect(run.code).toBe(0);
    const steps = run.stdout.trim().split('\n').map((line) => line.split(/\s+/)[1]);
    expect(steps.slice(0, 2)).toEqual(['received', 'fetched']);
    expect(steps.filter((step) => step === 'received')).toHaveLength(1);
  });

  it('fails the verification when the stored file was changed', async () => {
    appendFileSync(storedPath, 'tampered');
    const run = await runFolio(['audit', invoiceRef, '--verify'], { env: { FOLIO_DATA_DIR: dataDir } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✘ .*file hash [0-9a-f]{64} ≠ recorded [0-9a-f]{64}/);
  });

  it('says so when there is no trail, and explains its usage when called wrongly', async () => {
    const none = await runFolio(['audit', 'NO-SUCH-REF'], { env: { FOLIO_DATA_DIR: dataDir } });
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('no audit trail for NO-SUCH-REF');
    const wrong = await runFolio(['audit'], { env: { FOLIO_DATA_DIR: dataDir } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('name one invoice ref or document key');
  });
});
