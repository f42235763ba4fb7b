import { parseArgs } from 'node:util';
import { createAuditTrail } from '../../audit/audit-trail.ts';
import { createJobQueue } from '../../queue/create-job-queue.ts';
import { listFailures } from '../../replay/failures.ts';
import { NothingToRetryError, retryAllFailed, retryDocument, type RetryResult } from '../../replay/replay.ts';
import { UsageError, type Command } from '../command.ts';
import { databaseFromEnv } from '../database-from-env.ts';

export const retryCommand: Command = {
  path: ['retry'],
  summary: 'Replay failed documents (by document key or entity ref, or all of them); --list shows them',
  usage: [
    'Usage: folio retry <document key | entity ref>',
    '       folio retry --all-failed',
    '       folio retry --list',
    '',
    "Queues the Fluent event that asked for a failed document again, as a new job. The document keeps",
    'its number and file; nothing is delivered twice. A document whose job is still queued or running',
    'is left alone ("already queued"). A running connector picks the job up within a second.',
    '',
    'Uses DATABASE_URL, else the embedded database under FOLIO_DATA_DIR (default var). The embedded',
    'database serves one process: while the connector runs on it, use POST /admin/documents/:key/retry.',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { 'all-failed': { type: 'boolean', default: false }, list: { type: 'boolean', default: false } },
      allowPositionals: true,
    });
    const modes = [values['all-failed'], values.list, positionals.length > 0].filter(Boolean).length;
    if (modes !== 1 || positionals.length > 1) throw new UsageError('name one document key or entity ref, or pass --all-failed or --list');

    const db = await databaseFromEnv();
    const queue = createJobQueue(db, { onError: () => {} });
    try {
      if (values.list) {
        const failures = await listFailures(db);
        for (const f of failures) console.log(`${f.documentKey ?? f.entityRef}\t${f.failedAt.toISOString()}\t${f.reason}`);
        console.log(`${failures.length} failed document(s)`);
        return 0;
      }
      const deps = { db, queue, audit: createAuditTrail(db) };
      if (values['all-failed']) {
        const { results, errors } = await retryAllFailed(deps, 'folio retry');
        for (const result of results) console.log(describe(result));
        for (const { failure, error } of errors) console.error(`✘ ${failure.entityRef}: ${error}`);
        console.log(`${results.filter((r) => r.status === 'queued').length} queued, ${results.filter((r) => r.status === 'already-queued').length} already queued, ${errors.length} not replayable`);
        return errors.length > 0 ? 1 : 0;
      }
      try {
        console.log(describe(await retryDocument(deps, positionals[0]!, 'folio retry')));
        return 0;
      } catch (error) {
        if (!(error instanceof NothingToRetryError)) throw error;
        console.error(error.message);
        return 1;
      }
    } finally {
      await queue.stop();
      await db.close();
    }
  },
};

function describe(result: RetryResult): string {
  const what = result.failure.documentKey ?? result.failure.entityRef;
  return result.status === 'queued' ? `✔ ${what}: queued again as ${result.inboxKey} (job ${result.jobId})` : `• ${what}: already queued (job ${result.jobId})`;
}
