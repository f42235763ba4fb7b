import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS } from '../../connector/fluent/contract.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { startObservedLoop, type ObservedLoop } from './support/observed-loop.ts';

/** One series' value from Prometheus text, e.g. sample(text, 'folio_jobs{state="completed"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('observability of the running connector', () => {
  let loop: ObservedLoop;
  let good: { invoiceRef: string; eventId: string };
  let bad: { invoiceRef: string; eventId: string };
  const customer = { firstName: 'Wilhelmina', lastName: 'Quarterfield', email: 'w.quarterfield@example.org' };

  beforeAll(async () => {
    loop = await startObservedLoop();
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'OBS-1', customer });
    expect((await loop.settled(created.invoiceRef)).status).toBe(STATUS.generated);
    // An unknown currency is bad data: the document fails at once, with a reason.
    const broken = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'OBS-2', customer, currency: 'XYZ' });
    expect((await loop.settled(broken.invoiceRef)).status).toBe(STATUS.failed);
    const eventIdOf = (ref: string) => {
      const delivery = loop.emulator.webhooks().find((w) => (JSON.parse(w.body) as { entityRef?: string }).entityRef === ref);
      return (JSON.parse(delivery!.body) as { id: string }).id;
    };
    good = { invoiceRef: created.invoiceRef, eventId: eventIdOf(created.invoiceRef) };
    bad = { invoiceRef: broken.invoiceRef, eventId: eventIdOf(broken.invoiceRef) };
  });
  afterAll(async () => {
    await loop?.close();
  });

  it('serves Prometheus metrics: jobs by state, step latencies, failures by class, documents per type, ack latency, print calls', async () => {
    const response = await fetch(`${loop.connector.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();

    expect(sample(text, 'folio_jobs{state="completed"}')).toBe(2);
    expect(sample(text, 'folio_queue_depth')).toBe(0);
    expect(sample(text, 'folio_documents{type="invoice",status="reported"}')).toBe(1);
    expect(sample(text, 'folio_documents_generated_total{type="invoice"}')).toBe(1);
    expect(sample(text, 'folio_documents_failed')).toBe(1);
    expect(sample(text, 'folio_job_failures_total{class="permanent",step="build"}')).toBe(1);
    for (const step of ['fetch', 'build', 'number', 'template', 'render', 'store', 'report']) {
      expect(sample(text, `folio_step_duration_seconds_count{step="${step}",outcome="ok"}`), step).toBeGreaterThanOrEqual(1);
    }
    expect(sample(text, 'folio_webhook_ack_seconds_count{status="200"}')).toBe(2);
    // The one good document was printed alone: one Chromium print call, one PDF.
    expect(sample(text, 'folio_pdf_print_calls_total')).toBe(1);
    expect(sample(text, 'folio_pdf_printed_documents_total')).toBe(1);
    expect(sample(text, 'folio_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('reports the browser in /readyz next to database and storage', async () => {
    const response = await fetch(`${loop.connector.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { database: true, storage: true, browser: true } });
  });

  it("tags every log line of a job with its Fluent event id and logs no customer's personal data", () => {
    const lines = loop.logLines();
    for (const { eventId } of [good, bad]) {
      const jobLines = lines.filter((line) => line.correlationId === eventId);
      // Step timings (debug) and the outcome line at least.
      expect(jobLines.length).toBeGreaterThanOrEqual(3);
      expect(jobLines.every((line) => typeof line.jobId === 'string')).toBe(true);
    }
    expect(lines.some((line) => line.correlationId === good.eventId && line.msg === 'document generated')).toBe(true);
    expect(lines.some((line) => line.correlationId === bad.eventId && line.msg === 'document failed')).toBe(true);

    // What createSampleInvoice put on the customer and billing account.
    const text = loop.logText();
    for (const personal of [customer.firstName, customer.lastName, customer.email, '+441234567890', '12 St James Square', 'SW1Y 4JH']) {
      expect(text).not.toContain(personal);
    }
  });
});
