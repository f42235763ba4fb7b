import { expect, it } from 'vitest';
import { describeOnBothDatabases } from '../support/databases.ts';

describeOnBothDatabases('Database', (fresh) => {
  it('commits a transaction and rolls one back on throw', async () => {
    const { db } = await fresh();
    await db.exec('CREATE TABLE t (n int PRIMARY KEY)');
    await db.transaction((tx) => tx.query('INSERT INTO t VALUES (1)'));
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (2)');
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect((await db.query('SELECT n FROM t ORDER BY n')).rows).toEqual([{ n: 1 }]);
  });

  it('refuses db.query inside its own transaction instead of deadlocking', async () => {
    const { db } = await fresh();
    await expect(db.transaction(() => db.query('SELECT 1'))).rejects.toThrow(/use the transaction's handle/);
  });

  it('counts rows the same way for reads and writes', async () => {
    const { db } = await fresh();
    await db.exec('CREATE TABLE t (n int)');
    expect((await db.query('INSERT INTO t VALUES (1), (2), (3)')).rowCount).toBe(3);
    expect((await db.query('UPDATE t SET n = n + 1 WHERE n > 1')).rowCount).toBe(2);
    expect((await db.query('SELECT * FROM t')).rowCount).toBe(3);
    expect((await db.query('DELETE FROM t RETURNING n')).rowCount).toBe(3);
  });

  it('returns the same JavaScript values on both engines', async () => {
    const { db } = await fresh();
    const { rows } = await db.query(
      `SELECT count(*) AS count, 9007199254740993::int8 AS huge, 1.50::numeric AS amount,
              '2026-01-02'::date AS day, '2026-01-02 03:04:05'::timestamp AS local,
              '2026-01-02 03:04:05+02'::timestamptz AS instant, $1::jsonb AS doc, now()::date = (now() AT TIME ZONE 'UTC')::date AS utc`,
      [{ a: [1, 'x'] }],
    );
    expect(rows[0]).toEqual({
      count: 1,
      huge: 9007199254740993n,
      amount: '1.50',
      day: new Date('2026-01-02T00:00:00Z'),
      local: new Date('2026-01-02T03:04:05Z'),
      instant: new Date('2026-01-02T01:04:05Z'),
      doc: { a: [1, 'x'] },
      utc: true,
    });
  });

  it('serialises concurrent transactions without losing an update', async () => {
    const { db } = await fresh();
    await db.exec('CREATE TABLE counter (n int); INSERT INTO counter VALUES (0);');
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const { rows } = await tx.query<{ n: number }>('SELECT n FROM counter FOR UPDATE');
          await tx.query('UPDATE counter SET n = $1', [rows[0]!.n + 1]);
        }),
      ),
    );
    expect((await db.query('SELECT n FROM counter')).rows).toEqual([{ n: 20 }]);
  });
});
