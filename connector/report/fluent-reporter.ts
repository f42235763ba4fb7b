import { ATTRIBUTE, DOCUMENT_FAILED_EVENT, DOCUMENT_GENERATED_EVENT } from '../fluent/contract.ts';
import type { EventApiRequest, FluentEvent } from '../fluent/event-model.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import type { DocumentReporter, GeneratedDocument } from '../core/ports/document-reporter.ts';

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
      ...(document.refundPlan && { [ATTRIBUTE.refundPlan]: document.refundPlan }),
      ...(document.einvoices && { [ATTRIBUTE.einvoices]: document.einvoices }),
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

/** The DocumentReporter port over Fluent's Event API: every report is an event on the entity asked about. */
export function fluentReporter(fluent: FluentClient): DocumentReporter {
  return {
    generated: (source, document) => reportGenerated(fluent, source, document),
    // The delivery rides on the generated event again: attributes are upserted by name on Fluent's side.
    delivery: (source, document) => reportGenerated(fluent, source, document),
    failed: (source, reason, failedOn) => reportFailed(fluent, source, reason, failedOn),
  };
}
