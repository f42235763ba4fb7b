import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runLineSchema, summaryLineSchema } from '../../scripts/bench-e2e/line-schema.ts';

const MAIN = fileURLToPath(new URL('../../scripts/bench-e2e/main.ts', import.meta.url));
const run = promisify(execFile);

/** `npm run bench:e2e --small`: the lines parse and their counts add up. No timing is asserted. */
describe('bench:e2e', () => {
  it('prints one line per backend and load, then a summary, every invoice made into a document with its latency', { timeout: 600_000 }, async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', MAIN, '--small'], { maxBuffer: 16 * 1024 * 1024, timeout: 590_000 });
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown);
    const runs = lines.slice(0, -1).map((line) => runLineSchema.parse(line));
    const summary = summaryLineSchema.parse(lines.at(-1));

    expect(runs.map((r) => `${r.backend}/${r.load}/${r.processes}`)).toEqual(['pglite/burst/1', 'pglite/rate/1', 'postgres/burst/1', 'postgres/burst/2', 'postgres/rate/1']);
    for (const line of runs) {
      expect(line.documents).toBe(line.invoices);
      expect(line.failed).toBe(0);
      expect(line.latenciesMs).toBe(line.documents);
      expect(line.renderer.docs).toBe(line.documents);
      expect(line.backlog === null).toBe(line.load === 'burst');
      expect(line.latencyFrom).toBe(line.load === 'burst' ? 'created' : 'due');
      expect(line.perProcess).toHaveLength(line.processes);
      // Every document was made by exactly one of the processes.
      expect(line.perProcess.reduce((sum, each) => sum + each.documents, 0)).toBe(line.documents);
      expect(line.lockWaits === null).toBe(line.processes === 1);
      // The main thread is one of the connector's threads; without --cpu-prof there is no profile to split.
      expect(line.connectorMainThreadCpuMsPerDoc).toBeGreaterThan(0);
      expect(line.connectorMainThreadCpuMsPerDoc).toBeLessThanOrEqual(line.connectorCpuMsPerDoc);
      expect(line.cpuProfile).toBeNull();
    }
    // How a burst of 12 splits between the two processes is timing (one fetch claims several jobs, and one
    // process may claim them all on a busy machine); that each document was made once is checked above.
    const scaled = runs.find((r) => r.processes === 2)!;
    expect(scaled.lockWaits!.samples).toBeGreaterThan(0);
    expect(summary.scaleOut).toMatchObject({ processes: 2, perProcessCpuMsPerDoc: scaled.perProcess.map((each) => each.connectorCpuMsPerDoc) });
    expect(summary.runs).toEqual(runs.map(({ backend, load, processes, docsPerSecond, p95Ms, p99Ms, connectorCpuMsPerDoc, e2eVsRenderer }) => ({ backend, load, processes, docsPerSecond, p95Ms, p99Ms, connectorCpuMsPerDoc, e2eVsRenderer })));
  });
});
