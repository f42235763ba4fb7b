import type { DocumentContext, SellerConfig } from '../compose/context.ts';
import type { BuildContext, DocumentSource } from '../core/ports/document-source.ts';

/**
 * One document type, declared once: how to load its data, how to build it, its template and number
 * series (its name), and which webhooks ask for it. The table (document-types.ts) lists the built-in
 * ones, custom-documents.ts makes one per configured custom document, and routing (document-routing.ts)
 * picks one per event from these fields alone, so a new type needs no edit anywhere else.
 */
export interface DocumentDeclaration<Loaded> extends DocumentSource<Loaded> {
  /** The webhook's documentType values that ask for it (case-insensitive; `CUSTOM:<name>` for custom names). */
  requestedAs: readonly string[];
  /** Entity types whose events get this document when the webhook names none. */
  defaultFor?: readonly string[];
  /** The event (on an entity type) that asks for it when the webhook names no documentType. */
  trigger?: { entityType: string; event: string };
  /** The only entity types it can be made from; asked for on another, the event fails for good. */
  madeFrom?: readonly string[];
}

/**
 * Declares a document type. The generic ties build's input to load's output: the loaded data reaches
 * the builder typed, with no cast, and a loader and builder that disagree do not compile.
 */
export function defineDocumentSource<Loaded>(declaration: DocumentDeclaration<Loaded>): DocumentDeclaration<Loaded> {
  return declaration;
}

/** What every builder gets besides its data: the seller, locale and time zone, and where the request came from. */
export function documentContextOf(seller: SellerConfig, context: BuildContext): DocumentContext {
  const { event } = context;
  return {
    seller,
    locale: context.locale,
    timeZone: context.timeZone,
    origin: {
      accountId: event.accountId,
      retailerId: event.retailerId,
      ...(event.entityId !== undefined && { entityId: event.entityId }),
      ...(event.rootEntityType !== undefined && { rootEntityType: event.rootEntityType }),
      ...(event.rootEntityRef !== undefined && { rootEntityRef: event.rootEntityRef }),
    },
  };
}
