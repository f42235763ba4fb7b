import { expect, onTestFinished } from 'vitest';
import type { Database } from '../../connector/db/database.ts';
import { createJobQueue, type JobQueueOptions } from '../../connector/queue/create-job-queue.ts';
import type { JobQueue } from '../../connector/core/ports/job-queue.ts';
import { FAST } from './test-webhook.ts';

export { FAST, webhook } from './test-webhook.ts';

/** A queue that is stopped when the test ends (before its database is disposed). */
export function queueOn(db: Database, options: JobQueueOptions = {}): { queue: JobQueue; errors: unknown[] } {
  const errors: unknown[] = [];
  const queue = createJobQueue(db, { ...FAST, onError: (error) => errors.push(error), ...options });
  onTestFinished(() => queue.stop());
  return { queue, errors };
}

/** Waits until the queue's counts match, or fails with the last counts seen. */
export async function untilCounts(queue: JobQueue, expected: Partial<Awaited<ReturnType<JobQueue['counts']>>>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let counts = await queue.counts();
  while (!matches(counts, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    counts = await queue.counts();
  }
  expect(counts).toMatchObject(expected);
  return counts;
}

function matches(counts: Record<string, number>, expected: Record<string, number | undefined>) {
  return Object.entries(expected).every(([state, n]) => counts[state] === n);
}
