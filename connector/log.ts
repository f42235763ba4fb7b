import { pino, type Logger } from 'pino';

/**
 * JSON logs. Personal data never reaches them: events carry names, emails, phones and addresses in
 * attributes, so any such key is redacted wherever it appears, and we log ids, not payloads.
 */
const PERSONAL_KEYS = ['name', 'firstName', 'lastName', 'email', 'primaryEmail', 'phone', 'primaryPhone', 'address', 'street', 'postcode', 'attributes'];

/** The level comes from the caller (the connector passes LOG_LEVEL from its configuration); `info` otherwise. */
export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const paths = PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);
  return pino(
    { level: options.level ?? 'info', redact: { paths, censor: '[redacted]' }, base: { service: 'folio' } },
    options.destination ?? process.stdout,
  );
}
export type { Logger };
