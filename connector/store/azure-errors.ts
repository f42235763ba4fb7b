import { PermanentError, PipelineError, RetryableError } from '../core/errors.ts';

/**
 * Azure errors at the edge: no HTTP status means the request never got an answer (network, DNS,
 * Azurite or Azure down) and may pass; 408/429/5xx are server faults; every other 4xx is a wrong key,
 * SAS, container name or permission, which retrying cannot fix.
 */
export function mapAzureError(error: unknown, doing: string): PipelineError {
  if (error instanceof PipelineError) return error;
  const status = (error as { statusCode?: number }).statusCode;
  const code = (error as { code?: string }).code;
  const detail = [status, code].filter((part) => part !== undefined).join(' ') || (error as Error).message;
  const message = `azure blob: ${doing} failed (${detail})`;
  const details = { step: 'store', ...(status !== undefined && { upstreamStatus: status }) };
  if (status === undefined || status === 408 || status === 429 || status >= 500) {
    return new RetryableError(message, { cause: error, details });
  }
  return new PermanentError(message, { cause: error, details });
}

export function isStatus(error: unknown, status: number): boolean {
  return (error as { statusCode?: number }).statusCode === status;
}
