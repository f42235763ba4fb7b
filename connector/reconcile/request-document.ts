import { createHash } from 'node:crypto';
import { DOCUMENT_REQUESTED_EVENT } from '../fluent/contract.ts';
import { fluentEventSchema, type FluentEvent } from '../fluent/event-model.ts';
import type { AcceptResult, JobQueue } from '../core/ports/job-queue.ts';
import type { BillingEntity } from './billing-entity.ts';

/** Who made a request Folio made itself: the inbox row's verifiedBy and the event's source. */
export type Requester = 'folio-sweep' | 'folio-backfill';

/**
 * The id of Folio's own request for an entity in the state Fluent shows it in: the same entity, not
 * changed since, always gets the same id, so a second sweep, a sweep racing a backfill, or the same
 * command run twice finds the inbox row taken (a duplicate) and queues nothing. A later episode (the
 * entity was regenerated and got stuck again) has a new updatedOn, so it can be asked for once more.
 * A late real webhook carries Fluent's own id: its job finds the document by its key
 * (core/document-key.ts) and makes no second document and no second number.
 */
export function requestEventId(accountId: string, entity: BillingEntity): string {
  const digest = createHash('sha256').update(`${accountId}|${entity.entityType}|${entity.id}|${entity.updatedOn ?? ''}`).digest('hex').slice(0, 32);
  return `folio-request-${digest}`;
}

/**
 * The event Fluent's CREATE ruleset would have sent (core.SendWebhook: the triggering entity and its
 * root, the setting's event name), for an entity whose webhook never reached Folio.
 */
export function requestEvent(target: { accountId: string; retailerId: string }, entity: BillingEntity, requester: Requester): FluentEvent {
  return fluentEventSchema.parse({
    id: requestEventId(target.accountId, entity),
    name: DOCUMENT_REQUESTED_EVENT,
    accountId: target.accountId,
    retailerId: target.retailerId,
    entityId: entity.id,
    entityRef: entity.ref,
    entityType: entity.entityType,
    ...(entity.subtype && { entitySubtype: entity.subtype }),
    entityStatus: entity.status,
    ...(entity.root && { rootEntityType: 'BILLING_ACCOUNT', rootEntityId: entity.root.id, rootEntityRef: entity.root.ref }),
    type: 'NORMAL',
    source: requester,
    attributes: {},
  });
}

/**
 * The one way Folio asks for a document itself: commits the request into its own durable inbox, as if
 * the webhook had arrived, and the normal pipeline takes it from there (its FolioDocumentGenerated
 * event moves the entity on in Fluent). The inbox key is the webhook's (account|event id). Its `received`
 * audit step, with verifiedBy naming the requester, is written as for a webhook (audit/record-received.ts).
 */
export function commitRequest(queue: Pick<JobQueue, 'accept'>, target: { accountId: string; retailerId: string }, entity: BillingEntity, requester: Requester): Promise<AcceptResult & { key: string }> {
  const event = requestEvent(target, entity, requester);
  const key = `${event.accountId}|${event.id}`;
  return queue.accept({ key, event, rawBody: JSON.stringify(event), verifiedBy: requester }).then((result) => ({ ...result, key }));
}
