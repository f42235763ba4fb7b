import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../scripts/emulator/index.ts';
import { createBillingAccount, createInvoice, oauthToken, startFluent } from './helpers.ts';

/** Active handles of a kind, after one loop turn: libuv releases a closed handle just after its 'close' event. */
async function count(kind: string): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  return process.getActiveResourcesInfo().filter((resource) => resource === kind).length;
}

describe('emulator lifecycle', () => {
  it('starts in under a second once the process has its key', async () => {
    await (await startEmulator()).close();
    const started = performance.now();
    const emulator = await startEmulator();
    const elapsed = performance.now() - started;
    await emulator.close();
    expect(elapsed).toBeLessThan(1000);
  });

  it('closes cleanly: no listening server, no pending retry timer, unfinished webhooks marked FAILED', async () => {
    const servers = await count('TCPServerWrap');
    const timers = await count('Timeout');
    const fluent = await startFluent({
      webhookRetryDelaysMs: [60_000],
      settings: { 'folio.webhook': { name: 'FolioDocumentRequested', url: 'http://127.0.0.1:9/nothing-listens-here' } },
    });
    await createBillingAccount(fluent, 'BA-L');
    await createInvoice(fluent, 'INV-L', 'BA-L');
    const deadline = Date.now() + 5000;
    while (fluent.emulator.webhooks()[0]?.attempts.length !== 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fluent.emulator.webhooks()[0]?.attempts).toEqual([expect.objectContaining({ error: expect.any(String) })]);
    expect(await count('TCPServerWrap')).toBe(servers + 1);

    await fluent.emulator.close();
    expect(fluent.emulator.webhooks()[0]?.status).toBe('FAILED');
    expect(await count('TCPServerWrap')).toBe(servers);
    expect(await count('Timeout')).toBeLessThanOrEqual(timers);
    await expect(oauthToken(fluent.emulator)).rejects.toThrow();
  });

  it('reports what is still busy when idle() times out', async () => {
    const fluent = await startFluent({
      webhookRetryDelaysMs: [60_000],
      settings: { 'folio.webhook': { name: 'FolioDocumentRequested', url: 'http://127.0.0.1:9/nothing-listens-here' } },
    });
    await createBillingAccount(fluent, 'BA-I');
    await createInvoice(fluent, 'INV-I', 'BA-I');
    await expect(fluent.emulator.idle(300)).rejects.toThrow(/webhooks busy: true/);
    await fluent.emulator.close();
  });
});
