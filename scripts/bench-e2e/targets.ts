import type { RunLine, SummaryLine } from './line-schema.ts';

/**
 * Issue 15's "done when", checked on this invocation's runs (null where the run it needs was not made).
 * The burst and rate targets are for the embedded defaults: PGlite with no tuning variables set.
 */
export function targetsMet(lines: readonly RunLine[]): SummaryLine['targets'] {
  const defaults = (load: RunLine['load']) => lines.find((l) => l.backend === 'pglite' && l.load === load && Object.keys(l.tuning).length === 0);
  const single = lines.filter((l) => l.processes === 1);
  const burst = defaults('burst');
  const rate = defaults('rate');
  const cpuAtMost = (backend: RunLine['backend'], ms: number) => {
    const runs = single.filter((l) => l.backend === backend);
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

/** The PostgreSQL burst on several processes against the same burst on one, from this invocation's runs. */
export function scaleOutOf(lines: readonly RunLine[]): SummaryLine['scaleOut'] {
  const one = lines.find((l) => l.backend === 'postgres' && l.load === 'burst' && l.processes === 1);
  const several = lines.find((l) => l.backend === 'postgres' && l.load === 'burst' && l.processes > 1);
  if (!one || !several || one.docsPerSecond === 0) return null;
  return {
    processes: several.processes,
    speedUp: Math.round((several.docsPerSecond / one.docsPerSecond) * 100) / 100,
    perProcessCpuMsPerDoc: several.perProcess.map((each) => each.connectorCpuMsPerDoc),
    lockWaitingShare: several.lockWaits?.waitingShare ?? 0,
  };
}
