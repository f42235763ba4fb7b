/**
 * `npm run load`: Folio's load and chaos harness, on loopback only. Prints one JSON line of figures
 * per scenario and exits non-zero if any invariant fails. Bounded: every scenario has a fixed count
 * and every wait a time limit.
 *
 *   --documents N    (a) documents in the kill -9 run (default 500)
 *   --kills N        (a) SIGKILLs of the connector (default 5)
 *   --batch N        (c) batch for the one- vs two-process run (default 60)
 *   --webhooks N     (d) webhooks in the flood (default 10000)
 *   --warm-up N      (d) webhooks sent first at the same rate, their latencies reported apart (default 1000)
 *   --rate N         (d) webhooks per second (default 500)
 *   --flood-workers N (d) FOLIO_WORKER_CONCURRENCY of the flooded connector (default: the connector's, from the machine)
 *   --outage-ms N    (e) length of each outage (default 30000)
 *   --outage-docs N  (e) documents sent into each outage (default 20)
 *   --only a,b,…     run only these scenarios (a–e)
 *   --small          quick sizes for development: 40 documents, 2 kills, batch 40, 1000 webhooks, 5 s outages
 */
import { parseArgs } from 'node:util';
import { duplicateRun } from './scenario-duplicates.ts';
import { floodRun } from './scenario-flood.ts';
import { killRun } from './scenario-kills.ts';
import { outageRun } from './scenario-outages.ts';
import { scaleOutRun } from './scenario-scale-out.ts';
import { emit, startRig } from './rig.ts';

const { values } = parseArgs({
  options: {
    documents: { type: 'string' },
    kills: { type: 'string' },
    batch: { type: 'string' },
    webhooks: { type: 'string' },
    'warm-up': { type: 'string' },
    rate: { type: 'string' },
    'flood-workers': { type: 'string' },
    'outage-ms': { type: 'string' },
    'outage-docs': { type: 'string' },
    only: { type: 'string', default: 'a,b,c,d,e' },
    small: { type: 'boolean', default: false },
  },
});
const small = values.small;
const num = (value: string | undefined, full: number, quick: number) => (value === undefined ? (small ? quick : full) : Number(value));
const settings = {
  documents: num(values.documents, 500, 40),
  kills: num(values.kills, 5, 2),
  batch: num(values.batch, 60, 40),
  webhooks: num(values.webhooks, 10_000, 1_000),
  warmUp: num(values['warm-up'], 1_000, 250),
  rate: num(values.rate, 500, 500),
  floodWorkers: values['flood-workers'] === undefined ? undefined : Number(values['flood-workers']),
  outageMs: num(values['outage-ms'], 30_000, 5_000),
  outageDocs: num(values['outage-docs'], 20, 5),
};
const only = new Set(values.only!.split(',').map((s) => s.trim()));
emit({ scenario: 'settings', ...settings, only: [...only] });

const started = Date.now();
const rig = await startRig();
const results: Record<string, boolean> = {};
const run = async (id: string, scenario: () => Promise<boolean>) => {
  if (!only.has(id)) return;
  try {
    results[id] = await scenario();
  } catch (error) {
    emit({ scenario: id, error: error instanceof Error ? error.message : String(error), ok: false });
    results[id] = false;
  }
};
try {
  await run('a', () => killRun(rig, { documents: settings.documents, kills: settings.kills }));
  await run('b', () => duplicateRun(rig));
  await run('c', () => scaleOutRun(rig, { batch: settings.batch }));
  await run('d', () => floodRun(rig, { count: settings.webhooks, warmUp: settings.warmUp, rate: settings.rate, ...(settings.floodWorkers !== undefined && { workers: settings.floodWorkers }) }));
  await run('e', () => outageRun(rig, { documents: settings.outageDocs, outageMs: settings.outageMs }));
} finally {
  await rig.close();
}
const ok = Object.values(results).every(Boolean);
emit({ scenario: 'summary', results, seconds: Math.round((Date.now() - started) / 1000), ok });
process.exit(ok ? 0 : 1);
