import { setTimeout as sleepFor } from 'node:timers/promises';
import type { AuditSink } from '../core/ports/audit-sink.ts';
import { hashRecipient } from '../audit/recipient-hash.ts';
import type { Database } from '../db/database.ts';
import { PermanentError, RetryableError } from '../core/errors.ts';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './backoff.ts';
import { OutcomeUnknownError, type Channel, type ChannelName, type DeliverableDocument } from '../core/ports/delivery-channel.ts';
import type { DeliveryPlan } from './channel-plan.ts';
import type { ChannelOutcome, DeliveryResult } from '../core/ports/document-delivery.ts';
import { claimDelivery, idempotencyKeyOf, submitCommitting, recordFailure, recordRetry, recordSent, recordUnconfirmed, UNCONFIRMED_REASON } from './outbox.ts';

export interface DeliverDocumentInput {
  db: Database;
  channels: Partial<Record<ChannelName, Channel>>;
  plan: DeliveryPlan;
  document: DeliverableDocument;
  audit?: AuditSink;
  retry?: Partial<RetryPolicy>;
  /** Secret for recipient hashes (see hashRecipient); must stay the same across runs. */
  recipientPepper?: string;
  /** How long a `sending` row is held before another run may take it over. */
  leaseSeconds?: number;
  sleep?: (ms: number) => Promise<unknown>;
  /** A separate delivery of the same document (a shopper's "send me this again"): its own outbox row. */
  occasion?: string;
}

/**
 * Delivers a document on the first channel of the plan that works, exactly once per document × channel ×
 * recipient. Transient failures are retried in place with backoff, then handed back as RetryableError
 * (the job queue runs it again later; the outbox remembers what already happened). A permanent failure
 * moves on to the next channel. A transient failure does not: sending an SMS because the mail server
 * is slow would, once it recovers, reach the shopper twice.
 */
export async function deliverDocument(input: DeliverDocumentInput): Promise<DeliveryResult> {
  const { db, plan, document } = input;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...input.retry };
  const sleep = input.sleep ?? sleepFor;
  const audit = async (event: Parameters<AuditSink['record']>[0]) => input.audit?.record(event);
  const tried: ChannelOutcome[] = [];

  for (const { channel: name, address } of plan.attempts) {
    const channel = input.channels[name];
    if (!channel) {
      tried.push({ channel: name, outcome: 'unavailable', error: `channel ${name} is not configured` });
      continue;
    }
    const recipientHash = hashRecipient(address, input.recipientPepper);
    const idempotencyKey = idempotencyKeyOf(document.key, name, recipientHash) + (input.occasion ? `|${input.occasion}` : '');
    const facts = { documentKey: document.key, tenant: document.tenant, channel: name, recipientHash, ...(document.entityRef ? { entityRef: document.entityRef } : {}) };

    const claim = await claimDelivery(db, { idempotencyKey, documentKey: document.key, channel: name, recipientHash }, input.leaseSeconds);
    if (claim.outcome === 'already-sent') {
      tried.push({ channel: name, outcome: 'already-sent', ...(claim.providerId ? { providerId: claim.providerId } : {}) });
      return { status: 'already-sent', channel: name, ...(claim.providerId ? { providerId: claim.providerId } : {}), tried };
    }
    const unconfirmed = async (reason: string): Promise<DeliveryResult> => {
      await audit({ step: 'delivered', ...facts, details: { unconfirmed: true, reason } });
      tried.push({ channel: name, outcome: 'unconfirmed', error: reason });
      return { status: 'unconfirmed', channel: name, tried };
    };
    if (claim.outcome === 'unconfirmed') return unconfirmed(UNCONFIRMED_REASON);
    if (claim.outcome === 'failed') {
      tried.push({ channel: name, outcome: 'failed', error: claim.lastError ?? 'failed earlier' });
      continue;
    }
    if (claim.outcome === 'in-flight') throw new RetryableError(`delivery of ${document.key} by ${name} is in progress in another run`);

    for (let attempt = 1; ; attempt++) {
      // The `committing` record of this attempt, once the channel asked for it: settled before any later write to the row.
      let committing: Promise<unknown> | undefined;
      let providerId: string;
      try {
        const message = { to: address, locale: plan.locale, document, idempotencyKey, ...(plan.shopper ? { shopper: plan.shopper } : {}) };
        ({ providerId } = await channel.send(message, {
          committing: () => {
            const submitted = submitCommitting(db, idempotencyKey);
            committing = submitted.result;
            return submitted.handedOver;
          },
        }));
      } catch (error) {
        await committing?.catch(() => undefined);
        const message = (error as Error).message;
        if (error instanceof OutcomeUnknownError) {
          await recordUnconfirmed(db, idempotencyKey, message);
          return unconfirmed(`the provider may have it, not sent again: ${message}`);
        }
        if (error instanceof PermanentError) {
          await recordFailure(db, idempotencyKey, 'failed', message);
          await audit({ step: 'failed', ...facts, details: { error: message, permanent: true } });
          tried.push({ channel: name, outcome: 'failed', error: message });
          break;
        }
        if (attempt >= policy.attempts) {
          await recordFailure(db, idempotencyKey, 'retrying', message);
          await audit({ step: 'failed', ...facts, details: { error: message, permanent: false } });
          throw new RetryableError(`delivery of ${document.key} by ${name} failed ${attempt} times: ${message}`, { cause: error });
        }
        await recordRetry(db, idempotencyKey, message);
        await audit({ step: 'retried', ...facts, details: { error: message, attempt } });
        await sleep(backoffDelay(policy, attempt));
        continue;
      }
      // Sent: nothing from here on may lead to sending again. A failure to record it escapes to the job,
      // whose retry finds the row `committing` and leaves the delivery unconfirmed.
      await committing?.catch(() => undefined);
      await recordSent(db, idempotencyKey, providerId);
      await audit({ step: 'delivered', ...facts, ...(document.sha256 ? { sha256: document.sha256 } : {}), details: { providerId, attempt: claim.attempts + attempt - 1 } });
      tried.push({ channel: name, outcome: 'sent', providerId });
      return { status: 'sent', channel: name, providerId, tried };
    }
  }
  if (tried.length === 0) return { status: 'no-channel', tried };
  return { status: 'failed', tried };
}
