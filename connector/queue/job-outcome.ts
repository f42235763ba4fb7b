import type { JobResult } from 'pg-boss';
import { nextStepFor } from '../core/errors.ts';

/**
 * What pg-boss should do with a job after the handler threw. `deadletter` is pg-boss's terminal
 * failure that skips the remaining retries (there is no dead-letter queue configured, so the job just
 * ends as failed); `failed` is retried with backoff while attempts remain.
 */
export function outcomeOf(jobId: string, error: unknown): JobResult {
  const output = { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  switch (nextStepFor(error)) {
    case 'ignore':
      return { id: jobId, status: 'completed', output: { ignored: output.error } };
    case 'fail':
      return { id: jobId, status: 'deadletter', output };
    case 'retry':
      return { id: jobId, status: 'failed', output };
  }
}
