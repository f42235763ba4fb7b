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

    expect(runs.map((r) => `${r.backend}/${r.load}`)).toEqual(['pglite/burst', 'pglite/rate', 'postgres/burst', 'postgres/rate']);
    for (const line of runs) {
      expect(line.documents).toBe(line.invoices);
      expect(line.failed).toBe(0);
      expect(line.latenciesMs).toBe(line.documents);
      expect(line.renderer.docs).toBe(line.documents);
      expect(line.backlog === null).toBe(line.load === 'burst');
      expect(line.latencyFrom).toBe(line.load === 'burst' ? 'created' : 'due');
    }
    expect(summary.runs).toEqual(runs.map(({ backend, load, docsPerSecond, p95Ms, p99Ms, connectorCpuMsPerDoc, e2eVsRenderer }) => ({ backend, load, docsPerSecond, p95Ms, p99Ms, connectorCpuMsPerDoc, e2eVsRenderer })));
  });
});
