import { describe, expect, it } from 'vitest';
import { freshPgliteDatabase } from '../support/databases.ts';
import type { PgliteDatabase } from '../../connector/db/pglite-database.ts';

/** db.query() on PGlite runs named prepared statements (db/pglite-prepared.ts); PGlite's own query() is the reference. */
describe('prepared statements on the embedded database', () => {
  it('answers the values PGlite’s own query() answers, for every type Folio stores', async () => {
    const { db } = await freshPgliteDatabase();
    const pglite = (db as PgliteDatabase).pglite;
    const sql = `SELECT $1::int8 AS big, $2::numeric AS amount, $3::timestamptz AS at, $4::date AS day, $5::jsonb AS doc,
                        $6::text[] AS tags, $7::int[] AS counts, $8::boolean AS flag, $9::text AS nothing, $10::uuid AS id, now() AS now_at, 2::int8 ^ 60 AS huge`;
    const params = [9_007_199_254_740_993n, '12.50', new Date('2026-12-06T10:11:12.345Z'), '2026-12-06', JSON.stringify({ a: [1, 'ü', null], b: 'x"y' }),
      ['a', 'b,c', 'd"e', 'f\\g', null], [1, 2, 3], true, null, '7c9e6679-7425-40de-944b-e07fc1f90ae7'];
    const ours = (await db.query(sql, params)).rows[0] as Record<string, unknown>;
    const theirs = (await pglite.query(sql, params)).rows[0] as Record<string, unknown>;
    const { now_at: _a, ...oursStable } = ours;
    const { now_at: _b, ...theirsStable } = theirs;
    expect(oursStable).toEqual(theirsStable);
    expect(ours).toMatchObject({ amount: '12.50', day: new Date('2026-12-06T00:00:00Z'), doc: { a: [1, 'ü', null], b: 'x"y' }, tags: ['a', 'b,c', 'd"e', 'f\\g', null], flag: true, nothing: null });
    // Objects go as JSON, as node-postgres sends them to PostgreSQL.
    expect((await db.query<{ doc: unknown }>('SELECT $1::jsonb AS doc', [{ nested: { n: 1 } }])).rows[0]!.doc).toEqual({ nested: { n: 1 } });
  });

  it('keeps the error code of a failed run, and the statement works again after it', async () => {
    const { db } = await freshPgliteDatabase();
    await db.exec('CREATE TABLE t (k text PRIMARY KEY, v int)');
    const insert = 'INSERT INTO t (k, v) VALUES ($1, $2)';
    await db.query(insert, ['a', 1]);
    await expect(db.query(insert, ['a', 2])).rejects.toMatchObject({ code: '23505' });
    expect((await db.query(insert, ['b', 2])).rowCount).toBe(1);
    await expect(db.query('SELEKT 1')).rejects.toMatchObject({ code: '42601' });
    expect((await db.query<{ n: number }>('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(2);
  });

  it('runs inside transactions, and an aborted one rolls back and leaves the connection usable', async () => {
    const { db } = await freshPgliteDatabase();
    await db.exec('CREATE TABLE t (k text PRIMARY KEY)');
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t (k) VALUES ($1)', ['in-1']);
      await tx.query('INSERT INTO t (k) VALUES ($1)', ['in-2']);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t (k) VALUES ($1)', ['in-3']);
        await tx.query('INSERT INTO t (k) VALUES ($1)', ['in-1']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await db.query<{ k: string }>('SELECT k FROM t ORDER BY k')).rows.map((row) => row.k)).toEqual(['in-1', 'in-2']);
  });

  it('prepares a statement again when the columns under it change', async () => {
    const { db } = await freshPgliteDatabase();
    await db.exec(`CREATE TABLE t (k text); INSERT INTO t VALUES ('a')`);
    expect((await db.query('SELECT * FROM t WHERE k = $1', ['a'])).rows).toEqual([{ k: 'a' }]);
    await db.exec('ALTER TABLE t ADD COLUMN v int DEFAULT 7');
    expect((await db.query('SELECT * FROM t WHERE k = $1', ['a'])).rows).toEqual([{ k: 'a', v: 7 }]);
  });

  it('gives pg-boss the same PGlite, with its single statements prepared and its scripts run as scripts', async () => {
    const { db } = await freshPgliteDatabase();
    const queue = (db as PgliteDatabase).forQueue();
    await queue.exec('CREATE TABLE jobs (id int PRIMARY KEY, state text); INSERT INTO jobs VALUES (1, $$created$$), (2, $$created$$)');
    // pg-boss's fetch: one statement without parameters, through exec().
    const fetched = await queue.exec(`UPDATE jobs SET state = 'active' WHERE id = (SELECT min(id) FROM jobs WHERE state = 'created') RETURNING id`);
    expect(fetched.flatMap((result) => result.rows)).toEqual([{ id: 1 }]);
    expect((await queue.query('SELECT state FROM jobs WHERE id = $1', [1])).rows).toEqual([{ state: 'active' }]);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE 'UPDATE jobs%'`);
    expect(rows[0]!.n).toBe(1);
    expect(queue.closed).toBe(false);
  });

  it('keeps at most its capacity of statements prepared on the connection', async () => {
    const { db } = await freshPgliteDatabase();
    for (let i = 0; i < 300; i++) await db.query(`SELECT $1::int + ${i} AS n`, [i]);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements');
    expect(rows[0]!.n).toBeGreaterThan(0);
    expect(rows[0]!.n).toBeLessThanOrEqual(257);
  });
});
