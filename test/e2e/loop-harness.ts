import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConnector, type ConnectorHandle } from '../../connector/app/start-connector.ts';
import type { FolioConfig } from '../../connector/config.ts';
import { DOCUMENT_REQUESTED_EVENT, STATUS, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { FluentHttpClient } from '../../connector/fetch/fluent-http-client.ts';
import { createLogger } from '../../connector/log.ts';
import { embeddedConfig } from '../../scripts/demo/local-config.ts';
import { readInvoice, type InvoiceState } from '../../scripts/demo/read-invoice.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../scripts/emulator/index.ts';

/** An emulator and a connector on loopback, talking real HTTP, with a fresh embedded data dir. */
export interface Loop {
  emulator: Emulator;
  connector: ConnectorHandle;
  config: FolioConfig;
  fluent: FluentHttpClient;
  /** Starts (or restarts) the connector on the same data dir. */
  restart(options?: { workers?: boolean }): Promise<ConnectorHandle>;
  documentFor(ref: string): Promise<InvoiceState>;
  close(): Promise<void>;
}

export async function startLoop(overrides: Record<string, string> = {}, options: { workers?: boolean; emulator?: EmulatorOptions } = {}): Promise<Loop> {
  const emulator = await startEmulator({ webhookRetryDelaysMs: [0, 200, 400, 800], ...options.emulator });
  const dataDir = mkdtempSync(join(tmpdir(), 'folio-e2e-'));
  const config = embeddedConfig(emulator, { FOLIO_DATA_DIR: dataDir, FOLIO_RETRY_BASE_MS: '100', ...overrides });
  const logger = createLogger({ level: 'silent' });
  const loop: Loop = {
    emulator,
    config,
    connector: await startConnector(config, { logger, workers: options.workers }),
    fluent: new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials }),
    async restart(restartOptions = {}) {
      await loop.connector.close();
      // Same port, so the webhook setting stays right.
      loop.connector = await startConnector({ ...config, PORT: loop.connector.port }, { logger, workers: restartOptions.workers });
      return loop.connector;
    },
    documentFor: (ref) =>
      waitFor(`invoice ${ref} to get its document`, async () => {
        const state = await readInvoice(loop.fluent, ref);
        return state && (state.status === STATUS.generated || state.status === STATUS.failed) ? state : undefined;
      }),
    async close() {
      await loop.connector.close();
      await emulator.close();
    },
  };
  emulator.setSetting(WEBHOOK_SETTING_NAME, { name: DOCUMENT_REQUESTED_EVENT, url: `${loop.connector.url}/fluent/webhook` });
  return loop;
}
