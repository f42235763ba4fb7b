import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConnector, type ConnectorHandle } from '../../../connector/app/start-connector.ts';
import type { FolioConfig } from '../../../connector/config.ts';
import { FluentHttpClient } from '../../../connector/fetch/fluent-http-client.ts';
import { DOCUMENT_REQUESTED_EVENT, WEBHOOK_SETTING_NAME } from '../../../connector/fluent/contract.ts';
import { createLogger } from '../../../connector/log.ts';
import { embeddedConfig } from '../../../scripts/demo/local-config.ts';
import { readInvoice } from '../../../scripts/demo/read-invoice.ts';
import { createSampleInvoice } from '../../../scripts/demo/sample-invoice.ts';
import { waitFor } from '../../../scripts/demo/wait-for.ts';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../scripts/emulator/index.ts';

/**
 * An emulator and a connector over real HTTP for the reconciliation tests. Unlike the e2e loop it lets
 * the test choose Fluent's webhook retry schedule (the real one by default) and whether the
 * folio.webhook setting exists, and it can stop the connector for a while and start it again.
 */
export interface SweepLoop {
  emulator: Emulator;
  fluent: FluentHttpClient;
  config: FolioConfig;
  connector: ConnectorHandle | undefined;
  /** workers: false gives a receive-only connector (no jobs run, no sweep). */
  start(options?: { workers?: boolean }): Promise<ConnectorHandle>;
  stop(): Promise<void>;
  createInvoice(suffix: string): Promise<string>;
  statusOf(ref: string): Promise<string | undefined>;
  waitForStatus(ref: string, status: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSweepLoop(options: { overrides?: Record<string, string>; emulator?: EmulatorOptions; webhookSetting?: boolean } = {}): Promise<SweepLoop> {
  const emulator = await startEmulator(options.emulator ?? {});
  const dataDir = mkdtempSync(join(tmpdir(), 'folio-reconcile-'));
  const config = embeddedConfig(emulator, { FOLIO_DATA_DIR: dataDir, FOLIO_RETRY_BASE_MS: '100', ...options.overrides });
  const logger = createLogger({ level: 'silent' });
  const fluent = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
  let port = config.PORT;
  const loop: SweepLoop = {
    emulator,
    fluent,
    config,
    connector: undefined,
    async start(startOptions = {}) {
      // The same port each time, so the webhook setting stays right across a restart.
      loop.connector = await startConnector({ ...config, PORT: port }, { logger, ...startOptions });
      port = loop.connector.port;
      return loop.connector;
    },
    async stop() {
      await loop.connector?.close();
      loop.connector = undefined;
    },
    async createInvoice(suffix) {
      return (await createSampleInvoice(fluent, { retailerId: emulator.retailerId, suffix })).invoiceRef;
    },
    statusOf: async (ref) => (await readInvoice(fluent, ref))?.status,
    async waitForStatus(ref, status, timeoutMs = 60_000) {
      await waitFor(`${ref} to be ${status}`, async () => ((await loop.statusOf(ref)) === status ? true : undefined), timeoutMs);
    },
    async close() {
      await loop.stop();
      await emulator.close();
    },
  };
  const connector = await loop.start();
  if (options.webhookSetting !== false) emulator.setSetting(WEBHOOK_SETTING_NAME, { name: DOCUMENT_REQUESTED_EVENT, url: `${connector.url}/fluent/webhook` });
  return loop;
}

/** A gauge or counter's value in the connector's /metrics (0 when the series is absent). */
export async function metricValue(connector: ConnectorHandle, series: string): Promise<number> {
  const text = await (await fetch(`${connector.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
