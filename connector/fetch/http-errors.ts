import { isAxiosError } from 'axios';
import { ZodError } from 'zod';
import { PermanentError, PipelineError, RetryableError } from '../core/errors.ts';

/**
 * Maps an HTTP failure to what the pipeline should do: timeouts, network errors, 408, 429 and 5xx may
 * pass (retry); other 4xx mean bad data or configuration (fail, with the server's message).
 */
export function errorFromHttp(error: unknown, what: string): PipelineError {
  if (error instanceof PipelineError) return error;
  if (error instanceof ZodError) return new PermanentError(`${what} answered in an unexpected shape: ${error.issues[0]?.message ?? ''}`);
  if (isAxiosError(error)) {
    const status = error.response?.status;
    if (status === undefined) return new RetryableError(`${what} failed: ${error.code ?? error.message}`, { cause: error });
    const detail = summarize(error.response?.data);
    const message = `${what} answered HTTP ${status}${detail ? `: ${detail}` : ''}`;
    const details = { upstreamStatus: status };
    if (status === 408 || status === 429 || status >= 500) return new RetryableError(message, { cause: error, details });
    return new PermanentError(message, { cause: error, details });
  }
  return new RetryableError(`${what} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

function summarize(data: unknown): string {
  if (data === undefined || data === null || data === '') return '';
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
