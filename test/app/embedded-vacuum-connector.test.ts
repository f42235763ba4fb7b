import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startObservedLoop, type ObservedLoop } from '../observe/support/observed-loop.ts';

describe('the connector on the embedded database vacuums it, since PGlite has no autovacuum', () => {
  let loop: ObservedLoop;
  beforeAll(async () => {
    loop = await startObservedLoop({ FOLIO_EMBEDDED_VACUUM_INTERVAL_MS: '300' });
  });
  afterAll(() => loop?.close());

  it('vacuums a churned table on its schedule, and says so in its log', async () => {
    const { db } = loop.connector;
    expect(db.engine).toBe('pglite');
    // Rows claimed and completed, as the queue's are: 400 dead rows against 200 live ones.
    await db.query(`CREATE TABLE vacuum_probe AS SELECT g AS id, 'queued' AS state FROM generate_series(1, 200) g`);
    for (const state of ['active', 'completed']) await db.query(`UPDATE vacuum_probe SET state = $1`, [state]);
    await db.query('SELECT pg_stat_force_next_flush()');
    await db.query('SELECT 1');
    await expect
      .poll(() => loop.logLines().some((line) => line.msg === 'embedded database vacuumed' && (line.vacuumed as string[]).includes('public.vacuum_probe')), { timeout: 30_000, interval: 200 })
      .toBe(true);
    const { rows } = await db.query<{ vacuums: number }>(`SELECT vacuum_count::int AS vacuums FROM pg_stat_user_tables WHERE relname = 'vacuum_probe'`);
    expect(rows[0]!.vacuums).toBeGreaterThan(0);
  });
});
