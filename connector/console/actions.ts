import { randomBytes } from 'node:crypto';
import type { AuditSink } from '../core/ports/audit-sink.ts';
import type { ChannelName, DeliverableDocument } from '../core/ports/delivery-channel.ts';
import type { DeliveryResult } from '../core/ports/document-delivery.ts';
import type { DocumentSourceResolver } from '../core/ports/document-source.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import type { JobQueue } from '../core/ports/job-queue.ts';
import type { LinkIssuer } from '../core/ports/link-issuer.ts';
import type { Queryable } from '../db/database.ts';
import { shopperContact } from '../deliver/shopper-contact.ts';
import { fluentEventSchema, type FluentEvent } from '../fluent/event-model.ts';
import { WEBHOOK_ATTRIBUTE } from '../fluent/contract.ts';
import type { LinkRevocations } from '../links/revocations.ts';
import { listFailures, type Failure } from '../replay/failures.ts';
import { NothingToRetryError, replayFailure, type RetryResult } from '../replay/replay.ts';
import type { ConsoleDocument } from './document-view.ts';
import { seesTenant, type Operator } from './roles.ts';

/** One named channel, to one address, as its own outbox row (the shopper portal's resend, reused). */
export interface ChannelResend {
  channels(): ChannelName[];
  resend(input: { document: DeliverableDocument; channel: ChannelName; address: string; locale: string; occasion: string }): Promise<DeliveryResult>;
}

export interface ConsoleActionDeps {
  db: Queryable;
  queue: JobQueue;
  audit: AuditSink;
  revocations: LinkRevocations;
  /** What resend needs; absent when no delivery channel is configured. */
  resend?: {
    delivery: ChannelResend;
    fluent: FluentClient;
    resolveSource: DocumentSourceResolver;
    links: () => LinkIssuer;
    defaults: { locale: string; timeZone: string };
  };
  queueSchema?: string;
}

/** An action the console refuses with a reason the operator can act on. */
export class ActionRefused extends Error {
  override readonly name = 'ActionRefused';
}

/** How the audit trail names the operator who acted. */
export function actorOf(operator: Operator): string {
  return `console: ${operator.subject} (${operator.role})`;
}

/** The failures an operator may see (the failures page). */
export async function scopedFailures(deps: ConsoleActionDeps, operator: Operator): Promise<Failure[]> {
  const failures = await listFailures(deps.db, deps.queueSchema ? { queueSchema: deps.queueSchema } : {});
  return failures.filter((f) => seesTenant(operator, f.tenant));
}

/** Retry of a failed document the operator may see, by document key, entity ref or inbox key. */
export async function retryFailed(deps: ConsoleActionDeps, operator: Operator, target: string): Promise<RetryResult> {
  const failure = (await scopedFailures(deps, operator)).find((f) => f.documentKey === target || f.entityRef === target || f.inboxKey === target);
  if (!failure) throw new NothingToRetryError(`${target} names no failed document you may see`);
  return replayFailure(replayDeps(deps), failure, actorOf(operator));
}

/**
 * Renders the document again under the same number and file name: its record forgets the stored file
 * (the number stays, tied to the document key), then Fluent's original event runs through the
 * pipeline again, which finds the number, renders, stores over the old file and reports. Deliveries
 * already made are not repeated (the outbox).
 */
export async function regenerate(deps: ConsoleActionDeps, operator: Operator, document: ConsoleDocument): Promise<RetryResult> {
  const failure = await originalRequest(deps.db, document);
  await deps.db.query(`UPDATE folio_documents SET storage = NULL, status = 'numbered', updated_at = now() WHERE key = $1 AND status <> 'failed'`, [document.key]);
  return replayFailure(replayDeps(deps), failure, `${actorOf(operator)}, regenerate`);
}

/** Withdraws every link issued so far for the document (410 from then on), audited with who did it. */
export async function revokeLinks(deps: ConsoleActionDeps, operator: Operator, document: ConsoleDocument, reason: string): Promise<void> {
  if (!document.storageKey) throw new ActionRefused('the document has no stored file, so no links were issued');
  await deps.revocations.revoke(document.storageKey, reason);
  await deps.audit.record({ step: 'revoked', documentKey: document.storageKey, entityRef: document.entityRef, tenant: document.tenant, details: { reason, by: actorOf(operator) } });
}

