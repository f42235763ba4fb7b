import type { DocumentType } from './document-model.ts';
import type { FluentEvent } from '../fluent/event-model.ts';

/**
 * A document's identity: one document per Fluent entity and document type, per account. Replays
 * and retries of any event about the same entity find the same record, number and file.
 */
export function documentKey(event: FluentEvent, kind: DocumentType | `custom:${string}`): string {
  return `${event.accountId}|${event.retailerId}|${kind}|${event.entityType}|${entityRefOf(event)}`;
}

/** How Folio names the event's entity in keys and the audit trail: its ref, else `id:<entityId>`. */
export function entityRefOf(event: Pick<FluentEvent, 'entityRef' | 'entityId'>): string {
  return event.entityRef ?? `id:${event.entityId}`;
}

/** The tenant a document belongs to, checked again when a link is opened. */
export function tenantOf(event: Pick<FluentEvent, 'accountId' | 'retailerId'>): string {
  return `${event.accountId}:${event.retailerId}`;
}

/** The tenant that owns a stored file: its key starts with account/retailer (see storageKey). */
export function tenantOfStorageKey(key: string): string | undefined {
  const [account, retailer] = key.split('/');
  return account && retailer ? `${account}:${retailer}` : undefined;
}

/** Safe, readable storage key: account/retailer/type/number.pdf. */
export function storageKey(event: FluentEvent, kind: string, number: string): string {
  const safe = (part: string) => part.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe(event.accountId)}/${safe(event.retailerId)}/${safe(kind)}/${safe(number)}.pdf`;
}

/** What a built document is, for storage paths, number series and reports: `custom:<name>` or its type. */
export function documentKind(document: { type: DocumentType; customName?: string | undefined }): DocumentType | `custom:${string}` {
  return document.type === 'custom' && document.customName ? `custom:${document.customName}` : document.type;
}
