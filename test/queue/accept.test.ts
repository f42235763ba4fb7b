import { expect, it } from 'vitest';
import type { Job } from '../../connector/core/ports/job-queue.ts';
import { describeOnBothDatabases } from '../support/databases.ts';
import { queueOn, untilCounts, webhook } from './queue-fixtures.ts';

describeOnBothDatabases('JobQueue.accept', (fresh) => {
  it('runs the handler once for an accepted webhook, with the event and its attempt numbers', async () => {
    const { db } = await fresh();
    const { queue, errors } = queueOn(db);
    const seen: Job[] = [];
    await queue.work(async (job) => void seen.push(job));
    const delivery = webhook('E1');
    const accepted = await queue.accept(delivery);
    expect(accepted.status).toBe('accepted');
    await untilCounts(queue, { completed: 1, queued: 0, active: 0 });
    expect(seen).toEqual([{ id: accepted.jobId, key: 'ACME|E1', event: delivery.event, attempt: 1, maxAttempts: 3 }]);
    expect(errors).toEqual([]);
  });

  it('answers a second delivery of the same event as a duplicate and runs nothing more', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db);
    let runs = 0;
    await queue.work(async () => void runs++);
    const first = await queue.accept(webhook('E1'));
    await untilCounts(queue, { completed: 1 });
    const second = await queue.accept(webhook('E1'));
    expect(second).toEqual({ status: 'duplicate', jobId: first.jobId });
    // The same event id from another Fluent account is a different event.
    expect((await queue.accept(webhook('E1', 'OTHER'))).status).toBe('accepted');
    await untilCounts(queue, { completed: 2, queued: 0 });
    expect(runs).toBe(2);
  });

  it('queues exactly one job for 20 concurrent deliveries of one event', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db);
    const results = await Promise.all(Array.from({ length: 20 }, () => queue.accept(webhook('E1'))));
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(1);
    expect(new Set(results.map((r) => r.jobId)).size).toBe(1);
    expect(await queue.counts()).toEqual({ queued: 1, active: 0, completed: 0, failed: 0 });
  });

  it('keeps the exact signed bytes and who verified them in the inbox', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db);
    const delivery = webhook('E1');
    const { jobId } = await queue.accept(delivery);
    const { rows } = await db.query('SELECT key, event, raw_body, verified_by, job_id FROM folio_inbox');
    expect(rows).toEqual([{ key: 'ACME|E1', event: delivery.event, raw_body: delivery.rawBody, verified_by: 'test-key', job_id: jobId }]);
  });
});
