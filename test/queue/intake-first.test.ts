import { expect, it } from 'vitest';
import type { Database } from '../../connector/db/database.ts';
import { AcceptBatcher } from '../../connector/queue/accept-batcher.ts';
import { freshPgliteDatabase } from '../support/databases.ts';
import { webhook } from './queue-fixtures.ts';

/** The real database, with each statement held until the test lets it through. */
function gated(db: Database) {
  const held: (() => void)[] = [];
  const wrapped: Database = {
    ...db,
    engine: db.engine,
    query: async (sql, params) => {
      await new Promise<void>((resolve) => held.push(resolve));
      return db.query(sql, params);
    },
  };
  return { db: wrapped, releaseAll: () => held.splice(0).forEach((release) => release()), held: () => held.length };
}

it('workers wait while a webhook acknowledgement is being committed, and go once the intake is idle', async () => {
  const fresh = await freshPgliteDatabase();
  try {
    const gate = gated(fresh.db);
    const batcher = new AcceptBatcher(gate.db);
    // Idle intake: no wait at all.
    await expect(batcher.whenIdle(5_000)).resolves.toBeUndefined();

    const accepted = batcher.accept(webhook('FIRST-1'), 'job-1');
    await expect.poll(() => gate.held()).toBe(1);
    let released = false;
    const waiting = batcher.whenIdle(5_000).then(() => (released = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(released).toBe(false);

    gate.releaseAll();
    await expect(accepted).resolves.toEqual({ status: 'accepted', jobId: 'job-1' });
    const committedAt = performance.now();
    await waiting;
    expect(performance.now() - committedAt).toBeLessThan(1_000);
  } finally {
    await fresh.dispose();
  }
});

it('a worker never waits longer than its bound, however busy the intake', async () => {
  const fresh = await freshPgliteDatabase();
  try {
    const gate = gated(fresh.db);
    const batcher = new AcceptBatcher(gate.db);
    const accepted = batcher.accept(webhook('BUSY-1'), 'job-1');
    await expect.poll(() => gate.held()).toBe(1);
    const started = performance.now();
    await batcher.whenIdle(80);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(75);
    expect(waited).toBeLessThan(2_000);
    // A bound of 0 turns the courtesy off.
    const again = performance.now();
    await batcher.whenIdle(0);
    expect(performance.now() - again).toBeLessThan(50);
    gate.releaseAll();
    await accepted;
  } finally {
    await fresh.dispose();
  }
});
