import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { combineParts, CPU_PARTS, cpuParts, partOfFrame, type CpuProfile } from '../../scripts/bench-e2e/cpu-profile-parts.ts';
import { readMainThreadProfile } from '../../scripts/bench-e2e/read-cpu-profile.ts';

const run = promisify(execFile);
const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });
const CONNECTOR = 'file:///srv/folio/connector';
const MODULES = 'file:///srv/folio/node_modules';

describe('partOfFrame', () => {
  it('names the part a connector file or a known package works for, and nothing for the rest', () => {
    expect(partOfFrame(frame('fetchQuery', `${CONNECTOR}/fetch/fetch-query.ts`))).toBe('fetch');
    expect(partOfFrame(frame('renderDocumentHtml', `${CONNECTOR}/render/html.ts`))).toBe('template');
    expect(partOfFrame(frame('splitPart', `${CONNECTOR}/render/pdf-split.ts`))).toBe('split');
    expect(partOfFrame(frame('print', `${CONNECTOR}/render/batching-renderer.ts`))).toBe('print');
    expect(partOfFrame(frame('assignNumber', `${CONNECTOR}/app/document-records.ts`))).toBe('number');
    expect(partOfFrame(frame('startConnector', `${CONNECTOR}/app/start-connector.ts`))).toBe('otherConnector');
    expect(partOfFrame(frame('send', `${MODULES}/playwright-core/lib/server/chromium/crConnection.js`))).toBe('print');
    expect(partOfFrame(frame('parse', `${MODULES}/@electric-sql/pglite/dist/index.js`))).toBe('database');
    expect(partOfFrame(frame('parse', `${MODULES}/zod/v4/core/schemas.js`))).toBeUndefined();
    expect(partOfFrame(frame('emit', 'node:events'))).toBeUndefined();
  });
});

describe('cpuParts', () => {
  // root → runPipeline (connector/pipeline) → fetchQuery → zod parse; root → pg's socket read; V8's frames.
  const nodes: CpuProfile['nodes'] = [
    { id: 1, callFrame: frame('(root)', '', -1), children: [2, 5, 7, 8, 9, 10] },
    { id: 2, callFrame: frame('fetchQuery', `${CONNECTOR}/fetch/fetch-query.ts`), children: [3] },
    { id: 3, callFrame: frame('parse', `${MODULES}/zod/v4/core/schemas.js`), children: [4] },
    { id: 4, callFrame: frame('', '', 2) },
    { id: 5, callFrame: frame('handleDataRow', `${MODULES}/pg/lib/client.js`), children: [6] },
    { id: 6, callFrame: frame('writev', '', -1) },
    { id: 7, callFrame: frame('(garbage collector)', '', -1) },
    { id: 8, callFrame: frame('(idle)', '', -1) },
    { id: 9, callFrame: frame('processTicksAndRejections', 'node:internal/process/task_queues') },
    { id: 10, callFrame: frame('(program)', '', -1) },
  ];
  // Samples 1 ms apart from t = 1000 µs; each weighs the time to the next.
  const samples = [4, 4, 3, 5, 6, 7, 8, 8, 9, 10, 2];
  const profile: CpuProfile = { nodes, startTime: 0, endTime: 20_000, samples, timeDeltas: samples.map(() => 1000) };

  it('gives each sample to the nearest frame that names a part; native calls, GC and the runtime are parts of their own; idle is left out', () => {
    const { sampledMsPerDoc, parts } = cpuParts(profile, { fromUs: 0, toUs: 100_000 }, 1);
    // zod's generated parser (no script, a line) and zod itself count for fetch, whose frame called them.
    expect(parts.fetch).toBe(3);
    expect(parts.database).toBe(1);
    expect(parts.nativeBindings).toBe(1);
    expect(parts.garbageCollector).toBe(1);
    expect(parts.runtime).toBe(2);
    // The last sample has no next one to weigh against; the two idle samples count nowhere.
    expect(sampledMsPerDoc).toBe(8);
    expect(CPU_PARTS.reduce((sum, part) => sum + parts[part], 0)).toBe(8);
  });

  it('counts only the samples inside the window, per document', () => {
    // Samples at 1000 … 11000 µs; the window [3000, 6000) holds those at 3000, 4000, 5000: zod, pg, writev.
    const { parts, sampledMsPerDoc } = cpuParts(profile, { fromUs: 3000, toUs: 6000 }, 2);
    expect(parts).toMatchObject({ fetch: 0.5, database: 0.5, nativeBindings: 0.5, garbageCollector: 0 });
    expect(sampledMsPerDoc).toBe(1.5);
  });

  it('refuses a sample that names no node of the profile', () => {
    expect(() => cpuParts({ ...profile, samples: [99, 4], timeDeltas: [1000, 1000] }, { fromUs: 0, toUs: 10_000 }, 1)).toThrow(/node 99/);
  });

  it('weighs several processes by the documents each made', () => {
    const one = cpuParts(profile, { fromUs: 0, toUs: 100_000 }, 1);
    const combined = combineParts([
      { parts: one, documents: 3 },
      { parts: { sampledMsPerDoc: 0, parts: { ...one.parts, fetch: 0 } }, documents: 1 },
    ]);
    expect(combined.parts.fetch).toBe(2.25);
    expect(combined.sampledMsPerDoc).toBe(6);
  });
});

