import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { createDocumentRecords } from '../../connector/app/document-records.ts';
import type { DocumentModel } from '../../connector/core/document-model.ts';
import type { StoredObject } from '../../connector/core/ports/document-store.ts';
import { describeOnBothDatabases } from '../support/databases.ts';

/** The sample invoice (samples/README: made up, no real person), as a built model before numbering. */
const MODEL = { ...(JSON.parse(readFileSync(new URL('../../samples/invoice.json', import.meta.url), 'utf8')) as DocumentModel), number: undefined };
const STORED: StoredObject = { key: 'ACME/1/invoice/X.pdf', sha256: 'a'.repeat(64), size: 10, contentType: 'application/pdf', location: { provider: 'local', path: '/files/ACME/1/invoice/X.pdf' } };

describeOnBothDatabases('document records: numbering answers the record, so the pipeline needs no look-up first', (fresh) => {
  it('numbers a new document in one statement and answers it as numbered', async () => {
    const { db } = await fresh();
    const records = createDocumentRecords(db);
    const first = await records.assignNumber('ACME|1|invoice|INVOICE|A', MODEL);
    const second = await records.assignNumber('ACME|1|invoice|INVOICE|B', MODEL);
    expect(first).toEqual({ key: 'ACME|1|invoice|INVOICE|A', number: expect.any(String), status: 'numbered' });
    expect(second.status).toBe('numbered');
    expect(second.number).not.toBe(first.number);
    expect(await records.find(first.key)).toEqual(first);
  });

  it('answers a known document as it is: its number, status and stored file, with no number burnt', async () => {
    const { db } = await fresh();
    const records = createDocumentRecords(db);
    const numbered = await records.assignNumber('ACME|1|invoice|INVOICE|A', MODEL);
    await records.markStored(numbered.key, STORED, 'invoice@1');
    const again = await records.assignNumber(numbered.key, MODEL);
    expect(again).toEqual({ key: numbered.key, number: numbered.number, status: 'stored', sha256: STORED.sha256, stored: STORED, templateVersion: 'invoice@1' });
    await records.markFailed(numbered.key, 'the report failed');
    expect(await records.assignNumber(numbered.key, MODEL)).toMatchObject({ number: numbered.number, status: 'failed', stored: STORED });
    // The series moved on by one number per document, not per call.
    const next = await records.assignNumber('ACME|1|invoice|INVOICE|B', MODEL);
    expect(Number(next.number.match(/(\d+)$/)![1])).toBe(Number(numbered.number.match(/(\d+)$/)![1]) + 1);
  });
});
