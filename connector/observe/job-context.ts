import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../log.ts';
import type { PipelineStep } from './metrics.ts';

/**
 * What is known about the job running in the current async context. The pipeline's adapters are
 * shared by all jobs, so a step wrapper finds "its" job here rather than through extra parameters:
 * the use case and the adapters stay unaware of logging and metrics.
 */
export interface JobContext {
  eventId: string;
  jobId: string;
  /** A child logger whose every line carries the Fluent event id as correlation id. */
  log: Logger;
  /** The step whose error ended the job, if one did. */
  failedStep?: PipelineStep;
  /** Set when a FolioDocumentFailed event went to Fluent during this job. */
  reportedFailure?: boolean;
  /** Set when a FolioDocumentGenerated event went to Fluent during this job: the document's type. */
  generatedType?: string;
}

const storage = new AsyncLocalStorage<JobContext>();

export function runInJob<T>(context: JobContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

export function currentJob(): JobContext | undefined {
  return storage.getStore();
}
