import { isAxiosError } from 'axios';
import { ZodError } from 'zod';
import { PermanentError, PipelineError, RetryableError } from '../core/errors.ts';

/** An HTTP answer outside 2xx, from a client that does not throw its own (fetch/json-over-http.ts). */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly data: unknown,
  ) {
    super(`HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}

/**
 * Maps an HTTP failure to what the pipeline should do: timeouts, network errors, 408, 429 and 5xx may
 * pass (retry); other 4xx mean bad data or configuration (fail, with the server's message).
 */
export function errorFromHttp(error: unknown, what: string): PipelineError {
  if (error instanceof PipelineError) return error;
  if (error instanceof ZodError) return new PermanentError(`${what} answered in an unexpected shape: ${error.issues[0]?.message ?? ''}`);
  const answered = error instanceof HttpStatusError ? { status: error.status, data: error.data } : isAxiosError(error) ? error.response && { status: error.response.status, data: error.response.data } : undefined;
  if (isAxiosError(error) && !answered) return new RetryableError(`${what} failed: ${error.code ?? error.message}`, { cause: error });
  if (answered) {
    const { status } = answered;
    const detail = summarize(answered.data);
    const message = `${what} answered HTTP ${status}${detail ? `: ${detail}` : ''}`;
    const details = { upstreamStatus: status };
    if (status === 408 || status === 429 || status >= 500) return new RetryableError(message, { cause: error, details });
    return new PermanentError(message, { cause: error, details });
  }
  // No answer: refused, reset or timed out on the way (undici names these by code).
  const code = (error as { code?: unknown } | undefined)?.code;
  return new RetryableError(`${what} failed: ${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)}`, { cause: error });
}

function summarize(data: unknown): string {
  if (data === undefined || data === null || data === '') return '';
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