/**
 * A real `node --cpu-prof` process whose busy code sits in folders named like the connector's, so the
 * profile's URLs classify as they would. It prints process.hrtime around the stretch to be measured:
 * the window works only if V8 stamps samples on that same clock.
 */
describe('a real --cpu-prof profile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'folio-cpu-prof-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is found by its process id, and its measured window holds the work done in it and none from before', { timeout: 60_000 }, async () => {
    // Date.now is V8's own, with no frame of its own; performance.now would be a C++ binding's samples.
    const busy = (name: string) => `export function ${name}(ms) { const end = Date.now() + ms; let x = 0; while (Date.now() < end) for (let i = 0; i < 1e4; i++) x += Math.sqrt(x + i); return x; }\n`;
    mkdirSync(join(dir, 'app', 'connector', 'compose'), { recursive: true });
    mkdirSync(join(dir, 'app', 'connector', 'fetch'), { recursive: true });
    writeFileSync(join(dir, 'app', 'connector', 'compose', 'busy.mjs'), busy('buildBusily'));
    writeFileSync(join(dir, 'app', 'connector', 'fetch', 'busy.mjs'), busy('fetchBusily'));
    writeFileSync(
      join(dir, 'app', 'main.mjs'),
      `import { buildBusily } from './connector/compose/busy.mjs';
import { fetchBusily } from './connector/fetch/busy.mjs';
buildBusily(300);
const from = process.hrtime.bigint() / 1000n;
fetchBusily(300);
const to = process.hrtime.bigint() / 1000n;
buildBusily(100);
console.log(JSON.stringify({ pid: process.pid, from: String(from), to: String(to) }));
`,
    );
    const profiles = join(dir, 'profiles');
    const { stdout } = await run(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profiles}`, join(dir, 'app', 'main.mjs')], { timeout: 50_000 });
    const marks = JSON.parse(stdout) as { pid: number; from: string; to: string };

    const profile = await readMainThreadProfile(profiles, marks.pid);
    const { parts } = cpuParts(profile, { fromUs: Number(marks.from), toUs: Number(marks.to) }, 1);
    // 300 ms of fetch's work inside the window (sampling loses a little at its edges), almost nothing of build's.
    expect(parts.fetch).toBeGreaterThan(240);
    expect(parts.fetch).toBeLessThan(320);
    expect(parts.build).toBeLessThan(10);
    await expect(readMainThreadProfile(profiles, marks.pid + 1)).rejects.toThrow(/0 main-thread profiles/);
  });
});
