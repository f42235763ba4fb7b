import { fluentEventSchema } from '../../connector/fluent/event-model.ts';
import type { JobQueueOptions } from '../../connector/queue/create-job-queue.ts';
import type { AcceptedEvent } from '../../connector/core/ports/job-queue.ts';

/** A webhook as the receiver hands it over: parsed event, raw bytes, dedup key. */
export function webhook(eventId: string, accountId = 'ACME'): AcceptedEvent {
  const rawBody = JSON.stringify({ id: eventId, name: 'OrderCreated', accountId, retailerId: 1, entityType: 'ORDER', entityRef: `O-${eventId}` });
  return { key: `${accountId}|${eventId}`, event: fluentEventSchema.parse(JSON.parse(rawBody)), rawBody, verifiedBy: 'test-key' };
}

/** Small timings so retries and recovery take seconds, not minutes. */
export const FAST: JobQueueOptions = {
  maxAttempts: 3,
  backoffBaseMs: 1,
  backoffMaxMs: 1,
  pollIntervalMs: 500,
  staleCheckIntervalMs: 1000,
  stopTimeoutMs: 10_000,
};
