import { ATTRIBUTE, DOCUMENT_FAILED_EVENT, DOCUMENT_GENERATED_EVENT } from '../fluent/contract.ts';
import type { EventApiRequest, FluentEvent } from '../fluent/event-model.ts';
import type { FluentClient } from '../fetch/fluent-client.ts';
import type { StorageLocation } from '../store/document-store.ts';

/** How the document reached the shopper, written onto the entity for support agents. */
export interface DeliveryReport {
  /** unconfirmed: handed to the provider, whose answer was lost in a crash; not sent again. */
  status: 'sent' | 'unconfirmed' | 'failed';
  channel?: string;
  at: string;
}

export interface GeneratedDocument {
  documentType: string;
  number: string;
  viewUrl: string;
  downloadUrl: string;
  fileName: string;
  storage: StorageLocation;
  sha256: string;
  generatedOn: string;
  delivery?: DeliveryReport;
}

/** Longest failure reason we send: Fluent attributes are for people, not stack traces. */
const MAX_REASON_LENGTH = 1000;

/** The event back to Fluent addresses the same entity and root as the webhook that asked for the document. */
function replyTo(source: FluentEvent, name: string, attributes: Record<string, unknown>): EventApiRequest {
  return {
    name,
    retailerId: source.retailerId,
    entityType: source.entityType,
    ...(source.entityId !== undefined && { entityId: source.entityId }),
    ...(source.entityRef !== undefined && { entityRef: source.entityRef }),
    ...(source.entitySubtype !== undefined && { entitySubtype: source.entitySubtype }),
    ...(source.rootEntityType !== undefined && { rootEntityType: source.rootEntityType }),
    ...(source.rootEntityId !== undefined && { rootEntityId: source.rootEntityId }),
    ...(source.rootEntityRef !== undefined && { rootEntityRef: source.rootEntityRef }),
    source: source.id,
    attributes,
  };
}

export async function reportGenerated(fluent: FluentClient, source: FluentEvent, document: GeneratedDocument): Promise<{ id?: string }> {
  return fluent.postEvent(
    replyTo(source, DOCUMENT_GENERATED_EVENT, {
      [ATTRIBUTE.documentType]: document.documentType,
      [ATTRIBUTE.documentNumber]: document.number,
      [ATTRIBUTE.viewUrl]: document.viewUrl,
      [ATTRIBUTE.downloadUrl]: document.downloadUrl,
      [ATTRIBUTE.fileName]: document.fileName,
      [ATTRIBUTE.storage]: document.storage,
      [ATTRIBUTE.sha256]: document.sha256,
      [ATTRIBUTE.generatedOn]: document.generatedOn,
      ...(document.delivery && {
        [ATTRIBUTE.deliveryStatus]: document.delivery.status,
        [ATTRIBUTE.deliveredOn]: document.delivery.at,
        ...(document.delivery.channel && { [ATTRIBUTE.deliveredVia]: document.delivery.channel }),
      }),
    }),
  );
}

export async function reportFailed(fluent: FluentClient, source: FluentEvent, reason: string, failedOn: string): Promise<{ id?: string }> {
  const trimmed = reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH)}…` : reason;
  return fluent.postEvent(replyTo(source, DOCUMENT_FAILED_EVENT, { [ATTRIBUTE.failureReason]: trimmed, [ATTRIBUTE.failedOn]: failedOn }));
}
