import { expect, it } from 'vitest';
import { NothingToDoError, PermanentError, RetryableError } from '../../connector/core/errors.ts';
import { describeOnBothDatabases } from '../support/databases.ts';
import { queueOn, untilCounts, webhook } from './queue-fixtures.ts';

describeOnBothDatabases('JobQueue retries', (fresh) => {
  it('retries a RetryableError with backoff, counting attempts 1, 2, 3', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db, { maxAttempts: 5 });
    const attempts: Array<{ attempt: number; maxAttempts: number; at: number }> = [];
    await queue.work(async (job) => {
      attempts.push({ attempt: job.attempt, maxAttempts: job.maxAttempts, at: Date.now() });
      if (job.attempt < 3) throw new RetryableError('Fluent answered 503');
    });
    await queue.accept(webhook('E1'));
    await untilCounts(queue, { completed: 1, queued: 0, failed: 0 });
    expect(attempts.map(({ attempt, maxAttempts }) => ({ attempt, maxAttempts }))).toEqual([
      { attempt: 1, maxAttempts: 5 },
      { attempt: 2, maxAttempts: 5 },
      { attempt: 3, maxAttempts: 5 },
    ]);
    // Backoff: a retry waits (at least half the 1 s base, with jitter) instead of running at once.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(400);
  });

  it('fails a PermanentError at once, without retrying', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db);
    const attempts: number[] = [];
    await queue.work(async (job) => {
      attempts.push(job.attempt);
      throw new PermanentError('template missing for retailer 1');
    });
    const { jobId } = await queue.accept(webhook('E1'));
    await untilCounts(queue, { failed: 1, queued: 0, active: 0 });
    expect(attempts).toEqual([1]);
    const { rows } = await db.query(`SELECT output FROM folio_queue.job WHERE id = $1`, [jobId]);
    expect(rows[0]).toEqual({ output: { error: 'PermanentError: template missing for retailer 1' } });
  });

  it('gives up after maxAttempts of errors that are not permanent', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db, { maxAttempts: 3 });
    const attempts: number[] = [];
    await queue.work(async (job) => {
      attempts.push(job.attempt);
      throw new Error('socket hang up');
    });
    await queue.accept(webhook('E1'));
    await untilCounts(queue, { failed: 1, queued: 0, active: 0 });
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('completes a job whose handler says there is nothing to do', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db);
    let runs = 0;
    await queue.work(async () => {
      runs++;
      throw new NothingToDoError('no document for OrderCreated');
    });
    await queue.accept(webhook('E1'));
    await untilCounts(queue, { completed: 1, queued: 0 });
    expect(runs).toBe(1);
  });
});
