import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../scripts/bench/embedded-statements.ts', import.meta.url));
const run = promisify(execFile);

/** `npm run bench:db` at a small size: one line per round of each path, then the medians. No timing is asserted. */
describe('bench:db', () => {
  it('runs the same documents through both paths, alternating, and sums them up', { timeout: 120_000 }, async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', MAIN, '--documents', '20', '--rounds', '2'], { timeout: 110_000 });
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.slice(0, -1).map((line) => `${line.kind}:${line.path}:${line.documents}`)).toEqual(['round:unprepared:20', 'round:prepared:20', 'round:unprepared:20', 'round:prepared:20']);
    const summary = lines.at(-1)!;
    // Counted as they are sent: number, audit, mark stored, audit, mark reported.
    expect(summary).toMatchObject({ kind: 'summary', statementsPerDocument: 5, medianCpuMsPerDocument: { prepared: expect.any(Number), unprepared: expect.any(Number) }, unpreparedVsPrepared: expect.any(Number) });
    expect((summary.medianCpuMsPerDocument as { prepared: number }).prepared).toBeGreaterThan(0);
  });
});
