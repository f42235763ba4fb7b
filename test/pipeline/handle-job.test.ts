import { describe, expect, it } from 'vitest';
import { ATTRIBUTE, DOCUMENT_FAILED_EVENT, DOCUMENT_GENERATED_EVENT } from '../../connector/fluent/contract.ts';
import { handleDocumentJob } from '../../connector/pipeline/handle-job.ts';
import { RetryableError } from '../../connector/core/errors.ts';
import { job, memoryLog } from './support/in-memory-ports.ts';
import { invoiceAnswers, invoiceEvent, invoicePipeline } from './support/invoice-fluent.ts';

describe('handleDocumentJob', () => {
  it('retries a retryable error and then makes the document under the same number', async () => {
    const run = invoicePipeline();
    run.pdfFailures.push(new RetryableError('Chromium went away'));
    const event = invoiceEvent();

    await expect(handleDocumentJob(run.deps, job(event, 1), memoryLog())).rejects.toThrow('Chromium went away');
    expect(run.audit.map((e) => e.step)).toEqual(['fetched', 'retried']);
    await handleDocumentJob(run.deps, job(event, 2), memoryLog());

    expect(run.rows.size).toBe(1);
    expect([...run.rows.values()].map((r) => [r.number, r.status])).toEqual([['N-1', 'reported']]);
    expect(run.posted.map((e) => [e.name, e.attributes?.[ATTRIBUTE.documentNumber]])).toEqual([
      [DOCUMENT_GENERATED_EVENT, 'N-1'],
      [DOCUMENT_GENERATED_EVENT, 'N-1'],
    ]);
  });

  it('reports a permanent error to Fluent once and completes the job', async () => {
    const run = invoicePipeline({ ...invoiceAnswers, FolioInvoice: { invoice: null } });
    const log = memoryLog();

    await handleDocumentJob(run.deps, job(invoiceEvent()), log);

    expect(run.posted).toHaveLength(1);
    expect(run.posted[0]).toMatchObject({
      name: DOCUMENT_FAILED_EVENT,
      entityRef: 'INV-2024-0042',
      attributes: { [ATTRIBUTE.failureReason]: 'invoice INV-2024-0042 does not exist in Fluent' },
    });
    expect(run.audit.map((e) => e.step)).toEqual(['failed']);
    expect(log.lines.map((l) => l.message)).toEqual(['document failed']);
  });

  it('gives up after the last attempt of a retryable error, reporting the failure once', async () => {
    const run = invoicePipeline();
    run.pdfFailures.push(new RetryableError('Chromium went away'));

    await expect(handleDocumentJob(run.deps, job(invoiceEvent(), 3, 3), memoryLog())).rejects.toThrow('gave up after 3 attempts: Chromium went away');

    expect(run.posted.map((e) => e.name)).toEqual([DOCUMENT_FAILED_EVENT]);
    expect([...run.rows.values()].map((r) => [r.number, r.status])).toEqual([['N-1', 'failed']]);
  });
});
