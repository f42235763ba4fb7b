import { redactText } from '../audit/redact.ts';
import { PermanentError, PipelineError, RetryableError } from '../core/errors.ts';

/**
 * SMTP says it itself: 4xx replies are transient (greylisting, mailbox busy, rate limits), 5xx are final
 * (no such user, policy rejection, bad credentials). Errors without a reply are connection trouble and
 * may pass, except nodemailer's own configuration and authentication errors.
 */
export function mapSmtpError(error: unknown): PipelineError {
  if (error instanceof PipelineError) return error;
  const { responseCode, code, message } = error as { responseCode?: number; code?: string; message?: string };
  const text = `smtp: ${redactText(message ?? String(error))}`;
  if (typeof responseCode === 'number') {
    return responseCode >= 500 ? new PermanentError(text, { cause: error }) : new RetryableError(text, { cause: error });
  }
  if (code === 'EAUTH' || code === 'ECONFIG' || code === 'EENVELOPE') return new PermanentError(text, { cause: error });
  return new RetryableError(text, { cause: error });
}
