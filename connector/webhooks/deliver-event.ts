import { withDeadline } from '../core/deadline.ts';
import type { Database } from '../db/database.ts';
import { redactText } from '../audit/redact.ts';
import { eventBody, type EventRow } from './event-body.ts';
import { SIGNATURE_HEADER, signatureHeader } from './signature.ts';

export interface DeliveryTry {
  deliveryId: string;
  /** The queue job running it; a job that is no longer the delivery's (redelivered since) does nothing. */
  jobId: string;
  /** This is the queue's last try of the job: a failure now fails the delivery. */
  lastTry: boolean;
  manual: boolean;
}

export type TryOutcome = 'delivered' | 'retry' | 'failed' | 'skipped' | 'cancelled';

export interface PostOptions {
  timeoutMs: number;
  now?: () => Date;
}

interface Row extends EventRow {
  state: string;
  job_id: string | null;
  url: string;
  secret: string;
  /** The secret before the last rotation, while it still signs. */
  previous_secret: string | null;
  enabled: boolean;
  deleted_at: Date | null;
}

/**
 * One try of one delivery: POST the event, signed, to the subscriber, and log the try with its status
 * code and latency. 2xx is delivered; anything else (no answer, a timeout, a redirect, 4xx, 5xx) is
 * retried by the queue, with backoff, until its last try.
 */
export async function tryDelivery(db: Database, job: DeliveryTry, options: PostOptions): Promise<TryOutcome> {
  const { rows } = await db.query<Row>(
    `SELECT d.state, d.job_id, s.url, s.secret, CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret END AS previous_secret, s.enabled, s.deleted_at, e.id, e.type, e.occurred_at, e.account_id, e.retailer_id, e.data
       FROM folio_webhook_deliveries d JOIN folio_webhook_subscriptions s ON s.id = d.subscription_id JOIN folio_webhook_events e ON e.id = d.event_id
      WHERE d.id = $1`,
    [job.deliveryId],
  );
  const row = rows[0];
  if (!row || row.job_id !== job.jobId || row.state === 'delivered' || row.state === 'cancelled') return 'skipped';
  if (!row.enabled || row.deleted_at) {
    await db.query(`UPDATE folio_webhook_deliveries SET state = 'cancelled', updated_at = now() WHERE id = $1 AND job_id = $2`, [job.deliveryId, job.jobId]);
    return 'cancelled';
  }

  const body = eventBody(row);
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    // The deadline covers the answer's headers and draining its body.
    status = await withDeadline(options.timeoutMs, async (signal) => {
      const response = await fetch(row.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Folio-Webhooks/1',
          [SIGNATURE_HEADER]: signatureHeader(row.secret, body, Math.floor(now().getTime() / 1000), row.previous_secret ?? undefined),
          'Folio-Event-Id': row.id,
          'Folio-Event-Type': row.type,
          'Folio-Delivery-Id': job.deliveryId,
        },
        body,
        // A redirect is not a receipt: the receiver must answer at the URL it gave.
        redirect: 'manual',
        signal,
      });
      // The answer's body is not read, only drained, so the connection can be reused.
      await response.body?.cancel();
      return response.status;
    });
    if (status < 200 || status > 299) error = `the receiver answered ${status}`;
  } catch (caught) {
    error = describe(caught);
  }
  const latencyMs = Math.round(performance.now() - started);
  const outcome: TryOutcome = error === null ? 'delivered' : job.lastTry ? 'failed' : 'retry';
  const state = outcome === 'delivered' ? 'delivered' : outcome === 'failed' ? 'failed' : 'retrying';
  await db.transaction(async (tx) => {
    const updated = await tx.query<{ attempts: number }>(
      `UPDATE folio_webhook_deliveries SET state = $2, attempts = attempts + 1, last_status = $3, last_error = $4, updated_at = now(),
              delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END
        WHERE id = $1 RETURNING attempts`,
      [job.deliveryId, state, status, error],
    );
    await tx.query(
      `INSERT INTO folio_webhook_attempts (delivery_id, attempt, status_code, latency_ms, error, manual) VALUES ($1, $2, $3, $4, $5, $6)`,
      [job.deliveryId, updated.rows[0]!.attempts, status, latencyMs, error, job.manual],
    );
  });
  return outcome;
}

function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'the receiver did not answer in time';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: string } | undefined)?.code;
  return redactText(code ? `no answer from the receiver (${code})` : `no answer from the receiver (${error instanceof Error ? error.message : String(error)})`);
}
