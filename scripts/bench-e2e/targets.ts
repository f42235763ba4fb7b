import type { RunLine, SummaryLine } from './line-schema.ts';

/**
 * Issue 15's "done when", checked on this invocation's runs (null where the run it needs was not made).
 * The burst and rate targets are for the embedded defaults: PGlite with no tuning variables set.
 */
export function targetsMet(lines: readonly RunLine[]): SummaryLine['targets'] {
  const defaults = (load: RunLine['load']) => lines.find((l) => l.backend === 'pglite' && l.load === load && Object.keys(l.tuning).length === 0);
  const burst = defaults('burst');
  const rate = defaults('rate');
  const cpuAtMost = (backend: RunLine['backend'], ms: number) => {
    const runs = lines.filter((l) => l.backend === backend);
    return runs.length ? runs.every((l) => l.connectorCpuMsPerDoc <= ms) : null;
  };
  return {
    burstHalfOfRenderer: burst ? burst.e2eVsRenderer >= 0.5 : null,
    rateP95Under1500Ms: rate ? rate.p95Ms < 1500 : null,
    rateP99Under3000Ms: rate ? rate.p99Ms < 3000 : null,
    rateNoGrowingBacklog: rate?.backlog ? !rate.backlog.grew : null,
    pgliteCpuAtMost8Ms: cpuAtMost('pglite', 8),
    postgresCpuAtMost5Ms: cpuAtMost('postgres', 5),
  };
}
