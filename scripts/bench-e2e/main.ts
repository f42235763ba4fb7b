/**
 * `npm run bench:e2e`: the whole loop on loopback — Fluent emulator (its own process) → signed webhook →
 * `folio serve` (a child configured only through its environment) → attributes written back onto the
 * invoice in the emulator — on the embedded defaults (PGlite, local files) and on PostgreSQL, under a
 * burst and under a fixed offered rate. One JSON line per run (line-schema.ts), then a summary line.
 *
 *   --burst N          invoices created at once (default 500)
 *   --rate R           invoices per second offered, open loop (default 15) …
 *   --seconds S        … for S seconds (default 60)
 *   --warm-up N        invoices made before each run's clock starts (default 10)
 *   --only a,b         backends: pglite, postgres (default both)
 *   --loads a,b        loads: burst, rate (default both)
 *   --processes N      PostgreSQL burst: also run N connector processes on one database (default 2; 1 = none)
 *   --cpu-prof DIR     write each connector process's V8 CPU profile into DIR (open it in Chrome DevTools)
 *   --small            quick sizes for the smoke test: burst 12, 4/s for 3 s, warm-up 2
 *
 * FOLIO_* variables set in this environment pass on to the connector and are listed as `tuning`.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { emit } from '../load/rig.ts';
import { backendSchema, runLineSchema, summaryLineSchema, type RunLine } from './line-schema.ts';
import { e2eRun, type Load } from './run.ts';
import { scaleOutOf, targetsMet } from './targets.ts';

const { values } = parseArgs({
  options: {
    burst: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    'warm-up': { type: 'string' },
    only: { type: 'string', default: 'pglite,postgres' },
    loads: { type: 'string', default: 'burst,rate' },
    processes: { type: 'string' },
    small: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const small = values.small === true;
const list = <T extends z.ZodType<unknown, string>>(item: T) => z.string().transform((text) => text.split(',').map((s) => s.trim())).pipe(z.array(item).min(1));
const count = (full: number, quick: number) => z.coerce.number().positive().default(small ? quick : full);
const settings = z
  .object({
    burst: count(500, 12).pipe(z.number().int()),
    rate: count(15, 4),
    seconds: count(60, 3),
    'warm-up': z.coerce.number().int().nonnegative().default(small ? 2 : 10),
    only: list(backendSchema),
    loads: list(z.enum(['burst', 'rate'])),
    processes: z.coerce.number().int().min(1).max(8).default(2),
    'cpu-prof': z.string().min(1).optional(),
  })
  .parse(values);

const started = performance.now();
const loads: Load[] = settings.loads.map((kind) => (kind === 'burst' ? { kind, invoices: settings.burst } : { kind, perSecond: settings.rate, seconds: settings.seconds }));
const lines: RunLine[] = [];
for (const backend of settings.only) {
  for (const load of loads) {
    const line = runLineSchema.parse(await e2eRun({ backend, load, warmUp: settings['warm-up'], processes: 1, cpuProfileDir: settings['cpu-prof'] }));
    lines.push(line);
    emit(line);
    // Scale-out: the same burst on several processes against one PostgreSQL, right after one process.
    if (backend === 'postgres' && load.kind === 'burst' && settings.processes > 1) {
      const scaled = runLineSchema.parse(await e2eRun({ backend, load, warmUp: settings['warm-up'], processes: settings.processes, cpuProfileDir: settings['cpu-prof'] }));
      lines.push(scaled);
      emit(scaled);
    }
  }
}
emit(
  summaryLineSchema.parse({
    kind: 'summary',
    runs: lines.map(({ backend, load, processes, docsPerSecond, p95Ms, p99Ms, connectorCpuMsPerDoc, e2eVsRenderer }) => ({ backend, load, processes, docsPerSecond, p95Ms, p99Ms, connectorCpuMsPerDoc, e2eVsRenderer })),
    scaleOut: scaleOutOf(lines),
    targets: targetsMet(lines),
    seconds: Math.round((performance.now() - started) / 1000),
  }),
);
