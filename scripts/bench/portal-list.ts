import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { spawn } from 'node:child_process';
import { startConnector } from '../../connector/app/start-connector.ts';
import { createLogger } from '../../connector/log.ts';
import { createMagicLinks } from '../../connector/portal/magic-links.ts';
import { portalSecretsFromConfig } from '../../connector/portal/portal-from-config.ts';
import { embeddedConfig } from '../demo/local-config.ts';
import { startEmulator } from '../emulator/index.ts';

/**
 * `npm run bench:portal`: the shopper portal's documents page for a shopper with 200 documents (40 orders,
 * each with a delivery in the outbox), among 5,000 documents of other shoppers, at a fixed offered rate on
 * loopback (open loop: each request is timed from when it was due, so a slow answer delays nobody's clock).
 * The connector runs on the embedded defaults (PGlite, or --database postgres) in this process; the load
 * comes from a child process, so the client's work is neither timed nor counted as the server's. Prints one JSON line; exit 1 if p95 misses.
 */
const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    documents: { type: 'string', default: '200' },
    others: { type: 'string', default: '5000' },
    /** pglite (the embedded default) or postgres: a fresh database on DATABASE_URL's server (else 127.0.0.1:5432). */
    database: { type: 'string', default: 'pglite' },
  },
});
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const DOCUMENTS = Number(values.documents);
const OTHERS = Number(values.others);
const TARGET_P95_MS = 150;
const SHOPPER = 'bench.shopper@example.com';

const emulator = await startEmulator({});
const dataDir = mkdtempSync(join(tmpdir(), 'folio-bench-portal-'));
const postgres = values.database === 'postgres' ? await freshPostgres() : undefined;
const config = embeddedConfig(emulator, { FOLIO_DATA_DIR: dataDir, LOG_LEVEL: 'silent', FOLIO_SWEEP_INTERVAL_MS: '0', ...(postgres && { DATABASE_URL: postgres.url }) });
const connector = await startConnector(config, { logger: createLogger({ level: 'silent' }), workers: false });
try {
  const db = connector.db;
  const secrets = portalSecretsFromConfig(config);
  const tenant = `${emulator.accountId}:${emulator.retailerId}`;
  const shopperHash = secrets.hash({ kind: 'email', address: SHOPPER });
  const sealed = secrets.seal({ email: SHOPPER });
  // The shopper's documents (5 per order) and everybody else's, as the pipeline records them.
  await db.query(
    `INSERT INTO folio_documents (key, account_id, retailer_id, document_type, entity_type, entity_ref, series, seq, number, status, storage,
                                  shopper_email_hash, shopper_contact_sealed, order_ref, total_minor, currency, issued_at, locale)
     SELECT $1::text || '|' || $2::text || '|invoice|INVOICE|B-' || n, $1, $2, CASE WHEN n % 5 = 0 THEN 'credit_note' ELSE 'invoice' END, 'INVOICE', 'B-' || n,
            'bench', n, 'INV-B-' || lpad(n::text, 6, '0'), 'reported',
            jsonb_build_object('key', $1::text || '/' || $2::text || '/invoice/INV-B-' || n || '.pdf', 'location', 'bench', 'sha256', repeat('0', 64)),
            CASE WHEN n <= $3::int THEN $4 ELSE md5('other-' || (n % 1000)) END, CASE WHEN n <= $3::int THEN $5 END,
            'ORD-B-' || (n / 5), 1000 + n, 'GBP', now() - make_interval(hours => n), 'en-GB'
       FROM generate_series(1, $3::int + $6::int) AS n`,
    [emulator.accountId, emulator.retailerId, DOCUMENTS, shopperHash, sealed, OTHERS],
  );
  await db.query(
    `INSERT INTO folio_deliveries (idempotency_key, document_key, channel, recipient_hash, state, provider_id)
     SELECT storage->>'key' || '|email', storage->>'key', 'email', 'bench', 'sent', 'bench' FROM folio_documents WHERE series = 'bench'`,
  );
  // Sign in the way a shopper does: a one-time link, used once, for the session cookie.
  const token = await createMagicLinks(db, 900).issue(tenant, shopperHash, 'email');
  const portal = `${connector.url}/portal/${emulator.accountId}/${emulator.retailerId}`;
  const signedIn = await fetch(`${portal}/magic`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `t=${token}`, redirect: 'manual' });
  const cookie = /folio_portal=[^;]+/.exec(signedIn.headers.getSetCookie().join('\n'))?.[0];
  if (!cookie) throw new Error(`sign-in failed: ${signedIn.status}`);
  const check = await fetch(`${portal}/documents`, { headers: { cookie } });
  const page = await check.text();
  const rows = (page.match(/<tr>/g)?.length ?? 0) - (page.match(/<thead>/g)?.length ?? 0);
  if (check.status !== 200 || rows !== DOCUMENTS) throw new Error(`the list page shows ${rows} documents (status ${check.status}), expected ${DOCUMENTS}`);

  const cpuBefore = process.cpuUsage();
  const results = await openLoop(`${portal}/documents`, cookie, RATE, SECONDS);
  const cpu = process.cpuUsage(cpuBefore);
  const latencies = results.filter((r) => r.status === 200).map((r) => r.ms).sort((a, b) => a - b);
  const at = (q: number) => +(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN).toFixed(1);
  const summary = {
    bench: 'portal-list',
    database: db.engine,
    documents: DOCUMENTS,
    otherDocuments: OTHERS,
    pageBytes: Buffer.byteLength(page),
    offeredRate: RATE,
    seconds: SECONDS,
    requests: results.length,
    errors: results.filter((r) => r.status !== 200).length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    maxMs: at(1),
    // The connector's CPU per request (user + system, this process: the load comes from another one).
    serverCpuMsPerRequest: +((cpu.user + cpu.system) / 1000 / results.length).toFixed(2),
    targetP95Ms: TARGET_P95_MS,
    // The machine is shared: the 1-minute load average (2 cores here) says how much of it the run had.
    loadAverage: +(loadavg()[0] ?? 0).toFixed(1),
    cores: availableParallelism(),
    met: at(0.95) < TARGET_P95_MS && results.every((r) => r.status === 200),
  };
  console.log(JSON.stringify(summary));
  process.exitCode = summary.met ? 0 : 1;
} finally {
  await connector.close();
  await emulator.close();
  await postgres?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** A database of its own on the PostgreSQL server, dropped afterwards. */
async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  const name = `folio_bench_portal_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: server.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Requests at a fixed rate from a child process (its CPU is not this one's), each timed from its due time to its last byte. */
function openLoop(url: string, cookie: string, rate: number, seconds: number): Promise<{ status: number; ms: number }[]> {
  const code = `
    const { url, cookie, rate, seconds } = JSON.parse(process.argv[1]);
    const total = Math.round(rate * seconds);
    const start = performance.now() + 100;
    const results = [];
    let done = 0;
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      setTimeout(async () => {
        let status = 0;
        try {
          const response = await fetch(url, { headers: { cookie } });
          await response.arrayBuffer();
          status = response.status;
        } catch {}
        results.push({ status, ms: performance.now() - due });
        if (++done === total) process.stdout.write(JSON.stringify(results), () => process.exit(0));
      }, Math.max(0, due - performance.now()));
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', code, JSON.stringify({ url, cookie, rate, seconds })], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (exitCode) => (exitCode === 0 ? resolve(JSON.parse(out) as { status: number; ms: number }[]) : reject(new Error(`load generator exited ${exitCode}`))));
  });
}
