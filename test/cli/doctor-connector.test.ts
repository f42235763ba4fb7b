import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnector, type ConnectorHandle } from '../../connector/app/start-connector.ts';
import { loadConfig } from '../../connector/config.ts';
import { DOCUMENT_REQUESTED_EVENT, STATUS, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { createLogger } from '../../connector/log.ts';
import { FluentHttpClient } from '../../connector/fetch/fluent-http-client.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { startFluent, type TestFluent } from '../emulator/helpers.ts';
import { fluentEnv } from './support/emulator-env.ts';
import { runFolio } from './support/run-folio.ts';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `folio doctor` against a real connector and the emulator: every check passes, round trip included. */
describe('folio doctor with the connector running', () => {
  let fluent: TestFluent;
  let connector: ConnectorHandle;
  let env: Record<string, string>;
  let invoiceRef: string;

  beforeAll(async () => {
    const port = await freePort();
    const publicBaseUrl = `http://127.0.0.1:${port}`;
    fluent = await startFluent({ settings: { [WEBHOOK_SETTING_NAME]: { name: DOCUMENT_REQUESTED_EVENT, url: `${publicBaseUrl}/fluent/webhook` } }, webhookRetryDelaysMs: [0, 200, 400] });
    env = {
      ...fluentEnv(fluent.emulator),
      FLUENT_WEBHOOK_KEYS: JSON.stringify([{ name: 'emulator', publicKeySpkiBase64: fluent.emulator.publicKeySpkiBase64 }]),
      FOLIO_LINK_KEYS: `k1:${randomBytes(32).toString('base64url')}`,
      PUBLIC_BASE_URL: publicBaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      FOLIO_DATA_DIR: mkdtempSync(join(tmpdir(), 'folio-doctor-')),
      FOLIO_RETRY_BASE_MS: '100',
    };
    connector = await startConnector(loadConfig(env), { logger: createLogger({ level: 'silent' }) });
    const client = new FluentHttpClient({ baseUrl: fluent.emulator.url, accountId: fluent.emulator.accountId, credentials: fluent.emulator.credentials });
    invoiceRef = (await createSampleInvoice(client, { retailerId: fluent.emulator.retailerId, suffix: 'DOCTOR' })).invoiceRef;
    // The first document proves the setup; doctor then asks for it again.
    const deadline = Date.now() + 60_000;
    for (let invoice = fluent.emulator.store.byRef('Invoice', invoiceRef); invoice?.status !== STATUS.generated; invoice = fluent.emulator.store.byRef('Invoice', invoiceRef)) {
      if (Date.now() > deadline || invoice?.status === STATUS.failed) throw new Error(`${invoiceRef} got no document: ${JSON.stringify(invoice?.attributes)}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  });
  afterAll(async () => {
    await connector?.close();
    await fluent?.emulator.close();
  });

  it('passes every check, including a document request that comes back from the connector', async () => {
    const run = await runFolio(['doctor', '--invoice', invoiceRef, '--timeout', '60'], { env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/^[✘–]/m);
    expect(run.stdout).toContain("✔ Fluent's webhook signature verifies at the connector: the connector accepted Fluent's webhook and answered FolioDocumentGenerated");
    expect(run.stdout).toContain('✔ a test event makes the round trip: FolioRequestDocument → webhook → FolioDocumentGenerated');
    expect(run.stdout).toContain('All checks passed.');
  });
});
