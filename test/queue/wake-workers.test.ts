import { expect, it } from 'vitest';
import { describeOnBothDatabases } from '../support/databases.ts';
import { queueOn, untilCounts, webhook } from './queue-fixtures.ts';

/** Longer than any test here waits: a job that ran had no poll to thank for it. */
const NEVER_POLLS = { pollIntervalMs: 600_000 };

describeOnBothDatabases('workers of this process start on jobs it made at once, not at the next poll', (fresh) => {
  it('wakes every idle worker when the dispatcher has made jobs', async () => {
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

  it('a worker that found a job fetches the next at once, so a backlog drains without polling', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db, NEVER_POLLS);
    const ran: string[] = [];
    await queue.work(async (job) => void ran.push(job.key), { concurrency: 1 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => queue.accept(webhook(`DRAIN-${i}`))));
    await untilCounts(queue, { completed: 6, queued: 0, active: 0 }, 10_000);
    expect(ran.sort()).toEqual(Array.from({ length: 6 }, (_, i) => `ACME|DRAIN-${i}`).sort());
  });
});
