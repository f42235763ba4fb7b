import { describe, expect, it } from 'vitest';
import { startEmbeddedVacuum, vacuumWhatNeedsIt } from '../../connector/db/embedded-vacuum.ts';
import type { Queryable } from '../../connector/db/database.ts';
import { createLogger } from '../../connector/log.ts';
import { freshPgliteDatabase } from '../support/databases.ts';

interface Stats {
  dead: number;
  vacuums: number;
  analyses: number;
}

/** The table's counters as PostgreSQL keeps them, with this session's latest changes flushed to them. */
async function statsOf(db: Queryable, table: string): Promise<Stats> {
  await db.query('SELECT pg_stat_force_next_flush()');
  await db.query('SELECT 1');
  const { rows } = await db.query<Stats>(
    `SELECT n_dead_tup::int AS dead, vacuum_count::int AS vacuums, analyze_count::int AS analyses FROM pg_stat_user_tables WHERE relname = $1`,
    [table],
  );
  return rows[0]!;
}

describe('vacuuming the embedded database, which has no autovacuum', () => {
  it('vacuums a table past autovacuum’s dead-row threshold and leaves a quiet one alone', async () => {
    const { db } = await freshPgliteDatabase();
    await db.exec(`CREATE TABLE churned (id int PRIMARY KEY, state text); CREATE INDEX ON churned (state);
                   INSERT INTO churned SELECT g, 'queued' FROM generate_series(1, 200) g;
                   CREATE TABLE quiet (id int PRIMARY KEY); INSERT INTO quiet SELECT g FROM generate_series(1, 200) g;`);
    // A first pass takes the new tables' inserts (autovacuum would analyse them too).
    await statsOf(db, 'quiet');
    expect((await vacuumWhatNeedsIt(db)).analysed).toEqual(expect.arrayContaining(['public.churned', 'public.quiet']));
    // Each job-like row claimed and completed: 400 dead rows against 200 live ones (threshold 50 + 20 %).
    for (const state of ['active', 'completed']) await db.query(`UPDATE churned SET state = $1`, [state]);
    await db.query(`UPDATE quiet SET id = id WHERE id <= 10`);
    const before = await statsOf(db, 'churned');
    expect(before.dead).toBeGreaterThanOrEqual(400);

    const pass = await vacuumWhatNeedsIt(db);
    expect(pass.vacuumed).toContain('public.churned');
    expect(pass.vacuumed).not.toContain('public.quiet');
    expect(pass.analysed).not.toContain('public.quiet');
    const after = await statsOf(db, 'churned');
    expect(after).toMatchObject({ dead: 0, vacuums: before.vacuums + 1, analyses: before.analyses + 1 });
    expect((await statsOf(db, 'quiet')).vacuums).toBe(0);
    // Nothing more to do: the next pass vacuums nothing.
    expect((await vacuumWhatNeedsIt(db)).vacuumed).toEqual([]);
  });

  it('runs on a schedule, and stops waiting for a pass under way', async () => {
    const { db } = await freshPgliteDatabase();
    await db.exec(`CREATE TABLE inbox_like (id int PRIMARY KEY, queued boolean); INSERT INTO inbox_like SELECT g, false FROM generate_series(1, 100) g;`);
    await db.query('UPDATE inbox_like SET queued = true');
    await db.query('UPDATE inbox_like SET queued = false');
    await statsOf(db, 'inbox_like');
    const vacuum = startEmbeddedVacuum(db, { intervalMs: 50, log: createLogger({ level: 'silent' }) });
    try {
      await expect.poll(async () => (await statsOf(db, 'inbox_like')).vacuums, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    } finally {
      await vacuum.stop();
    }
    expect((await statsOf(db, 'inbox_like')).dead).toBe(0);
  });
});
