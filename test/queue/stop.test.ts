import { expect, it } from 'vitest';
import { describeOnBothDatabases } from '../support/databases.ts';
import { queueOn, untilCounts, webhook } from './queue-fixtures.ts';

describeOnBothDatabases('JobQueue.stop', (fresh) => {
  it('waits for the job in flight to finish and takes no new one', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db);
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const finished: string[] = [];
    await queue.work(async (job) => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      finished.push(job.key);
    });
    await queue.accept(webhook('E1'));
    await running;
    await queue.stop();
    expect(finished).toEqual(['ACME|E1']);
    expect(await queue.counts()).toEqual({ queued: 0, active: 0, completed: 1, failed: 0 });
    await expect(queue.accept(webhook('E2'))).rejects.toThrow(/stopped/);
  });
});
