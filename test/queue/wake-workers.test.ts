import { expect, it, vi } from 'vitest';
import { describeOnBothDatabases } from '../support/databases.ts';
import { countingFetches } from './counting-fetches.ts';
import { queueOn, untilCounts, webhook } from './queue-fixtures.ts';

/** Longer than any test here waits: a job that ran had no poll to thank for it. */
const NEVER_POLLS = { pollIntervalMs: 600_000 };

describeOnBothDatabases('workers of this process start on jobs it made at once, not at the next poll', (fresh) => {
  it('starts the jobs the dispatcher has made at once, on idle workers', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db, NEVER_POLLS);
    // Each handler waits until all three run together: only three awake workers get there.
    let release!: () => void;
    const allRunning = new Promise<void>((resolve) => (release = resolve));
    let running = 0;
    await queue.work(
      async () => {
        if (++running === 3) release();
        await allRunning;
      },
      { concurrency: 3 },
    );
    await Promise.all(['WAKE-1', 'WAKE-2', 'WAKE-3'].map((id) => queue.accept(webhook(id))));
    await untilCounts(queue, { completed: 3, queued: 0, active: 0 }, 10_000);
  });

  it('wakes one idle worker for a new job, not every worker', async () => {
    const { db } = await fresh();
    const counting = countingFetches(db);
    const { queue } = queueOn(counting.db, NEVER_POLLS);
    await queue.work(async () => {}, { concurrency: 8 });
    // Each worker fetches once as it starts, then waits for a wake (no polls here).
    await vi.waitFor(() => expect(counting.fetches()).toBeGreaterThanOrEqual(8), { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = counting.fetches();
    for (let i = 1; i <= 5; i++) {
      await queue.accept(webhook(`ONE-AT-A-TIME-${i}`));
      await untilCounts(queue, { completed: i, queued: 0, active: 0 }, 10_000);
    }
    // A fetch per job, two where a wake lands on a fetch already under way. Waking every worker made
    // nine per job: one per worker, and the next fetch of the one that found it.
    const fetches = counting.fetches() - before;
    expect(fetches).toBeGreaterThanOrEqual(5);
    expect(fetches).toBeLessThanOrEqual(10);
  });

  it('a job made while every worker is busy is fetched when one finishes, not at the next poll', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db, NEVER_POLLS);
    const started: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await queue.work(
      async (job) => {
        started.push(job.key);
        if (job.key.endsWith('FIRST')) await held;
      },
      { concurrency: 1 },
    );
    await queue.accept(webhook('BUSY-FIRST'));
    await vi.waitFor(() => expect(started).toEqual(['ACME|BUSY-FIRST']), { timeout: 10_000 });
    // The second job is made while the only worker runs the first (one job: a fetch that was not full).
    await queue.accept(webhook('BUSY-SECOND'));
    await vi.waitFor(
      async () => expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM folio_queue.job WHERE state = 'created'`)).rows[0]!.n).toBe(1),
      { timeout: 10_000 },
    );
    release();
    await untilCounts(queue, { completed: 2, queued: 0, active: 0 }, 10_000);
    expect(started).toEqual(['ACME|BUSY-FIRST', 'ACME|BUSY-SECOND']);
  });

  it('polls once per interval for the whole process, not once per worker', async () => {
    const { db } = await fresh();
    const counting = countingFetches(db);
    const { queue } = queueOn(counting.db, { pollIntervalMs: 500 });
    await queue.work(async () => {}, { concurrency: 8 });
    await vi.waitFor(() => expect(counting.fetches()).toBeGreaterThanOrEqual(8), { timeout: 10_000 });
    const before = counting.fetches();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // Six ticks of the process's poll (a seventh may fall in): with each worker polling, 48.
    const fetches = counting.fetches() - before;
    expect(fetches).toBeGreaterThanOrEqual(5);
    expect(fetches).toBeLessThanOrEqual(8);
  });

  it('spreads a backlog that a poll finds over the idle workers', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db, { pollIntervalMs: 2_000, claimBatch: 1 });
    let running = 0;
    let mostRunning = 0;
    await queue.work(
      async () => {
        mostRunning = Math.max(mostRunning, ++running);
        await new Promise((resolve) => setTimeout(resolve, 300));
        running -= 1;
      },
      { concurrency: 4 },
    );
    // Jobs made by another process (here: another queue on the database, with no workers) wake none
    // of this one's workers: its poll finds them, and each full fetch wakes one more idle worker.
    const { queue: elsewhere } = queueOn(db, NEVER_POLLS);
    await Promise.all(Array.from({ length: 8 }, (_, i) => elsewhere.accept(webhook(`ELSEWHERE-${i}`))));
    await untilCounts(queue, { completed: 8, queued: 0, active: 0 }, 15_000);
    expect(mostRunning).toBe(4);
  });

  it('a worker that found a job fetches the next at once, so a backlog drains without polling', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db, NEVER_POLLS);
    const ran: string[] = [];
    await queue.work(async (job) => void ran.push(job.key), { concurrency: 1 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => queue.accept(webhook(`DRAIN-${i}`))));
    await untilCounts(queue, { completed: 6, queued: 0, active: 0 }, 10_000);
    expect(ran.sort()).toEqual(Array.from({ length: 6 }, (_, i) => `ACME|DRAIN-${i}`).sort());
  });

  it('claims a backlog a few jobs per fetch, yet runs no more than `concurrency` at once, each job once', async () => {
    const { db } = await fresh();
    const { queue: intake } = queueOn(db, NEVER_POLLS);
    await Promise.all(Array.from({ length: 12 }, (_, i) => intake.accept(webhook(`BATCH-${i}`))));
    await untilCounts(intake, { queued: 12 }, 10_000);
    await intake.stop();

    const { queue } = queueOn(db, { ...NEVER_POLLS, claimBatch: 4 });
    const ran: string[] = [];
    let running = 0;
    let mostRunning = 0;
    let mostClaimed = 0;
    await queue.work(
      async (job) => {
        mostRunning = Math.max(mostRunning, ++running);
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM folio_queue.job WHERE state = 'active'`);
        mostClaimed = Math.max(mostClaimed, rows[0]!.n);
        await new Promise((resolve) => setTimeout(resolve, 30));
        ran.push(job.key);
        running -= 1;
      },
      { concurrency: 2 },
    );
    await untilCounts(queue, { completed: 12, queued: 0, active: 0 }, 15_000);
    expect(mostRunning).toBe(2);
    // Two workers, each holding a fetch of up to four: more jobs claimed than running.
    expect(mostClaimed).toBeGreaterThan(2);
    expect(mostClaimed).toBeLessThanOrEqual(8);
    expect(ran.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `ACME|BATCH-${i}`).sort());
  });
});
