import { redactText } from '../audit/redact.ts';
import type { Database, Queryable, Submitted } from '../db/database.ts';
import type { ChannelName } from '../core/ports/delivery-channel.ts';

export interface OutboxEntry {
  idempotencyKey: string;
  documentKey: string;
  channel: ChannelName;
  recipientHash: string;
}

export type Claim =
  | { outcome: 'claimed'; attempts: number }
  | { outcome: 'already-sent'; providerId: string | null }
  /** A run died between its point of no return and the provider's answer: presumed sent, never resent. */
  | { outcome: 'unconfirmed' }
  | { outcome: 'failed'; lastError: string | null }
  | { outcome: 'in-flight' };

/** One key per document × channel × recipient: the same delivery asked for twice is one row. */
export function idempotencyKeyOf(documentKey: string, channel: ChannelName, recipientHash: string): string {
  return `${documentKey}|${channel}|${recipientHash}`;
}

interface Row {
  state: 'pending' | 'sending' | 'committing' | 'sent' | 'unconfirmed' | 'retrying' | 'failed';
  attempts: number;
  provider_id: string | null;
  last_error: string | null;
  lease_expired: boolean;
}

/**
 * Takes the delivery for this worker, in one transaction with the row locked, so two workers (or a job
 * retried while the first run still hangs) cannot both send. A row held longer than the lease belongs to
 * a worker that died. Left in `sending`, the provider never got the message (the channel records
 * `committing` before its point of no return), so it is taken over and sent. Left in `committing`, the
 * provider may well have it: sending again is how shoppers get two mails, so the row becomes
 * `unconfirmed` and counts as sent (a lost message is then possible only in the instant between that
 * record and the channel's last write, or if the provider refused the message after it).
 */
export async function claimDelivery(db: Database, entry: OutboxEntry, leaseSeconds = 600): Promise<Claim> {
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO folio_deliveries (idempotency_key, document_key, channel, recipient_hash, state)
       VALUES ($1, $2, $3, $4, 'pending') ON CONFLICT (idempotency_key) DO NOTHING`,
      [entry.idempotencyKey, entry.documentKey, entry.channel, entry.recipientHash],
    );
    const { rows } = await tx.query<Row>(
      `SELECT state, attempts, provider_id, last_error, updated_at < now() - make_interval(secs => $2) AS lease_expired
         FROM folio_deliveries WHERE idempotency_key = $1 FOR UPDATE`,
      [entry.idempotencyKey, leaseSeconds],
    );
    const row = rows[0]!;
    if (row.state === 'sent' || row.state === 'unconfirmed') return { outcome: 'already-sent', providerId: row.provider_id };
    if (row.state === 'failed') return { outcome: 'failed', lastError: row.last_error };
    if ((row.state === 'sending' || row.state === 'committing') && !row.lease_expired) return { outcome: 'in-flight' };
    if (row.state === 'committing') {
      await recordUnconfirmed(tx, entry.idempotencyKey, UNCONFIRMED_REASON);
      return { outcome: 'unconfirmed' };
    }
    await tx.query(
      `UPDATE folio_deliveries SET state = 'sending', attempts = attempts + 1, updated_at = now() WHERE idempotency_key = $1`,
      [entry.idempotencyKey],
    );
    return { outcome: 'claimed', attempts: row.attempts + 1 };
  });
}

export const UNCONFIRMED_REASON = 'the run sending it stopped after handing it to the provider; presumed sent, not sent again';

/**
 * The channel's point of no return is next: from here on a crash must not lead to a second send. The
 * channel goes on at the hand-over, not at the answer: waiting for the answer left a gap (as long as
 * the event loop was busy elsewhere) in which a kill -9 found the record made and the message unsent,
 * so the message was never sent. Any later write to the row waits for `result` first. Left open: if
 * the database fails this statement after the message went out, the row stays `sending` and a later
 * run, once the lease expires, sends it again.
 */
export function submitCommitting(db: Database, idempotencyKey: string): Submitted<unknown> {
  return db.submit(`UPDATE folio_deliveries SET state = 'committing', updated_at = now() WHERE idempotency_key = $1`, [idempotencyKey]);
}

/** The provider may have the message (see OutcomeUnknownError): it counts as sent and is never resent. */
export async function recordUnconfirmed(db: Queryable, idempotencyKey: string, error: string): Promise<void> {
  await db.query(
    `UPDATE folio_deliveries SET state = 'unconfirmed', last_error = $2, updated_at = now() WHERE idempotency_key = $1`,
    [idempotencyKey, redactText(error)],
  );
}

/** Counts another in-process attempt (the provider answered: back from `committing`) and renews the lease. */
export async function recordRetry(db: Queryable, idempotencyKey: string, error: string): Promise<void> {
  await db.query(
    `UPDATE folio_deliveries SET state = 'sending', attempts = attempts + 1, last_error = $2, updated_at = now() WHERE idempotency_key = $1`,
    [idempotencyKey, redactText(error)],
  );
}

export async function recordSent(db: Queryable, idempotencyKey: string, providerId: string): Promise<void> {
  await db.query(
    `UPDATE folio_deliveries SET state = 'sent', provider_id = $2, last_error = NULL, updated_at = now() WHERE idempotency_key = $1`,
    [idempotencyKey, providerId],
  );
}

/** `retrying` hands the row back for a later run; `failed` is final and moves delivery to the next channel. */
export async function recordFailure(db: Queryable, idempotencyKey: string, state: 'retrying' | 'failed', error: string): Promise<void> {
  await db.query(
    `UPDATE folio_deliveries SET state = $2, last_error = $3, updated_at = now() WHERE idempotency_key = $1`,
    [idempotencyKey, state, redactText(error)],
  );
}

/**
 * For a database only this process can have open (PGlite): deliveries left `sending` or `committing`
 * belong to a process that died, so their leases end now instead of after the job timeout.
 */
export async function releaseLeasesOfTheDead(db: Queryable): Promise<void> {
  await db.query(`UPDATE folio_deliveries SET updated_at = '-infinity' WHERE state IN ('sending', 'committing')`);
}

export interface DeliveryRecord extends OutboxEntry {
  state: Row['state'];
  attempts: number;
  lastError: string | null;
  providerId: string | null;
  updatedAt: Date;
}

/** The outbox rows of a document, for status pages, the CLI and tests. */
export async function listDeliveries(db: Queryable, documentKey: string): Promise<DeliveryRecord[]> {
  const { rows } = await db.query<{
    idempotency_key: string; document_key: string; channel: ChannelName; recipient_hash: string; state: Row['state'];
    attempts: number; last_error: string | null; provider_id: string | null; updated_at: Date | string;
  }>(`SELECT * FROM folio_deliveries WHERE document_key = $1 ORDER BY created_at, idempotency_key`, [documentKey]);
  return rows.map((row) => ({
    idempotencyKey: row.idempotency_key,
    documentKey: row.document_key,
    channel: row.channel,
    recipientHash: row.recipient_hash,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    providerId: row.provider_id,
    updatedAt: new Date(row.updated_at),
  }));
}
