import type { AuditSink } from '../audit/audit-event.ts';
import type { DocumentModel, DocumentType } from '../build/document-model.ts';
import type { DeliverableDocument } from '../deliver/channel.ts';
import type { DeliveryResult } from '../deliver/deliver-document.ts';
import type { ShopperContact } from '../deliver/channel-plan.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import type { FluentClient } from '../fetch/fluent-client.ts';
import type { PdfRenderer } from '../render/renderer.ts';
import type { DocumentStore, StoredObject } from '../store/document-store.ts';

/**
 * The small interfaces the document pipeline depends on. Each has one real adapter, wired in
 * connector/app/start-connector.ts; the use case never sees a database, HTTP or Chromium directly.
 */

/**
 * Fetch + build for one kind of document: load the Fluent data, then build the model (pure). Generic
 * over what it loads, so a declaration's load and build agree (connector/app/document-declaration.ts).
 */
export interface DocumentSource<Loaded = unknown> {
  type: DocumentType;
  /**
   * Tells apart documents of one type on one entity, and so their records and number series
   * (`custom:<name>`); the type by default.
   */
  name?: `custom:${string}`;
  /** Template to render with instead of the type's own (custom documents name theirs). */
  template?: string;
  load(fluent: FluentClient, event: FluentEvent): Promise<Loaded>;
  // A method (not a function property): a DocumentSource<X> then serves as a DocumentSource, which is
  // safe because the pipeline hands build only what the same source's load returned.
  build(loaded: Loaded, context: BuildContext): DocumentModel;
}

export interface BuildContext {
  event: FluentEvent;
  locale: string;
  timeZone: string;
  now: Date;
}

/** Picks the document source for an event, or undefined when Folio makes no document for it. */
export type DocumentSourceResolver = (event: FluentEvent) => DocumentSource | undefined;

export interface DocumentRecord {
  key: string;
  number: string;
  status: 'numbered' | 'stored' | 'reported' | 'failed';
  sha256?: string;
  stored?: StoredObject;
  templateVersion?: string;
}

/** Document records with gap-free numbering: assign() is idempotent per document key. */
export interface DocumentRecords {
  find(key: string): Promise<DocumentRecord | undefined>;
  /** Returns the document's number, allocating the next one of its series on first call. */
  assignNumber(key: string, document: DocumentModel): Promise<string>;
  markStored(key: string, stored: StoredObject, templateVersion: string): Promise<void>;
  markReported(key: string): Promise<void>;
  markFailed(key: string, reason: string): Promise<void>;
}

export interface HtmlRenderer {
  render(document: DocumentModel, options?: { template?: string }): { html: string; templateVersion: string };
}

export interface LinkIssuer {
  linksFor(document: { key: string; tenant: string; fileName: string }): { viewUrl: string; downloadUrl: string };
}

/** Sends a stored document to the shopper, at most once per channel and recipient (the outbox). */
export interface DocumentDelivery {
  deliver(input: {
    document: DeliverableDocument;
    shopper: ShopperContact;
    locale: string;
    retailer: string;
    documentType: string;
  }): Promise<DeliveryResult>;
  close(): Promise<void>;
}

export interface PipelineDeps {
  fluent: FluentClient;
  resolveSource: DocumentSourceResolver;
  records: DocumentRecords;
  html: HtmlRenderer;
  pdf: PdfRenderer;
  store: DocumentStore;
  links: LinkIssuer;
  audit: AuditSink;
  /** Absent when no channel is configured: the document is then only linked from Fluent. */
  delivery?: DocumentDelivery;
  defaults: { locale: string; timeZone: string };
  now?: () => Date;
}
