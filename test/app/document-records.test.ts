import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { createDocumentRecords } from '../../connector/app/document-records.ts';
import type { DocumentModel } from '../../connector/core/document-model.ts';
import type { StoredObject } from '../../connector/core/ports/document-store.ts';
import { describeOnBothDatabases } from '../support/databases.ts';

/** The sample invoice (samples/README: made up, no real person), as a built model before numbering. */
const MODEL = { ...(JSON.parse(readFileSync(new URL('../../samples/invoice.json', import.meta.url), 'utf8')) as DocumentModel), number: undefined };
const STORED: StoredObject = { key: 'ACME/1/invoice/X.pdf', sha256: 'a'.repeat(64), size: 10, contentType: 'application/pdf', location: { provider: 'local', path: '/files/ACME/1/invoice/X.pdf' } };

describeOnBothDatabases('document records: numbering answers the record, so the pipeline needs no look-up first', (fresh, engine) => {
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

  it('numbers documents arriving together (on PostgreSQL with one statement), answering a known one with its record', async () => {
    const { db } = await fresh();
    const statements: string[] = [];
    const counted = { ...db, query: ((sql: string, params?: unknown[]) => (statements.push(sql), db.query(sql, params))) as typeof db.query };
    const records = createDocumentRecords(counted);
    const known = await records.assignNumber('ACME|1|invoice|INVOICE|A', MODEL);
    await records.markStored(known.key, STORED, 'invoice@1');
    statements.length = 0;

    // Four jobs reaching the number step in the same turn of the event loop, one of them a replay.
    const keys = ['ACME|1|invoice|INVOICE|B', 'ACME|1|invoice|INVOICE|A', 'ACME|1|invoice|INVOICE|C', 'ACME|1|invoice|INVOICE|D'];
    const answers = await Promise.all(keys.map((key) => records.assignNumber(key, MODEL)));
    expect(statements.filter((sql) => sql.includes('INSERT INTO folio_number_series'))).toHaveLength(engine === 'postgres' ? 1 : 4);
    expect(answers[1]).toEqual({ key: known.key, number: known.number, status: 'stored', sha256: STORED.sha256, stored: STORED, templateVersion: 'invoice@1' });
    const sequence = (number: string) => Number(number.match(/(\d+)$/)![1]);
    expect([answers[0]!, answers[2]!, answers[3]!].map((answer) => [answer.status, sequence(answer.number) - sequence(known.number)])).toEqual([['numbered', 1], ['numbered', 2], ['numbered', 3]]);
  });

  it('marks documents stored and reported together in one statement per batch, each caller answered once its row is written', async () => {
    const { db } = await fresh();
    const statements: string[] = [];
    const counted = { ...db, query: ((sql: string, params?: unknown[]) => (statements.push(sql), db.query(sql, params))) as typeof db.query };
    const records = createDocumentRecords(counted);
    const keys = ['ACME|1|invoice|INVOICE|A', 'ACME|1|invoice|INVOICE|B', 'ACME|1|invoice|INVOICE|C'];
    const numbered = await Promise.all(keys.map((key) => records.assignNumber(key, MODEL)));
    await records.markFailed(keys[2]!, 'Chromium crashed');
    statements.length = 0;

    // Three jobs finishing one print: their documents become stored in the same turn of the event loop.
    await Promise.all(keys.map((key, index) => records.markStored(key, { ...STORED, key: `ACME/1/invoice/${index}.pdf`, sha256: String(index).repeat(64) }, 'invoice@2')));
    expect(statements.filter((sql) => sql.includes('UPDATE folio_documents'))).toHaveLength(1);
    for (const [index, key] of keys.entries()) {
      expect(await records.find(key)).toEqual({ key, number: numbered[index]!.number, status: 'stored', sha256: String(index).repeat(64), stored: { ...STORED, key: `ACME/1/invoice/${index}.pdf`, sha256: String(index).repeat(64) }, templateVersion: 'invoice@2' });
    }
    const { rows } = await db.query<{ failure_reason: string | null }>('SELECT failure_reason FROM folio_documents WHERE key = $1', [keys[2]]);
    expect(rows[0]!.failure_reason).toBeNull();

    // Reporting keeps the stored file; a batch that names a document twice still ends as its last change says.
    statements.length = 0;
    await Promise.all([records.markReported(keys[0]!), records.markStored(keys[1]!, STORED, 'invoice@3'), records.markReported(keys[1]!)]);
    expect(statements.filter((sql) => sql.includes('UPDATE folio_documents'))).toHaveLength(2);
    expect(await records.find(keys[0]!)).toMatchObject({ status: 'reported', sha256: '0'.repeat(64), templateVersion: 'invoice@2' });
    expect(await records.find(keys[1]!)).toEqual({ key: keys[1], number: numbered[1]!.number, status: 'reported', sha256: STORED.sha256, stored: STORED, templateVersion: 'invoice@3' });
  });

  it('fails every caller of a batch that could not be written, and writes nothing of it', async () => {
    const { db } = await fresh();
    const records = createDocumentRecords(db);
    const numbered = await records.assignNumber('ACME|1|invoice|INVOICE|A', MODEL);
    const other = await records.assignNumber('ACME|1|invoice|INVOICE|B', MODEL);
    await db.query(`ALTER TABLE folio_documents ADD CONSTRAINT no_template_v9 CHECK (template_version IS DISTINCT FROM 'invoice@9')`);
    const results = await Promise.allSettled([records.markStored(numbered.key, STORED, 'invoice@1'), records.markStored(other.key, STORED, 'invoice@9')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await records.find(numbered.key)).toMatchObject({ status: 'numbered' });
  });
});
