import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startConnector, type ConnectorHandle, type StartOptions } from '../../../connector/app/start-connector.ts';
import type { FolioConfig } from '../../../connector/config.ts';
import { DOCUMENT_REQUESTED_EVENT, STATUS, WEBHOOK_SETTING_NAME } from '../../../connector/fluent/contract.ts';
import { FluentHttpClient } from '../../../connector/fetch/fluent-http-client.ts';
import { createLogger } from '../../../connector/log.ts';
import { embeddedConfig } from '../../../scripts/demo/local-config.ts';
import { readInvoice, type InvoiceState } from '../../../scripts/demo/read-invoice.ts';
import { waitFor } from '../../../scripts/demo/wait-for.ts';
import { startEmulator, type Emulator } from '../../../scripts/emulator/index.ts';

/**
 * An emulator and an in-process connector on loopback (like test/e2e/loop-harness.ts), with the
 * connector's JSON log lines captured for inspection and start options passed through.
 */
export interface ObservedLoop {
  emulator: Emulator;
  connector: ConnectorHandle;
  config: FolioConfig;
  fluent: FluentHttpClient;
  /** Every log line the connector wrote, parsed. */
  logLines(): Record<string, unknown>[];
  /** Raw log text, for "never appears anywhere" checks. */
  logText(): string;
  /** Waits until the invoice reaches DOCUMENT_GENERATED or DOCUMENT_FAILED. */
  settled(ref: string): Promise<InvoiceState>;
  close(): Promise<void>;
}

export async function startObservedLoop(overrides: Record<string, string> = {}, options: StartOptions = {}): Promise<ObservedLoop> {
  const emulator = await startEmulator({ webhookRetryDelaysMs: [0, 200, 400, 800] });
  const dataDir = mkdtempSync(join(tmpdir(), 'folio-observe-'));
  const config = embeddedConfig(emulator, { FOLIO_DATA_DIR: dataDir, FOLIO_RETRY_BASE_MS: '100', ...overrides });
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  const connector = await startConnector(config, { logger: createLogger({ level: 'debug', destination }), ...options });
  emulator.setSetting(WEBHOOK_SETTING_NAME, { name: DOCUMENT_REQUESTED_EVENT, url: `${connector.url}/fluent/webhook` });
  const fluent = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
  return {
    emulator,
    connector,
    config,
    fluent,
    logText: () => text,
    logLines: () => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    settled: (ref) =>
      waitFor(`invoice ${ref} to settle`, async () => {
        const state = await readInvoice(fluent, ref);
        return state && (state.status === STATUS.generated || state.status === STATUS.failed) ? state : undefined;
      }),
    async close() {
      await connector.close();
      await emulator.close();
    },
  };
}
