import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../connector/config.ts';
import { FluentHttpClient } from '../../connector/fetch/fluent-http-client.ts';
import { WEBHOOK_PATH } from '../../connector/fluent/contract.ts';
import { startRssSampler } from '../bench/process-rss.ts';
import { percentile } from '../bench/stats.ts';
import { embeddedEnv } from '../demo/local-config.ts';
import { waitFor } from '../demo/wait-for.ts';
import { freePort } from '../dev/free-port.ts';
import { spawnFolioServe, type ConnectorChild } from '../load/child-process.ts';
import { freshDatabase } from '../load/rig.ts';
import { startBacklogSampler, type BacklogFigures } from './backlog.ts';
import { startEmulatorProcess } from './emulator-process.ts';
import { epochMs, finishedCount, invoiceTimings, type InvoiceTiming } from './invoice-progress.ts';
import { createAtRate, createBurst, prepareInvoices, type PreparedInvoice } from './invoices.ts';
import type { Backend, RunLine } from './line-schema.ts';
import { cpuPerDocument, cpuSample } from './process-cpu.ts';
import { htmlOf, rendererAlone } from './renderer-alone.ts';
import { scrapeSteps, stepsPerDocument } from './step-metrics.ts';

export type Load = { kind: 'burst'; invoices: number } | { kind: 'rate'; perSecond: number; seconds: number };
export interface RunPlan {
  backend: Backend;
  load: Load;
  warmUp: number;
}

const WARM = 'INV-WARM-';
const MEASURED = 'INV-BENCH-';
const round1 = (value: number) => Math.round(value * 10) / 10;

/** FOLIO_* variables this process passes on to the connector (spawnNode inherits the environment). */
const inheritedTuning = (): Record<string, string> =>
  Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('FOLIO_') && entry[1] !== undefined));

/**
 * One run: a fresh emulator process, a fresh database and `folio serve` in a child configured only through
 * its environment; warm-up invoices first (not measured), then the load; then, with the connector stopped,
 * Folio's renderer alone on the same invoices' HTML.
 */
