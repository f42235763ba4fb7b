/**
 * A Folio process for the crash tests, run in its own process so the test can kill it with SIGKILL.
 * Usage: crash-child.ts <accept|claim> <postgres URL | PGlite data dir>
 * - accept: accepts webhook E1 and prints "accepted" (then idles, waiting to be killed).
 * - claim: also runs a worker whose handler prints "claimed" and never returns.
 */
import { openDatabase } from '../../connector/db/open-database.ts';
import { createJobQueue } from '../../connector/queue/create-job-queue.ts';
import { FAST, webhook } from './test-webhook.ts';

const [mode, target = ''] = process.argv.slice(2);
const db = await openDatabase(target.startsWith('postgres') ? { databaseUrl: target } : { dataDir: target });
const queue = createJobQueue(db, { ...FAST, visibilityTimeoutMs: 1000, onError: () => {} });
if (mode === 'claim') {
  await queue.work(async () => {
    process.stdout.write('claimed\n');
    await new Promise(() => {});
  });
}
await queue.accept(webhook('E1'));
if (mode === 'accept') process.stdout.write('accepted\n');
