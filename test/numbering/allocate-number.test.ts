import { expect, it } from 'vitest';
import type { Database } from '../../connector/db/database.ts';
import { allocateDocumentNumber, allocateDocumentNumbers, type AllocatedNumber, type AllocateNumberInput } from '../../connector/numbering/allocate-number.ts';
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

/**
 * Numbers `held` in a transaction left open, starts `then`, and commits 200 ms later; answers what
 * `then` answered. On PostgreSQL `then`'s snapshot saw no row for the held key.
 */
async function whileAllocationUncommitted<T>(db: Database, held: AllocateNumberInput, then: () => Promise<T>): Promise<T> {
  let release!: () => void;
  const releasing = new Promise<void>((resolve) => (release = resolve));
  let allocated!: () => void;
  const heldAllocated = new Promise<void>((resolve) => (allocated = resolve));
  const first = db.transaction(async (tx) => {
    await allocateDocumentNumber(tx, held);
    allocated();
    await releasing;
  });
  await heldAllocated;
  const second = then();
  await new Promise((resolve) => setTimeout(resolve, 200));
  release();
  await first;
  return second;
}

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
    const second = await whileAllocationUncommitted(db, request('O-1'), () => allocate(db, request('O-1')));
    expect(second).toEqual({ number: 'DE2026-000001', seq: 1, series: '7|DE|invoice', isNew: false });
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

/** A Queryable that counts the statements it passes on. */
function counting(db: Database): { statements: number; query: Database['query'] } {
  const counted: { statements: number; query: Database['query'] } = { statements: 0, query: (sql, params) => (counted.statements++, db.query(sql, params)) };
  return counted;
}

const numbersOf = (results: Array<AllocatedNumber | Error>) => results.map((r) => (r instanceof Error ? r.message : r.number));

describeOnBothDatabases('allocateDocumentNumbers', (fresh) => {
  it('numbers a batch of one series in one statement, in the order given', async () => {
    const { db } = await fresh();
    await allocate(db, request('O-0'));
    const counted = counting(db);
    const results = await allocateDocumentNumbers(counted, Array.from({ length: 20 }, (_, i) => request(`O-${i + 1}`)));
    expect(counted.statements).toBe(1);
    expect(numbersOf(results)).toEqual(Array.from({ length: 20 }, (_, i) => `DE2026-${String(i + 2).padStart(6, '0')}`));
    expect(results.every((r) => !(r instanceof Error) && r.isNew && r.series === '7|DE|invoice')).toBe(true);
    const { rows } = await db.query<{ n: number; next: number }>(`SELECT (SELECT count(*) FROM folio_documents) AS n, (SELECT next_value FROM folio_number_series) AS next`);
    expect(rows[0]).toEqual({ n: 21, next: 22 });
    expect((await allocate(db, request('O-21'))).seq).toBe(22);
  });

  it('answers known keys with their numbers, errors with their own message, and keeps series and date parts apart', async () => {
    const { db } = await fresh();
    const known = await allocate(db, request('O-1'));
    const results = await allocateDocumentNumbers(db, [
      request('O-2'),
      request('O-1'),
      request('O-3', { values: { country: 'FR' } }),
      request('O-4', { pattern: '{country}-{sequence}-{seq}' }),
      // Issued on New Year's Eve in Berlin's new year: same series, its own year in the number.
      request('O-5', { issuedAt: new Date('2026-12-31T23:30:00Z') }),
      request('O-6', { values: { country: 'FR' } }),
    ]);
    expect(numbersOf(results)).toEqual(['DE2026-000002', 'DE2026-000001', 'FR2026-000001', expect.stringMatching(/unknown token \{sequence\}/), 'DE2027-000003', 'FR2026-000002']);
    expect(results[1]).toEqual({ ...known, isNew: false });
    const { rows } = await db.query(`SELECT series, next_value FROM folio_number_series ORDER BY series`);
    expect(rows).toEqual([{ series: '7|DE|invoice', next_value: 4 }, { series: '7|FR|invoice', next_value: 3 }]);
  });

  it('gives a key named twice in one batch one number, burning none', async () => {
    const { db } = await fresh();
    const results = await allocateDocumentNumbers(db, [request('O-1'), request('O-2'), request('O-1')]);
    expect(numbersOf(results)).toEqual(['DE2026-000001', 'DE2026-000002', 'DE2026-000001']);
    expect(results.filter((r) => !(r instanceof Error) && r.isNew)).toHaveLength(2);
    expect((await allocate(db, request('O-3'))).seq).toBe(3);
  });

  it('numbers overlapping concurrent batches gap-free, each key once', async () => {
    const { db } = await fresh();
    // Five batches of 12 over 30 keys: every key is asked for twice, by different batches.
    const batches = Array.from({ length: 5 }, (_, b) => Array.from({ length: 12 }, (_, i) => request(`O-${(b * 6 + i) % 30}`)));
    const results = (await Promise.all(batches.map((batch) => allocateDocumentNumbers(db, batch)))).flat();
    expect(results.some((r) => r instanceof Error)).toBe(false);
    const byKey = new Map<string, Set<string>>();
    results.forEach((r, i) => byKey.set(batches.flat()[i]!.key, (byKey.get(batches.flat()[i]!.key) ?? new Set()).add((r as AllocatedNumber).number)));
    expect([...byKey.values()].every((numbers) => numbers.size === 1)).toBe(true);
    const { rows } = await db.query<{ n: number; distinct: number; max: number }>(`SELECT count(*) AS n, count(DISTINCT seq) AS distinct, max(seq) AS max FROM folio_documents`);
    expect(rows[0]).toEqual({ n: 30, distinct: 30, max: 30 });
  });

  it('falls back to one by one when another allocator commits one of its keys first, burning none', async () => {
    const { db } = await fresh();
    const results = await whileAllocationUncommitted(db, request('O-2'), () => allocateDocumentNumbers(db, [request('O-1'), request('O-2'), request('O-3')]));
    expect(numbersOf(results).sort()).toEqual(['DE2026-000001', 'DE2026-000002', 'DE2026-000003']);
    expect(results[1]).toMatchObject({ number: 'DE2026-000001', isNew: false });
    expect((await allocate(db, request('O-4'))).seq).toBe(4);
  });

  it('writes each document\'s own facts with it', async () => {
    const { db } = await fresh();
    const withFacts = (ref: string, total: number) =>
      request(ref, { facts: { order_ref: { type: 'text', value: `ORD-${ref}` }, total_minor: { type: 'bigint', value: total }, issued_at: { type: 'timestamptz', value: '2026-03-05T10:00:00Z' }, model: { type: 'jsonb', value: JSON.stringify({ ref }) } } });
    const results = await allocateDocumentNumbers(db, [withFacts('O-1', 1999), withFacts('O-2', 0)]);
    expect(numbersOf(results)).toEqual(['DE2026-000001', 'DE2026-000002']);
    const { rows } = await db.query(`SELECT entity_ref, order_ref, total_minor, issued_at, model, status FROM folio_documents ORDER BY seq`);
    expect(rows).toEqual([
      { entity_ref: 'O-1', order_ref: 'ORD-O-1', total_minor: 1999, issued_at: new Date('2026-03-05T10:00:00Z'), model: { ref: 'O-1' }, status: 'numbered' },
      { entity_ref: 'O-2', order_ref: 'ORD-O-2', total_minor: 0, issued_at: new Date('2026-03-05T10:00:00Z'), model: { ref: 'O-2' }, status: 'numbered' },
    ]);
  });
});
