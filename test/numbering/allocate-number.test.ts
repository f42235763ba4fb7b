import { expect, it } from 'vitest';
import type { Database } from '../../connector/db/database.ts';
import { allocateDocumentNumber, type AllocateNumberInput } from '../../connector/numbering/allocate-number.ts';
import { describeOnBothDatabases } from '../support/databases.ts';

function request(entityRef: string, overrides: Partial<AllocateNumberInput> = {}): AllocateNumberInput {
  return {
    key: `acc|7|invoice|ORDER|${entityRef}`,
    document: { accountId: 'acc', retailerId: '7', documentType: 'invoice', entityType: 'ORDER', entityRef },
    pattern: '{country}{yyyy}-{seq:6}',
    issuedAt: new Date('2026-03-05T10:00:00Z'),
    timeZone: 'Europe/Berlin',
    values: { country: 'DE' },
    ...overrides,
  };
}

const allocate = (db: Database, input: AllocateNumberInput) => allocateDocumentNumber(db, input);

describeOnBothDatabases('allocateDocumentNumber', (fresh) => {
  it('gives 50 concurrent documents of one series the numbers 1..50, each once', async () => {
    const { db } = await fresh();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => allocate(db, request(`O-${i}`))));
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.number)).size).toBe(50);
    expect(results.every((r) => r.isNew && r.series === '7|DE|invoice')).toBe(true);
    const { rows } = await db.query<{ count: number; max: number }>(`SELECT count(*) AS count, max(seq) AS max FROM folio_documents`);
    expect(rows[0]).toEqual({ count: 50, max: 50 });
  });

  it('returns the same number when the same document asks again, burning none', async () => {
    const { db } = await fresh();
    const first = await allocate(db, request('O-1'));
    const again = await allocate(db, request('O-1', { issuedAt: new Date('2027-01-01T00:00:00Z') }));
    const next = await allocate(db, request('O-2'));
    expect(first).toEqual({ number: 'DE2026-000001', seq: 1, series: '7|DE|invoice', isNew: true });
    expect(again).toEqual({ ...first, isNew: false });
    expect(next.seq).toBe(2);
  });

  it('gives racing requests for one document one number between them', async () => {
    const { db } = await fresh();
    const results = await Promise.all(Array.from({ length: 10 }, () => allocate(db, request('O-1'))));
    expect(new Set(results.map((r) => r.number))).toEqual(new Set(['DE2026-000001']));
    expect(results.filter((r) => r.isNew)).toHaveLength(1);
    expect((await allocate(db, request('O-2'))).seq).toBe(2);
  });

  it('reads back the number of an allocator of the same key that committed while it waited, burning none', async () => {
    const { db } = await fresh();
    // The first allocator holds the series row until it commits; the second one's snapshot saw no row
    // for the key, so it bumps the counter too, then fails on the key, which undoes its bump.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstDone!: (value: unknown) => void;
    const firstAllocated = new Promise((resolve) => (firstDone = resolve));
    const first = db.transaction(async (tx) => {
      firstDone(await allocateDocumentNumber(tx, request('O-1')));
      await held;
    });
    await firstAllocated;
    const second = allocate(db, request('O-1'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await first;
    expect(await second).toEqual({ number: 'DE2026-000001', seq: 1, series: '7|DE|invoice', isNew: false });
    expect((await allocate(db, request('O-2'))).seq).toBe(2);
  });

  it('does not burn a number when the transaction rolls back', async () => {
    const { db } = await fresh();
    await expect(
      db.transaction(async (tx) => {
        await allocateDocumentNumber(tx, request('O-1'));
        throw new Error('rendering failed');
      }),
    ).rejects.toThrow('rendering failed');
    expect(await allocate(db, request('O-2'))).toMatchObject({ number: 'DE2026-000001', seq: 1 });
    expect((await db.query(`SELECT key FROM folio_documents`)).rows).toEqual([{ key: 'acc|7|invoice|ORDER|O-2' }]);
  });

  it('keeps series apart and writes the document row with its identity', async () => {
    const { db } = await fresh();
    await allocate(db, request('O-1'));
    const french = await allocate(db, request('O-2', { values: { country: 'FR' } }));
    const yearly = await allocate(db, request('O-3', { series: '7|DE|invoice|2026', pattern: 'R{yy}{seq:4}' }));
    expect(french).toMatchObject({ number: 'FR2026-000001', series: '7|FR|invoice' });
    expect(yearly).toMatchObject({ number: 'R260001', series: '7|DE|invoice|2026' });
    const { rows } = await db.query(
      `SELECT account_id, retailer_id, document_type, entity_type, entity_ref, status FROM folio_documents WHERE key = $1`,
      ['acc|7|invoice|ORDER|O-2'],
    );
    expect(rows).toEqual([{ account_id: 'acc', retailer_id: '7', document_type: 'invoice', entity_type: 'ORDER', entity_ref: 'O-2', status: 'numbered' }]);
  });

  it('fails on a bad pattern without touching the counter', async () => {
    const { db } = await fresh();
    await expect(allocate(db, request('O-1', { pattern: '{country}-{sequence}-{seq}' }))).rejects.toThrow(/unknown token \{sequence\}/);
    expect((await db.query('SELECT count(*) AS n FROM folio_number_series')).rows).toEqual([{ n: 0 }]);
  });
});
