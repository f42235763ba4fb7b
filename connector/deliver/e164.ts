import { PermanentError } from '../core/errors.ts';

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Normalises a phone number to E.164 (`+` country code and subscriber number, at most 15 digits),
 * dropping the spaces, dashes, dots and brackets people type. Anything else is refused before Twilio
 * sees it; the message does not repeat the number, since errors end up in logs.
 */
export function toE164(raw: string): string {
  const compact = raw.trim().replace(/^whatsapp:/i, '').replace(/[\s().-]/g, '').replace(/^00/, '+');
  if (!E164.test(compact)) {
    throw new PermanentError(
      'the recipient’s phone number is not in E.164 format: it needs a + and the country code, then the number, 8–15 digits in all (e.g. +4915112345678)',
    );
  }
  return compact;
}
