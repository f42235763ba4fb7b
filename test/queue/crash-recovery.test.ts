import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { Job } from '../../connector/core/ports/job-queue.ts';
import { describeOnBothDatabases, freshDatabase } from '../support/databases.ts';
import { queueOn, untilCounts } from './queue-fixtures.ts';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

/** Starts crash-child.ts, waits for it to print `line`, then kills it with SIGKILL. */
async function runAndKill(mode: 'accept' | 'claim', target: string, line: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, target], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`crash-child never printed "${line}":\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`${line}\n`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`crash-child exited (${code}) before "${line}":\n${output}`)));
  });
  child.kill('SIGKILL');
  await exited;
}

describeOnBothDatabases('JobQueue after a crash (kill -9)', (fresh) => {
  /** The test's database, closed, so the child process can open the same data (PGlite: alone). */
  async function sharedData() {
    const testDb = await fresh({ onDisk: true });
    await testDb.db.close();
    return { testDb, target: testDb.location };
  }

  it('keeps a webhook that was acknowledged just before the process died', async () => {
    const { testDb, target } = await sharedData();
    await runAndKill('accept', target, 'accepted');
    const { queue } = queueOn(await testDb.reopen());
    const seen: Job[] = [];
    await queue.work(async (job) => void seen.push(job));
    await untilCounts(queue, { completed: 1, queued: 0 });
    expect(seen.map(({ key, attempt }) => ({ key, attempt }))).toEqual([{ key: 'ACME|E1', attempt: 1 }]);
  });

  it('runs again a job whose worker died while running it, once its claim expires', async () => {
    const { testDb, target } = await sharedData();
    await runAndKill('claim', target, 'claimed');
    const { queue } = queueOn(await testDb.reopen(), { visibilityTimeoutMs: 1000 });
    const attempts: number[] = [];
    await queue.work(async (job) => void attempts.push(job.attempt));
    await untilCounts(queue, { completed: 1, active: 0, queued: 0 });
    // The dead worker's claim used attempt 1.
    expect(attempts).toEqual([2]);
  });

});

it('on PGlite, runs a dead worker\'s job again at start-up: no other process can hold the database', async () => {
  const testDb = await freshDatabase('pglite', { onDisk: true });
  await testDb.db.close();
  await runAndKill('claim', testDb.location, 'claimed');
  // A claim timeout far beyond the test: only the start-up release can bring the job back in time.
  const { queue } = queueOn(await testDb.reopen(), { visibilityTimeoutMs: 600_000 });
  const attempts: number[] = [];
  await queue.work(async (job) => void attempts.push(job.attempt));
  await untilCounts(queue, { completed: 1, active: 0, queued: 0 }, 15_000);
  expect(attempts).toEqual([2]);
});
