import type { DocumentModel, DocumentType } from '../document-model.ts';
import type { FluentEvent } from '../../fluent/event-model.ts';
import type { FluentClient } from './fluent-client.ts';

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
