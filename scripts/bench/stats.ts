export interface Measurement {
  docs: number;
  seconds: number;
  docsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  peakRssMB: number;
}

/** Nearest-rank percentile of latencies in ms. */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[rank] as number;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function summarise(latenciesMs: readonly number[], elapsedMs: number, peakRssMB: number): Measurement {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    docs: latenciesMs.length,
    seconds: round1(elapsedMs / 1000),
    docsPerSecond: round1(latenciesMs.length / (elapsedMs / 1000)),
    p50Ms: round1(percentile(sorted, 50)),
    p95Ms: round1(percentile(sorted, 95)),
    peakRssMB,
  };
}
