import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createSigner } from '../emulator/webhooks/signer.ts';
import { emit, freshDatabase, percentile, until, type Rig } from './rig.ts';

const GENERATOR = fileURLToPath(new URL('./flood-generator.ts', import.meta.url));
const run = promisify(execFile);

/**
 * (d) `count` signed webhooks at `rate` per second, open loop (each sent on its slot whether or not
 * earlier ones were answered), after `warmUp` more at the same rate whose latencies are reported apart
 * (flood-generator.ts), workers on. The events name an entity type Folio makes no document
 * for, so the jobs complete at queue speed: this measures acknowledgement and the queue, not Chromium.
 * Signed with the emulator's key, exactly as the emulator signs (its signer, same process).
 */
export async function floodRun(rig: Rig, options: { count: number; warmUp: number; rate: number; workers?: number }): Promise<boolean> {
  const db = await freshDatabase();
  const signer = await createSigner();
  try {
    // The connector's own worker concurrency unless told otherwise: the flood is what a retailer's
    // connector, as configured by default, meets at a peak.
    const { child, port } = await rig.connector({ DATABASE_URL: db.url, ...(options.workers && { FOLIO_WORKER_CONCURRENCY: String(options.workers) }) });
    // Signed up front: RSA signing here would otherwise compete with the connector for the two cores.
    const bodies = Array.from({ length: options.warmUp + options.count }, (_, i) => {
      const body = Buffer.from(
        JSON.stringify({ id: randomUUID(), name: 'FolioDocumentRequested', accountId: rig.emulator.accountId, retailerId: rig.emulator.retailerId, entityType: 'LOAD_PROBE', entityRef: `LOAD-${i}`, entityId: String(i), attributes: {} }),
      );
      return { body, headers: signer.headers(body) };
    });

    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(child.pid))), 200);
    const metricsUrl = `http://127.0.0.1:${port}/metrics`;
    const generated = await runGenerator({ port, rate: options.rate, warmUp: options.warmUp, requests: bodies.map(({ body, headers }) => ({ body: body.toString(), headers })) });
    const latencies = generated.latenciesMs;
    const statuses = new Map(Object.entries(generated.statuses).map(([status, n]) => [Number(status), n]));
    const sendSeconds = generated.seconds;
    const serverSide = ackBuckets(await (await fetch(metricsUrl)).text());

    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);
    const inbox = await count('SELECT count(*)::text AS n FROM folio_inbox');
    const drainStarted = Date.now();
    const waiting = `SELECT (SELECT count(*) FROM folio_queue.job WHERE name = 'folio-documents' AND state IN ('created', 'retry', 'active'))
                          + (SELECT count(*) FROM folio_inbox WHERE queued_at IS NULL) AS n`;
    const drained = await until(async () => (await count(waiting)) === 0, 600_000, 500);
    const drainSeconds = (Date.now() - drainStarted) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, rssOf(child.pid));
    await child.kill('SIGTERM');

    latencies.sort((a, b) => a - b);
    const warmUp = generated.warmUpMs.sort((a, b) => a - b);
    const figures = {
      scenario: 'd-webhook-flood',
      sent: bodies.length,
      measured: latencies.length,
      warmUp: warmUp.length,
      targetRate: options.rate,
      workerConcurrency: options.workers ?? 'default',
      achievedRate: Math.round(bodies.length / sendSeconds),
      acknowledged: statuses.get(200) ?? 0,
      statuses: Object.fromEntries(statuses),
      ackP50Ms: round(percentile(latencies, 50)),
      ackP99Ms: round(percentile(latencies, 99)),
      ackMaxMs: round(latencies.at(-1) ?? NaN),
      // The first requests a freshly started connector answers (not part of the figures above).
      warmUpAckP50Ms: round(percentile(warmUp, 50)),
      warmUpAckP99Ms: round(percentile(warmUp, 99)),
      // The connector's own view (folio_webhook_ack_seconds, warm-up included): share of acks within each bound.
      serverAckWithinMs: serverSide,
      inbox,
      connectorPeakRssMb: Math.round(peakRss / 1024 / 1024),
      queueDrained: drained,
      drainSecondsAfterLastSend: Math.round(drainSeconds * 10) / 10,
    };
    const ok = figures.acknowledged === bodies.length && inbox === bodies.length && figures.ackP99Ms < 25 && peakRss < 1.5 * 1024 ** 3 && drained;
    emit({ ...figures, ok });
    return ok;
  } finally {
    await db.drop();
  }
}

/** Runs flood-generator.ts in its own process on the pre-signed requests; answers what it measured. */
async function runGenerator(plan: { port: number; rate: number; warmUp: number; requests: { body: string; headers: Record<string, string> }[] }) {
  const dir = mkdtempSync(join(tmpdir(), 'folio-flood-'));
  const file = join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', GENERATOR, file], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as { warmUpMs: number[]; latenciesMs: number[]; statuses: Record<string, number>; seconds: number };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Resident memory of a process (Linux /proc), bytes; 0 once it is gone. */
function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Cumulative share of 200 acks per histogram bucket, from the connector's /metrics. */
function ackBuckets(text: string): Record<string, number> {
  const buckets = [...text.matchAll(/^folio_webhook_ack_seconds_bucket\{le="([^"]+)",status="200"\} (\d+)/gm)].map((m) => [m[1]!, Number(m[2])] as const);
  const total = buckets.at(-1)?.[1] ?? 0;
  return Object.fromEntries(buckets.filter(([le]) => ['0.005', '0.01', '0.025', '0.1', '1'].includes(le)).map(([le, n]) => [`${Number(le) * 1000}`, total ? Math.round((n / total) * 1000) / 1000 : 0]));
}