/**
 * Sends the stored document again on the channel the operator chose, to the shopper's current contact
 * in Fluent (the OMS is where an agent corrects a wrong number). `occasion` makes it its own outbox
 * row; submitting the same form twice reuses it, so a double click sends once.
 */
export async function resend(deps: ConsoleActionDeps, operator: Operator, document: ConsoleDocument, channel: ChannelName, occasion: string): Promise<DeliveryResult> {
  const setup = deps.resend;
  if (!setup) throw new ActionRefused('no delivery channel is configured');
  if (!setup.delivery.channels().includes(channel)) throw new ActionRefused(`the ${channel} channel is not configured`);
  if (!document.storageKey || !document.sha256 || document.status === 'failed') throw new ActionRefused('only a stored document can be sent');
  const { event } = await originalEvent(deps.db, document);
  const source = setup.resolveSource(event);
  if (!source) throw new ActionRefused(`Folio makes no document for ${event.entityType} event ${event.name}`);
  const loaded = await source.load(setup.fluent, event);
  const locale = attribute(event, WEBHOOK_ATTRIBUTE.locale) ?? setup.defaults.locale;
  const timeZone = attribute(event, WEBHOOK_ATTRIBUTE.timeZone) ?? setup.defaults.timeZone;
  const model = source.build(loaded, { event, locale, timeZone, now: new Date() });
  const contact = shopperContact(model.buyer, loaded);
  const address = channel === 'email' ? contact.email : channel === 'whatsapp' ? (contact.whatsapp ?? contact.phone) : contact.phone;
  if (!address) throw new ActionRefused(`the shopper has no ${channel === 'email' ? 'e-mail address' : 'phone number'} in Fluent`);
  const fileName = `${document.number}.pdf`;
  const links = setup.links().linksFor({ key: document.storageKey, tenant: document.tenant, fileName });
  const result = await setup.delivery.resend({
    document: { key: document.storageKey, tenant: document.tenant, type: document.entityType, number: document.number, fileName, sha256: document.sha256, entityRef: document.entityRef, ...links, mediaUrl: links.downloadUrl },
    channel,
    address,
    locale: contact.locale ?? model.locale,
    occasion: `console|${occasion}`,
  });
  await deps.audit.record({ step: 'retried', documentKey: document.storageKey, entityRef: document.entityRef, tenant: document.tenant, channel, details: { action: 'resend', by: actorOf(operator), outcome: result.status } });
  return result;
}

/** A fresh occasion for a resend form: one per page view. */
export function newOccasion(): string {
  return randomBytes(12).toString('base64url');
}

function replayDeps(deps: ConsoleActionDeps) {
  return { db: deps.db, queue: deps.queue, audit: deps.audit, ...(deps.queueSchema && { queueSchema: deps.queueSchema }) };
}

interface InboxRow {
  key: string;
  event: unknown;
}

/** The event Fluent sent that asked for this document (not a replay of it). */
async function originalEvent(db: Queryable, document: ConsoleDocument): Promise<{ key: string; event: FluentEvent }> {
  const { rows } = await db.query<InboxRow>(
    `SELECT key, event FROM folio_inbox
      WHERE coalesce(event->>'entityRef', 'id:' || (event->>'entityId')) = $1
        AND event->>'accountId' = $2 AND event->>'retailerId' = $3 AND event->>'entityType' = $4
        AND position('|retry|' in key) = 0
      ORDER BY received_at DESC LIMIT 1`,
    [document.entityRef, document.accountId, document.retailerId, document.entityType],
  );
  const row = rows[0];
  if (!row) throw new ActionRefused(`the event that asked for ${document.entityRef} is no longer in the inbox`);
  return { key: row.key, event: fluentEventSchema.parse(row.event) };
}

async function originalRequest(db: Queryable, document: ConsoleDocument): Promise<Failure> {
  const { key, event } = await originalEvent(db, document);
  return { tenant: document.tenant, entityRef: document.entityRef, entityType: document.entityType, documentKey: document.key, reason: 'regenerate', failedAt: new Date(), eventId: event.id, inboxKey: key, reportedToFluent: true };
}

function attribute(event: FluentEvent, name: string): string | undefined {
  const value = event.attributes[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
