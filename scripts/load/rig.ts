import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DOCUMENT_REQUESTED_EVENT, STATUS, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { FluentHttpClient } from '../../connector/fetch/fluent-http-client.ts';
import { createSampleInvoice } from '../demo/sample-invoice.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { childEnv, freePort } from './child-env.ts';
import { spawnConnector, type ConnectorChild } from './child-process.ts';
import { startWebhookCapture, type CapturedWebhook } from './webhook-capture.ts';

/** The PostgreSQL server the harness uses (scripts/ensure-postgres.sh makes sure one answers). */
export const POSTGRES_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Loopback only: every URL the harness talks to must be 127.0.0.1. */
export function assertLoopback(url: string): void {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`the load harness runs on loopback only, not ${url}`);
}

/** A new, empty database on the server (the connector migrates it), dropped by drop(). */
export async function freshDatabase(): Promise<{ url: string; query: pg.Pool['query']; drop(): Promise<void> }> {
  assertLoopback(POSTGRES_URL);
  const name = `folio_load_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    url: url.toString(),
    query: pool.query.bind(pool) as pg.Pool['query'],
    async drop() {
      await pool.end();
      const again = new pg.Client({ connectionString: POSTGRES_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

export interface Rig {
  emulator: Emulator;
  fluent: FluentHttpClient;
  /** Points Fluent's webhook at a connector (or the capture). */
  sendWebhooksTo(url: string): void;
  /** Creates `count` invoices, each with its own customer e-mail address; answers their refs. */
  createInvoices(prefix: string, count: number, options?: { currency?: string; concurrency?: number }): Promise<string[]>;
  /** Creates invoices while Fluent's webhooks go to a capture; answers the signed webhooks Fluent sent. */
  captureInvoices(prefix: string, count: number, options?: { currency?: string }): Promise<CapturedWebhook[]>;
  /** A connector child with the harness defaults plus `env`, on its own port; waits until it listens. */
  connector(env: Record<string, string>): Promise<{ child: ConnectorChild; port: number; url: string; env: Record<string, string> }>;
  restart(env: Record<string, string>): Promise<ConnectorChild>;
  generatedCount(refs: readonly string[]): number;
  close(): Promise<void>;
}

export async function startRig(): Promise<Rig> {
  // Fluent's own webhook retry schedule (immediately, 2 s, 4 s, 8 s): a connector that is down for
  // a restart must be back within those 14 s or Fluent gives the webhook up.
  const emulator = await startEmulator();
  assertLoopback(emulator.url);
  const fluent = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
  const capture = await startWebhookCapture();
  const children = new Set<ConnectorChild>();

  const createInvoices: Rig['createInvoices'] = async (prefix, count, options = {}) => {
    const refs: string[] = new Array(count);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        const created = await createSampleInvoice(fluent, {
          retailerId: emulator.retailerId,
          suffix: `${prefix}-${i}`,
          customer: { firstName: 'Load', lastName: `Customer${i}`, email: `${prefix.toLowerCase()}-${i}@example.com` },
          ...(options.currency && { currency: options.currency }),
        });
        refs[i] = created.invoiceRef;
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    return refs;
  };

  const rig: Rig = {
    emulator,
    fluent,
    sendWebhooksTo: (url) => emulator.setSetting(WEBHOOK_SETTING_NAME, { name: DOCUMENT_REQUESTED_EVENT, url }),
    createInvoices,
    async captureInvoices(prefix, count, options = {}) {
      rig.sendWebhooksTo(capture.url);
      const refs = await createInvoices(prefix, count, options);
      await emulator.idle(60_000);
      const wanted = new Set(refs);
      return capture.captured.filter((w) => w.event.entityRef !== undefined && wanted.has(w.event.entityRef));
    },
    async connector(env) {
      const port = await freePort();
      const full = childEnv(emulator, { PORT: String(port), FOLIO_DATA_DIR: mkdtempSync(join(tmpdir(), 'folio-load-')), LOG_LEVEL: 'warn', ...env });
      const child = spawnConnector(full);
      children.add(child);
      await child.line(/^ready /, 120_000);
      return { child, port, url: `http://127.0.0.1:${port}`, env: full };
    },
    async restart(env) {
      const child = spawnConnector(env);
      children.add(child);
      await child.line(/^ready /, 120_000);
      return child;
    },
    generatedCount: (refs) => refs.filter((ref) => emulator.store.byRef('Invoice', ref)?.status === STATUS.generated).length,
    async close() {
      await Promise.all([...children].map((child) => child.kill('SIGKILL')));
      await capture.close();
      await emulator.close();
    },
  };
  return rig;
}

/** Polls until check() is true; false on timeout. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return check();
}

export function emit(figures: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
