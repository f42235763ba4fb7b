import { availableParallelism, totalmem } from 'node:os';

/**
 * Defaults for how much runs at once, from the machine's cores and memory (issue 15: at the old fixed
 * 2 jobs the batching renderer had nothing to batch). FOLIO_WORKER_CONCURRENCY and
 * FOLIO_RENDER_CONCURRENCY still override them.
 *
 * Measured on 2 cores (`npm run bench:e2e`, burst of 200 on PGlite; `npm run load`'s webhook flood):
 * one Chromium page per core beat half and twice as many. Jobs in flight (2 pages): 2 → 23–25 docs/s,
 * 4 → 27, 8 → 29–32, 12 → 36, 16 → 31–35, 32 → 33; but from 12 on, the jobs took enough of the
 * cores that the flood's webhook ack p99 passed its 25 ms bound (16: 28–53 ms, 8: 16–20 ms).
 * Since a fetch claims several jobs (queue/create-job-queue.ts), 12 costs the flood less: interleaved
 * on 2026-12-07, bursts of 500 on PGlite made 35.3–39.8 docs/s at 12 against 30.1–37.3 at 8 (3.9
 * documents per print against 2.9), and the flood's ack p99 was 19.5–26.2 ms against 19.3–24.3.
 */
export interface Machine {
  cores: number;
  memoryBytes: number;
}

/** What one Chromium page costs, about. */
const PAGE_BYTES = 100 * 1024 * 1024;
/** The share of memory pages may take; the rest is Node's, the database's and Chromium's own. */
const PAGE_MEMORY_SHARE = 0.25;
/** Jobs in flight per page: batches for the renderer, while webhooks still get their acks at once. */
const JOBS_PER_PAGE = 6;

export function thisMachine(): Machine {
  // A container's limit, where there is one (an unlimited cgroup reports a huge number, hence the min).
  const limit = process.constrainedMemory();
  return { cores: availableParallelism(), memoryBytes: limit > 0 ? Math.min(limit, totalmem()) : totalmem() };
}

/** Chromium pages at once: one per core, as memory allows. */
export function renderConcurrencyFor(machine: Machine): number {
  return Math.max(1, Math.min(machine.cores, Math.floor((machine.memoryBytes * PAGE_MEMORY_SHARE) / PAGE_BYTES)));
}

/** Jobs at once: a few per page, so each print call finds company. */
export function workerConcurrencyFor(machine: Machine): number {
  return JOBS_PER_PAGE * renderConcurrencyFor(machine);
}