export async function e2eRun(plan: RunPlan): Promise<RunLine> {
  const started = performance.now();
  const db = plan.backend === 'postgres' ? await freshDatabase() : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'folio-bench-e2e-'));
  const port = await freePort();
  const connectorUrl = `http://127.0.0.1:${port}`;
  const emulator = await startEmulatorProcess(`${connectorUrl}${WEBHOOK_PATH}`);
  let connector: ConnectorChild | undefined;
  try {
    // Empty DATABASE_URL means the embedded PGlite, whatever this process's environment says.
    const env = embeddedEnv(emulator, { HOST: '127.0.0.1', PORT: String(port), FOLIO_DATA_DIR: dataDir, DATABASE_URL: db?.url ?? '' });
    const tuning = inheritedTuning();
    connector = spawnFolioServe(env);
    await connector.line(/"msg":"folio connector listening"/, 120_000);
    const fluent = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
    const count = plan.load.kind === 'burst' ? plan.load.invoices : Math.round(plan.load.perSecond * plan.load.seconds);
    const warm = await prepareInvoices(fluent, emulator.retailerId, 'WARM', plan.warmUp);
    const measured = await prepareInvoices(fluent, emulator.retailerId, 'BENCH', count);
    await createBurst(warm);
    await waitFor('the warm-up documents', async () => ((await finishedCount(fluent, WARM)) >= warm.length ? true : undefined), 180_000, 250);

    const pid = connector.pid;
    const before = { cpu: cpuSample(pid), steps: await scrapeSteps(connectorUrl) };
    const rss = startRssSampler(200, pid);
    const sent = await sendLoad(plan.load, measured, () => finishedCount(fluent, MEASURED));
    // Bounded: a loop slower than one document per second still finishes; a stuck one is reported short.
    await waitFor('the documents', async () => ((await finishedCount(fluent, MEASURED)) >= count ? true : undefined), 120_000 + count * 1000, 250).catch(() => undefined);
    const after = { cpu: cpuSample(pid), steps: await scrapeSteps(connectorUrl) };
    const peakRssMB = rss.stop();
    await connector.kill('SIGTERM');

    const timings = await invoiceTimings(fluent, measured.map((invoice) => invoice.ref));
    const generated = timings.filter((invoice) => invoice.status === 'DOCUMENT_GENERATED');
    const figures = latencyFigures(generated, sent.due);
    const config = loadConfig({ ...tuning, ...env });
    const warmTimings = await invoiceTimings(fluent, warm.map((invoice) => invoice.ref));
    const renderer = await rendererAlone(await htmlOf(fluent, config, generated), await htmlOf(fluent, config, warmTimings));
    const cpu = cpuPerDocument(before.cpu, after.cpu, generated.length);
    return {
      kind: 'run',
      backend: plan.backend,
      load: plan.load.kind,
      tuning,
      invoices: count,
      offeredPerSecond: plan.load.kind === 'rate' ? plan.load.perSecond : null,
      warmUpInvoices: warm.length,
      documents: generated.length,
      failed: timings.filter((invoice) => invoice.status === 'DOCUMENT_FAILED').length,
      latencyFrom: sent.due ? 'due' : 'created',
      latencyTo: 'emulator updatedOn at DOCUMENT_GENERATED',
      ...figures,
      connectorCpuMsPerDoc: cpu.connectorMs,
      chromiumCpuMsPerDoc: cpu.chromiumMs,
      peakRssMB,
      stepsPerDoc: stepsPerDocument(before.steps, after.steps, generated.length),
      backlog: sent.backlog,
      renderer,
      e2eVsRenderer: renderer.docsPerSecond > 0 ? Math.round((figures.docsPerSecond / renderer.docsPerSecond) * 100) / 100 : 0,
      seconds: Math.round((performance.now() - started) / 1000),
    };
  } finally {
    await connector?.kill('SIGKILL');
    await emulator.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Sends the measured invoices: all at once (burst), or open loop at a fixed rate with backlog samples. */
async function sendLoad(load: Load, invoices: PreparedInvoice[], finished: () => Promise<number>): Promise<{ due?: Map<string, number>; backlog: BacklogFigures | null }> {
  if (load.kind === 'burst') {
    await createBurst(invoices);
    return { backlog: null };
  }
  let created = 0;
  const sampler = startBacklogSampler(async () => created - (await finished()));
  const due = await createAtRate(invoices, load.perSecond, () => created++);
  return { due, backlog: await sampler.stop(load.perSecond) };
}

/**
 * Latency of each generated invoice to the emulator's updatedOn, from its createdOn (burst) or from when
 * its creation was due (rate); documents per second over the span from the first start to the last update.
 */
function latencyFigures(generated: readonly InvoiceTiming[], due: Map<string, number> | undefined) {
  const startOf = (invoice: InvoiceTiming) => due?.get(invoice.ref) ?? epochMs(invoice.createdOn);
  const latencies = generated.map((invoice) => epochMs(invoice.updatedOn) - startOf(invoice)).sort((a, b) => a - b);
  const first = Math.min(...generated.map(startOf));
  const last = Math.max(...generated.map((invoice) => epochMs(invoice.updatedOn)));
  const spanSeconds = (last - first) / 1000;
  return {
    latenciesMs: latencies.length,
    docsPerSecond: generated.length > 0 && spanSeconds > 0 ? round1(generated.length / spanSeconds) : 0,
    p50Ms: Math.max(0, Math.round(percentile(latencies, 50))),
    p95Ms: Math.max(0, Math.round(percentile(latencies, 95))),
    p99Ms: Math.max(0, Math.round(percentile(latencies, 99))),
    maxMs: Math.max(0, Math.round(latencies.at(-1) ?? 0)),
  };
}
