import { nonNegativeInt, positiveInt } from './values.ts';

/**
 * Outbound webhooks (connector/webhooks): events POSTed to subscribers, retried on the durable queue with
 * exponential backoff and jitter. (FOLIO_WEBHOOK_MAX_BYTES is about Fluent's webhooks coming in.)
 */
export const outboundWebhookVariables = {
  /** Tries per delivery before it is failed (an operator can still redeliver it). */
  FOLIO_OUTBOUND_MAX_ATTEMPTS: positiveInt(20),
  /** First retry delay; doubles each try, with jitter, up to FOLIO_OUTBOUND_RETRY_MAX_MS. Whole seconds. */
  FOLIO_OUTBOUND_RETRY_BASE_MS: positiveInt(30_000),
  FOLIO_OUTBOUND_RETRY_MAX_MS: positiveInt(3_600_000),
  /** How long a receiver may take to answer. */
  FOLIO_OUTBOUND_TIMEOUT_MS: positiveInt(10_000),
  /** How often new events and redeliveries are turned into queue jobs (and workers poll). */
  FOLIO_OUTBOUND_POLL_MS: positiveInt(1_000),
  /** POSTs at once in this process; 0 turns outbound webhooks off in this process. */
  FOLIO_OUTBOUND_CONCURRENCY: nonNegativeInt(4),
};
