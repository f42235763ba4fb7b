import { cpuSample } from '../bench-e2e/process-cpu.ts';

export interface Measurement {
  docs: number;
  seconds: number;
  docsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  peakRssMB: number;
  /** CPU of this process and every Chromium process per document: what a document costs, whatever else the machine runs. */
  cpuMsPerDoc: number;
}

/** CPU used by this process and its Chromium processes from now until stop(), in ms. */
export function startCpuMeter(): { stop(): number } {
  const total = () => {
    const sample = cpuSample(process.pid);
    return sample.connectorMs + sample.chromiumMs;
  };
  const before = total();
  return { stop: () => total() - before };
}

/** Nearest-rank percentile of latencies in ms. */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[rank] as number;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function summarise(latenciesMs: readonly number[], elapsedMs: number, peakRssMB: number, cpuMs: number): Measurement {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    docs: latenciesMs.length,
    seconds: round1(elapsedMs / 1000),
    docsPerSecond: round1(latenciesMs.length / (elapsedMs / 1000)),
    p50Ms: round1(percentile(sorted, 50)),
    p95Ms: round1(percentile(sorted, 95)),
    peakRssMB,
    cpuMsPerDoc: latenciesMs.length > 0 ? round1(cpuMs / latenciesMs.length) : 0,
  };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
