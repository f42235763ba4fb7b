import { redactText } from '../audit/redact.ts';
import { PermanentError, PipelineError, RetryableError } from '../core/errors.ts';

/**
 * Twilio answers 429 when we are rate-limited and 5xx when it is unwell: both pass. Other 4xx are about
 * the request itself (invalid or unreachable number 21211/21614, unverified sender, bad credentials 20003)
 * and will fail the same way every time. No status at all means the request never got an answer.
 */
export function mapTwilioError(error: unknown): PipelineError {
  if (error instanceof PipelineError) return error;
  const { status, code, message } = error as { status?: number; code?: number; message?: string };
  const text = `twilio: ${redactText(message ?? String(error))}${code ? ` (code ${code})` : ''}`;
  const details = { step: 'deliver', ...(typeof status === 'number' && { upstreamStatus: status }) };
  if (typeof status !== 'number' || status === 429 || status >= 500) return new RetryableError(text, { cause: error, details });
  return new PermanentError(text, { cause: error, details });
}
