import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { startPortalLoop, type PortalLoop } from './support/portal-loop.ts';

/**
 * Asking for a sign-in link must not tell whether an address is known: the same status, headers and
 * bytes, and the same time. Known and unknown addresses are asked alternately (so drift hits both alike),
 * with a pause that lets the known address's mail go out between requests, as it would between shoppers.
 */
describe('shopper portal: no account enumeration', () => {
  let portal: PortalLoop;
  const known = 'known.enum@example.com';
  const unknown = 'unknown.enum@example.com';

  beforeAll(async () => {
    portal = await startPortalLoop({ FOLIO_PORTAL_SIGNIN_PER_ADDRESS: '1000', FOLIO_PORTAL_SIGNIN_PER_IP: '1000' });
    await portal.invoiceFor('ENUM-1', known);
  }, 120_000);
  afterAll(() => portal?.close());

  /**
   * The client runs in a worker thread: the connector, its database and the SMTP sink share this test's
   * event loop, and a client on it would time their work too, not just the answer.
   */
  function askInWorker(url: string, plan: { label: string; contact: string }[], gapMs: number): Promise<{ label: string; status: number; headers: string; body: string; ms: number }[]> {
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      (async () => {
        const results = [];
        for (const { label, contact } of workerData.plan) {
          const started = performance.now();
          const response = await fetch(workerData.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ contact }).toString() });
          const body = await response.text();
          const ms = performance.now() - started;
          const headers = JSON.stringify([...response.headers.entries()].filter(([name]) => name !== 'date'));
          results.push({ label, status: response.status, headers, body, ms });
          await new Promise((resolve) => setTimeout(resolve, workerData.gapMs));
        }
        parentPort.postMessage(results);
      })();`;
    return new Promise((resolve, reject) => {
      const worker = new Worker(code, { eval: true, workerData: { url, plan, gapMs } });
      worker.once('message', (results) => {
        resolve(results);
        void worker.terminate();
      });
      worker.once('error', reject);
    });
  }

  it('answers a known and an unknown address identically, in the same time', async () => {
    const times: Record<string, number[]> = { known: [], unknown: [] };
    const mailsBefore = portal.smtp.messages.length;
    const plan = Array.from({ length: 70 }, (_, round) => (round % 2 ? [{ label: 'known', contact: known }, { label: 'unknown', contact: unknown }] : [{ label: 'unknown', contact: unknown }, { label: 'known', contact: known }])).flat();
    const results = await askInWorker(`${portal.portalUrl}/sign-in`, plan, 40);
    const answers = new Set(results.map((answer) => JSON.stringify([answer.status, answer.headers, answer.body])));
    // The first ten rounds warm up (JIT, connections); the rest are measured.
    results.slice(20).forEach((answer) => times[answer.label]!.push(answer.ms));
    // One answer, byte for byte, for both addresses.
    expect(answers.size).toBe(1);
    // And the known address really did get its links (the work happens after the answer).
    await expect.poll(() => portal.smtp.messages.length - mailsBefore, { timeout: 20_000 }).toBe(70);

    const stats = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
      return { median: +at(0.5).toFixed(3), p90: +at(0.9).toFixed(3), n: sorted.length };
    };
    const figures = { known: stats(times.known!), unknown: stats(times.unknown!) };
    const difference = Math.abs(figures.known.median - figures.unknown.median);
    console.log(`enumeration timing (ms, client-side, loopback): ${JSON.stringify({ ...figures, medianDifference: +difference.toFixed(3) })}`);
    // Within noise: the medians differ by less than 2 ms or a quarter of the median, whichever is more (the
    // machine is shared; the answer is sent before the address is looked up, so there is nothing to find).
    expect(difference).toBeLessThan(Math.max(2, 0.25 * Math.min(figures.known.median, figures.unknown.median)));
  }, 60_000);
});
