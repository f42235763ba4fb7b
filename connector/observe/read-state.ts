import type { Queryable } from '../db/database.ts';
import type { JobQueue } from '../core/ports/job-queue.ts';
import { countReportedFailures } from '../replay/failures.ts';
import type { StateSnapshot } from './metrics.ts';

/**
 * The shared state /metrics reports, read from the database at scrape time. Each part is read on its
 * own, so a failing query (say the queue's tables during a migration) leaves only its gauges stale.
 */
export async function readState(db: Queryable, queue: Pick<JobQueue, 'counts'>): Promise<StateSnapshot> {
  const [jobs, documents, failedDocuments] = await Promise.all([
    queue.counts().catch(() => undefined),
    db
      .query<{ type: string; status: string; count: string | number }>(
        'SELECT document_type AS type, status, count(*) AS count FROM folio_documents GROUP BY document_type, status',
      )
      .then(({ rows }) => rows.map((row) => ({ type: row.type, status: row.status, count: Number(row.count) })))
      .catch(() => undefined),
    countReportedFailures(db).catch(() => undefined),
  ]);
  return { ...(jobs && { jobs }), ...(documents && { documents }), ...(failedDocuments !== undefined && { failedDocuments }) };
}
