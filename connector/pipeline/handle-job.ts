import type { Job } from '../core/ports/job-queue.ts';
import { generateDocument } from './generate-document.ts';
import { nextStepFor, PermanentError } from '../core/errors.ts';
import type { PipelineDeps } from '../core/ports/pipeline-deps.ts';
import { documentKey, entityRefOf, tenantOf } from '../core/document-key.ts';

export interface JobLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * Runs the pipeline for one queued job and decides what its failure means:
 * - ignore: nothing to do; the job completes.
 * - fail: bad data or configuration; the failure event goes to Fluent at once, the job completes.
 * - retry: rethrown so the queue retries with backoff — unless this was the last attempt, in which
 *   case the failure event goes to Fluent and the job is failed for good (dead-lettered).
 * If reporting the failure itself fails, the error is rethrown so the queue keeps the job.
 */
export async function handleDocumentJob(deps: PipelineDeps, job: Job, log: JobLogger): Promise<void> {
  const event = job.event;
  const correlation = { eventId: event.id, entityType: event.entityType, attempt: job.attempt };
  try {
    const generated = await generateDocument(deps, event);
    log.info({ ...correlation, number: generated.number }, 'document generated');
  } catch (error) {
    const next = nextStepFor(error);
    const reason = error instanceof Error ? error.message : String(error);
    if (next === 'ignore') {
      log.info({ ...correlation, reason }, 'nothing to do');
      return;
    }
    if (next === 'retry' && job.attempt < job.maxAttempts) {
      await deps.audit.record({ step: 'retried', ...trailOf(job), details: { eventId: event.id, reason, attempt: job.attempt } });
      log.warn({ ...correlation, reason }, 'will retry');
      throw error;
    }
    await failForGood(deps, job, reason);
    log.warn({ ...correlation, reason }, 'document failed');
    if (next === 'retry') throw new PermanentError(`gave up after ${job.attempt} attempts: ${reason}`, { cause: error });
  }
}

async function failForGood(deps: PipelineDeps, job: Job, reason: string): Promise<void> {
  const source = deps.resolveSource(job.event);
  const key = source ? documentKey(job.event, source.name ?? source.type) : undefined;
  if (key && (await deps.records.find(key))) await deps.records.markFailed(key, reason);
  await deps.audit.record({ step: 'failed', ...trailOf(job), details: { eventId: job.event.id, reason, attempt: job.attempt } });
  await deps.reporter.failed(job.event, reason, (deps.now?.() ?? new Date()).toISOString());
}

function trailOf(job: Job) {
  return { entityRef: entityRefOf(job.event), tenant: tenantOf(job.event) };
}
