import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createSigner } from '../emulator/webhooks/signer.ts';
import { emit, freshDatabase, percentile, until, type Rig } from './rig.ts';

/**
 * (d) `count` signed webhooks at `rate` per second, open loop (each sent on its slot whether or not
 * earlier ones were answered), workers on. The events name an entity type Folio makes no document
 * for, so the jobs complete at queue speed: this measures acknowledgement and the queue, not Chromium.
 * Signed with the emulator's key, exactly as the emulator signs (its signer, same process).
 */
export async function floodRun(rig: Rig, options: { count: number; rate: number; workers: number }): Promise<boolean> {
  const db = await freshDatabase();
  const signer = await createSigner();
  try {
    // Many pollers: pg-boss waits a polling interval (≥ 0.5 s) between jobs once the last fetch is
    // done, so with the default two workers the queue drains at ≈ 4 jobs/s whatever the job costs.
    const { child, port } = await rig.connector({ DATABASE_URL: db.url, FOLIO_WORKER_CONCURRENCY: String(options.workers) });
    // Signed up front: RSA signing here would otherwise compete with the connector for the two cores.
    const bodies = Array.from({ length: options.count }, (_, i) => {
      const body = Buffer.from(
        JSON.stringify({ id: randomUUID(), name: 'FolioDocumentRequested', accountId: rig.emulator.accountId, retailerId: rig.emulator.retailerId, entityType: 'LOAD_PROBE', entityRef: `LOAD-${i}`, entityId: String(i), attributes: {} }),
      );
      return { body, headers: signer.headers(body) };
    });

    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(child.pid))), 200);
    const agent = new Agent({ keepAlive: true, maxSockets: 128 });
    const latencies: number[] = [];
    const metricsUrl = `http://127.0.0.1:${port}/metrics`;
    const statuses = new Map<number, number>();
    const started = performance.now();
    const sends: Promise<void>[] = [];
    for (let i = 0; i < bodies.length; i++) {
      const due = started + (i * 1000) / options.rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      sends.push(post(agent, port, bodies[i]!).then(({ status, ms }) => {
        latencies.push(ms);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }));
    }
    await Promise.all(sends);
    const sendSeconds = (performance.now() - started) / 1000;
    const serverSide = ackBuckets(await (await fetch(metricsUrl)).text());
    agent.destroy();

    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);
    const inbox = await count('SELECT count(*)::text AS n FROM folio_inbox');
    const drainStarted = Date.now();
    const drained = await until(async () => (await count(`SELECT count(*)::text AS n FROM folio_queue.job WHERE name = 'folio-documents' AND state IN ('created', 'retry', 'active')`)) === 0, 600_000, 500);
    const drainSeconds = (Date.now() - drainStarted) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, rssOf(child.pid));
    await child.kill('SIGTERM');

    latencies.sort((a, b) => a - b);
    const figures = {
      scenario: 'd-webhook-flood',
      sent: bodies.length,
      targetRate: options.rate,
      workerConcurrency: options.workers,
      achievedRate: Math.round(bodies.length / sendSeconds),
      acknowledged: statuses.get(202) ?? 0,
      statuses: Object.fromEntries(statuses),
      ackP50Ms: round(percentile(latencies, 50)),
      ackP99Ms: round(percentile(latencies, 99)),
      ackMaxMs: round(latencies.at(-1) ?? NaN),
      // The connector's own view (folio_webhook_ack_seconds): share of acks within each bound.
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

function post(agent: Agent, port: number, signed: { body: Buffer; headers: Record<string, string> }): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/fluent/webhook', method: 'POST', agent, headers: { ...signed.headers, 'content-length': signed.body.length } }, (res) => {
      res.resume();
      res.once('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.once('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(signed.body);
  });
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

/** Cumulative share of 202 acks per histogram bucket, from the connector's /metrics. */
function ackBuckets(text: string): Record<string, number> {
  const buckets = [...text.matchAll(/^folio_webhook_ack_seconds_bucket\{le="([^"]+)",status="202"\} (\d+)/gm)].map((m) => [m[1]!, Number(m[2])] as const);
  const total = buckets.at(-1)?.[1] ?? 0;
  return Object.fromEntries(buckets.filter(([le]) => ['0.005', '0.01', '0.025', '0.1', '1'].includes(le)).map(([le, n]) => [`${Number(le) * 1000}`, total ? Math.round((n / total) * 1000) / 1000 : 0]));
}
