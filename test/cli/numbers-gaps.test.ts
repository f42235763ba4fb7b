import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/db/open-database.ts';
import { allocateDocumentNumber } from '../../connector/numbering/allocate-number.ts';
import { runFolio } from './support/run-folio.ts';

/**
 * `folio numbers gaps` on the embedded database, as an auditor runs it. Invoices 1–4 are numbered the
 * normal way; then one is deleted by hand (a lost document), which no code path of Folio does.
 */
async function dataDirWithInvoices(refs: string[], deleteRef?: string): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'folio-gaps-'));
  const db = await openDatabase({ dataDir: join(dataDir, 'db') });
  try {
    for (const ref of refs) {
      await db.transaction((tx) =>
        allocateDocumentNumber(tx, {
          key: `ACME|1|invoice|INVOICE|${ref}`,
          document: { accountId: 'ACME', retailerId: '1', documentType: 'invoice', entityType: 'INVOICE', entityRef: ref },
          pattern: 'INV-{country}{yyyy}-{seq:6}',
          issuedAt: new Date('2026-11-23T10:00:00Z'),
          timeZone: 'UTC',
          values: { country: 'GB' },
        }),
      );
    }
    if (deleteRef) await db.query('DELETE FROM folio_documents WHERE entity_ref = $1', [deleteRef]);
  } finally {
    await db.close();
  }
  return dataDir;
}

describe('folio numbers gaps', () => {
  it('reports a gap-free series and exits 0', async () => {
    const dataDir = await dataDirWithInvoices(['I-1', 'I-2', 'I-3']);
    const run = await runFolio(['numbers', 'gaps'], { env: { FOLIO_DATA_DIR: dataDir } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1\|GB\|invoice\s+3\s+1–3\s+—\s+—/);
    expect(run.stdout).toContain('✔ every series is gap-free');
  });

  it('names the missing number in a table, and as JSON, and exits 1', async () => {
    const dataDir = await dataDirWithInvoices(['I-1', 'I-2', 'I-3', 'I-4'], 'I-2');
    const table = await runFolio(['numbers', 'gaps'], { env: { FOLIO_DATA_DIR: dataDir } });
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/1\|GB\|invoice\s+3\s+1–4\s+2\s+—/);
    expect(table.stdout).toContain('✘ gaps or duplicates found');

    const json = await runFolio(['numbers', 'gaps', '--json'], { env: { FOLIO_DATA_DIR: dataDir } });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, series: [{ series: '1|GB|invoice', count: 3, min: 1, max: 4, gaps: [2], gapCount: 1, duplicates: [] }] });
  });
});
