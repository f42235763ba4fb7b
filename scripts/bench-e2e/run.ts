import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../connector/config.ts';
import { FluentHttpClient } from '../../connector/fetch/fluent-http-client.ts';
import { ATTRIBUTE, STATUS, WEBHOOK_PATH } from '../../connector/fluent/contract.ts';
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
import { cpuPerDocument, cpuSample, type CpuSample } from './process-cpu.ts';
import { combineParts, cpuParts } from './cpu-profile-parts.ts';
import { readMainThreadProfile } from './read-cpu-profile.ts';
import { startLockWaitSampler } from './lock-waits.ts';
import { startRoundRobin } from './round-robin.ts';
import { htmlOf, rendererAlone } from './renderer-alone.ts';
import { documentsPerPrint, scrapeGenerated, scrapePrints, scrapeSteps, stepsPerDocument, type StepTotals } from './step-metrics.ts';

export type Load = { kind: 'burst'; invoices: number } | { kind: 'rate'; perSecond: number; seconds: number };
export interface RunPlan {
  backend: Backend;
  load: Load;
  warmUp: number;
  /** Connector processes on one database (PostgreSQL only above 1), behind a round-robin balancer. */
  processes: number;
  /** A folder for each connector process's V8 CPU profile (.cpuprofile, written when it stops). */
  cpuProfileDir?: string;
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
  if (plan.processes > 1 && plan.backend !== 'postgres') throw new Error('several connector processes share a PostgreSQL database; PGlite is one process');
  const started = performance.now();
  const db = plan.backend === 'postgres' ? await freshDatabase() : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'folio-bench-e2e-'));
  const ports = await Promise.all(Array.from({ length: plan.processes }, () => freePort()));
  const connectorUrls = ports.map((port) => `http://127.0.0.1:${port}`);
  const balancer = plan.processes > 1 ? await startRoundRobin(connectorUrls) : undefined;
  const emulator = await startEmulatorProcess(`${balancer?.url ?? connectorUrls[0]}${WEBHOOK_PATH}`);
  const connectors: ConnectorChild[] = [];
  try {
    // Empty DATABASE_URL means the embedded PGlite, whatever this process's environment says.
    const envs = ports.map((port) => embeddedEnv(emulator, { HOST: '127.0.0.1', PORT: String(port), FOLIO_DATA_DIR: dataDir, DATABASE_URL: db?.url ?? '' }));
    const tuning = inheritedTuning();
    const profile = plan.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${plan.cpuProfileDir}`] : [];
    for (const env of envs) connectors.push(spawnFolioServe(env, profile));
    await Promise.all(connectors.map((connector) => connector.line(/"msg":"folio connector listening"/, 120_000)));
    const fluent = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
    const count = plan.load.kind === 'burst' ? plan.load.invoices : Math.round(plan.load.perSecond * plan.load.seconds);
    const warm = await prepareInvoices(fluent, emulator.retailerId, 'WARM', plan.warmUp);
    const measured = await prepareInvoices(fluent, emulator.retailerId, 'BENCH', count);
    await createBurst(warm);
    await waitFor('the warm-up documents', async () => ((await finishedCount(fluent, WARM)) >= warm.length ? true : undefined), 180_000, 250);

    // A process counts a document a moment after Fluent shows it: the warm-up's last ones must be counted
    // before the measured window opens, or the window counts them too.
    const counted = async () => (await Promise.all(connectorUrls.map(scrapeGenerated))).reduce((sum, count) => sum + count, 0);
    await waitFor('the warm-up documents counted', async () => ((await counted()) >= warm.length ? true : undefined), 30_000, 100);
    const generatedBefore = await Promise.all(connectorUrls.map(scrapeGenerated));
    const before = { atUs: monotonicUs(), cpu: connectors.map((connector) => cpuSample(connector.pid)), emulatorCpu: cpuSample(emulator.child.pid), steps: await Promise.all(connectorUrls.map(scrapeSteps)), prints: await Promise.all(connectorUrls.map(scrapePrints)) };
    const rss = connectors.map((connector) => startRssSampler(200, connector.pid));
    const locks = db && plan.processes > 1 ? startLockWaitSampler(db.url) : undefined;
    const sent = await sendLoad(plan.load, measured, () => finishedCount(fluent, MEASURED));
    // Bounded: a loop slower than one document per second still finishes; a stuck one is reported short.
    // Once a second: each look lists every finished invoice through the emulator, which shares the cores
    // with the loop, and the figures come from the emulator's timestamps, not from when this notices.
    await waitFor('the documents', async () => ((await finishedCount(fluent, MEASURED)) >= count ? true : undefined), 120_000 + count * 1000, 1000).catch(() => undefined);
    const after = { atUs: monotonicUs(), cpu: connectors.map((connector) => cpuSample(connector.pid)), emulatorCpu: cpuSample(emulator.child.pid), steps: await Promise.all(connectorUrls.map(scrapeSteps)), prints: await Promise.all(connectorUrls.map(scrapePrints)) };
    const lockWaits = (await locks?.stop()) ?? null;
    const peakRssMB = rss.reduce((sum, sampler) => sum + sampler.stop(), 0);
    // A process counts a document once Fluent has taken its event, a moment after Fluent shows it.
    const generatedAfter = await settledCounts(() => Promise.all(connectorUrls.map(scrapeGenerated)));
    const generatedBy = generatedAfter.map((count, i) => count - generatedBefore[i]!);
    await Promise.all(connectors.map((connector) => connector.kill('SIGTERM')));
    // Node writes a --cpu-prof profile as the process exits: the samples of the measured window only.
    const cpuProfile = plan.cpuProfileDir
      ? combineParts(
          await Promise.all(
            connectors.map(async (connector, i) => ({
              parts: cpuParts(await readMainThreadProfile(plan.cpuProfileDir!, connector.pid), { fromUs: before.atUs, toUs: after.atUs }, generatedBy[i]!),
              documents: generatedBy[i]!,
            })),
          ),
        )
      : null;

    const timings = await invoiceTimings(fluent, measured.map((invoice) => invoice.ref));
    const generated = timings.filter((invoice) => invoice.status === 'DOCUMENT_GENERATED');
    const figures = latencyFigures(generated, sent.due);
    const config = loadConfig({ ...tuning, ...envs[0] });
    const warmTimings = await invoiceTimings(fluent, warm.map((invoice) => invoice.ref));
    const renderer = await rendererAlone(await htmlOf(fluent, config, generated), await htmlOf(fluent, config, warmTimings));
    const perProcess = connectors.map((_, i) => ({ documents: generatedBy[i]!, ...cpuPerDocument(before.cpu[i]!, after.cpu[i]!, generatedBy[i]!) }));
    const cpu = cpuPerDocument(sumCpu(before.cpu), sumCpu(after.cpu), generated.length);
    return {
      kind: 'run',
      backend: plan.backend,
      load: plan.load.kind,
      processes: plan.processes,
      tuning,
      invoices: count,
      offeredPerSecond: plan.load.kind === 'rate' ? plan.load.perSecond : null,
      warmUpInvoices: warm.length,
      documents: generated.length,
      failed: timings.filter((invoice) => invoice.status === 'DOCUMENT_FAILED').length,
      failureReasons: failureReasons(timings),
      latencyFrom: sent.due ? 'due' : 'created',
      latencyTo: 'emulator updatedOn at DOCUMENT_GENERATED',
      ...figures,
      connectorCpuMsPerDoc: cpu.connectorMs,
      connectorMainThreadCpuMsPerDoc: cpu.mainThreadMs,
      chromiumCpuMsPerDoc: cpu.chromiumMs,
      emulatorCpuMsPerDoc: cpuPerDocument(before.emulatorCpu, after.emulatorCpu, generated.length).connectorMs,
      perProcess: perProcess.map(({ documents, connectorMs, chromiumMs }) => ({ documents, connectorCpuMsPerDoc: connectorMs, chromiumCpuMsPerDoc: chromiumMs })),
      lockWaits,
      peakRssMB,
      stepsPerDoc: stepsPerDocument(sumSteps(before.steps), sumSteps(after.steps), generated.length),
      documentsPerPrint: documentsPerPrint(before.prints, after.prints),
      cpuProfile,
      backlog: sent.backlog,
      renderer,
      e2eVsRenderer: renderer.docsPerSecond > 0 ? Math.round((figures.docsPerSecond / renderer.docsPerSecond) * 100) / 100 : 0,
      seconds: Math.round((performance.now() - started) / 1000),
    };
  } finally {
    await Promise.all(connectors.map((connector) => connector.kill('SIGKILL')));
    await balancer?.close();
    await emulator.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Scrapes until two scrapes 200 ms apart agree (at most 3 s). */
async function settledCounts(scrape: () => Promise<number[]>): Promise<number[]> {
  let last = await scrape();
  for (let tries = 0; tries < 15; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await scrape();
    if (now.every((count, i) => count === last[i])) return now;
    last = now;
  }
  return last;
}

function sumCpu(samples: readonly CpuSample[]): CpuSample {
  return samples.reduce(
    (sum, sample) => ({ connectorMs: sum.connectorMs + sample.connectorMs, mainThreadMs: sum.mainThreadMs + sample.mainThreadMs, chromiumMs: sum.chromiumMs + sample.chromiumMs }),
    { connectorMs: 0, mainThreadMs: 0, chromiumMs: 0 },
  );
}

/** Now on the clock V8 stamps profile samples with (CLOCK_MONOTONIC, as process.hrtime), in µs. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

function sumSteps(totals: readonly StepTotals[]): StepTotals {
  const [first, ...rest] = totals;
  return Object.fromEntries(
    Object.entries(first!).map(([step, value]) => [step, rest.reduce((sum, other) => ({ seconds: sum.seconds + other[step as keyof StepTotals].seconds, calls: sum.calls + other[step as keyof StepTotals].calls }), value)]),
  ) as StepTotals;
}

/** Failure reasons written back on the failed invoices, counted; a reason's variable parts are its own business. */
function failureReasons(timings: readonly InvoiceTiming[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const invoice of timings) {
    if (invoice.status !== STATUS.failed) continue;
    const reason = invoice.attributes?.find((attribute) => attribute.name === ATTRIBUTE.failureReason)?.value;
    const key = typeof reason === 'string' ? reason.slice(0, 200) : 'no reason written';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
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
