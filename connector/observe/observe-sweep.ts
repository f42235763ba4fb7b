import type { SweepReport } from '../reconcile/sweep.ts';
import type { FolioMetrics } from './metrics.ts';

/** Puts a finished sweep's findings into /metrics: the stale gauge, and the requests it committed. */
export function recordSweep(metrics: Pick<FolioMetrics, 'staleRequests' | 'sweepRequested'>, report: SweepReport): void {
  metrics.staleRequests.set(report.stale);
  for (const finding of report.findings) if (finding.action === 'requested') metrics.sweepRequested.inc({ entity_type: finding.entityType });
}
