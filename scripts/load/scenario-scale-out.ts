import { emit, freshDatabase, until, type Rig } from './rig.ts';
import { redeliver, type CapturedWebhook } from './webhook-capture.ts';

/**
 * (c) A fixed batch with each process rendering one document at a time, by one process and then by
 * two on one PostgreSQL database: the speed-up, and that no job ran twice (each document rendered once).
 */
export async function scaleOutRun(rig: Rig, options: { batch: number }): Promise<boolean> {
  const webhooks = await rig.captureInvoices('SCALE', options.batch);
  const one = await timedBatch(rig, webhooks, 1);
  const two = await timedBatch(rig, webhooks, 2);
  // From the unrounded times: a short batch can round both to the same tenth of a second.
  const speedUp = one.seconds / two.seconds;
  const ok = one.ok && two.ok && speedUp > 1;
  const tenths = (seconds: number) => Math.round(seconds * 10) / 10;
  emit({ scenario: 'c-scale-out', batch: webhooks.length, oneProcessSeconds: tenths(one.seconds), twoProcessesSeconds: tenths(two.seconds), speedUp: Math.round(speedUp * 100) / 100, renderedTwice: one.renderedTwice + two.renderedTwice, splitBetweenProcesses: two.split, ok });
  return ok;
}

async function timedBatch(rig: Rig, webhooks: CapturedWebhook[], processes: number) {
  const db = await freshDatabase();
  try {
    const shared = { DATABASE_URL: db.url, FOLIO_WORKER_CONCURRENCY: '1', FOLIO_RENDER_CONCURRENCY: '1', LOG_LEVEL: 'info' };
    const first = await rig.connector(shared);
    const children = [first, ...(processes > 1 ? [await rig.connector({ ...shared, FOLIO_DATA_DIR: first.env.FOLIO_DATA_DIR! })] : [])];
    // Warm: each process starts its Chromium before the clock starts (a first render launches it).
    await Promise.all(children.map((c) => fetch(`${c.url}/readyz`)));
    const started = Date.now();
    for (let i = 0; i < webhooks.length; i += 20) await Promise.all(webhooks.slice(i, i + 20).map((w) => redeliver(`${first.url}/fluent/webhook`, w)));
    const reported = async () => Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM folio_documents WHERE status = 'reported'`)).rows[0]!.n);
    const done = await until(async () => (await reported()) === webhooks.length, 600_000, 100);
    const seconds = (Date.now() - started) / 1000;
    const rendered = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM folio_audit_events WHERE step = 'rendered' GROUP BY entity_ref HAVING count(*) > 1`);
    await Promise.all(children.map((c) => c.child.kill('SIGTERM')));
    const split = children.map((c) => c.child.logs().filter((line) => line.includes('"msg":"document generated"')).length);
    return { seconds, ok: done && rendered.rowCount === 0, renderedTwice: rendered.rowCount ?? 0, split };
  } finally {
    await db.drop();
  }
}
