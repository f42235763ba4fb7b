import type { Logger } from '../log.ts';
import { nextStepFor } from '../core/errors.ts';
import type { Job, JobHandler } from '../core/ports/job-queue.ts';
import { runInJob, type JobContext } from './job-context.ts';
import type { FailureClass, FolioMetrics } from './metrics.ts';

/**
 * Runs a job handler inside a job context: a child logger carrying the Fluent event id as
 * correlation id (every line the job logs, in the handler or in a step wrapper, has it), and the
 * job's outcome counted in the metrics.
 *
 * The outcome is read from what happened, not from log messages: a handler that throws is retried
 * by the queue (or, when it throws a PermanentError after the last attempt, has given up); one that
 * returns after a FolioDocumentFailed event went to Fluent failed at once on bad data.
 */
export function observeJob(log: Logger, metrics: FolioMetrics, handler: (job: Job, log: Logger) => Promise<void>): JobHandler {
  return (job) => {
    const context: JobContext = {
      eventId: job.event.id,
      jobId: job.id,
      log: log.child({ correlationId: job.event.id, jobId: job.id, attempt: job.attempt }),
    };
    return runInJob(context, async () => {
      const timer = metrics.jobSeconds.startTimer();
      try {
        await handler(job, context.log);
      } catch (error) {
        const failure: FailureClass = nextStepFor(error) === 'retry' ? 'retryable' : 'exhausted';
        metrics.failures.inc({ class: failure, step: context.failedStep ?? 'other' });
        timer({ outcome: failure === 'retryable' ? 'retry' : 'failed' });
        throw error;
      }
      if (context.reportedFailure) {
        metrics.failures.inc({ class: 'permanent', step: context.failedStep ?? 'other' });
        timer({ outcome: 'failed' });
      } else if (context.generatedType) {
        metrics.generated.inc({ type: context.generatedType });
        timer({ outcome: 'completed' });
      } else {
        timer({ outcome: 'ignored' });
      }
    });
  };
}
