import type { SellerConfig } from '../build/context.ts';
import { documentTypeSchema, type DocumentType } from '../build/document-model.ts';
import { buildInvoice } from '../build/invoice.ts';
import { loadInvoice, type LoadedInvoice } from '../fetch/load-invoice.ts';
import { WEBHOOK_ATTRIBUTE } from '../fluent/contract.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../pipeline/outcome.ts';
import type { BuildContext, DocumentSource, DocumentSourceResolver } from '../pipeline/ports.ts';

export interface SourceSettings {
  seller: SellerConfig;
}

/** The document a Fluent entity type yields when the webhook does not name one. */
const DEFAULT_TYPE_BY_ENTITY: Record<string, DocumentType> = {
  INVOICE: 'invoice',
};

function origin(event: FluentEvent) {
  return {
    accountId: event.accountId,
    retailerId: event.retailerId,
    ...(event.entityId !== undefined && { entityId: event.entityId }),
    ...(event.rootEntityType !== undefined && { rootEntityType: event.rootEntityType }),
    ...(event.rootEntityRef !== undefined && { rootEntityRef: event.rootEntityRef }),
  };
}

function invoiceSource(settings: SourceSettings): DocumentSource {
  return {
    type: 'invoice',
    load: loadInvoice,
    build: (loaded: unknown, context: BuildContext) =>
      buildInvoice({ ...(loaded as LoadedInvoice), seller: settings.seller, locale: context.locale, timeZone: context.timeZone, origin: origin(context.event) }),
  };
}

/**
 * Picks the document for an event: the webhook's documentType attribute (the rule plugin sets it,
 * e.g. "CREDIT_NOTE") or else the entity type's default. A type Folio knows but is not configured
 * for is bad configuration; an entity type with no document is nothing to do.
 */
export function createDocumentSources(settings: SourceSettings): DocumentSourceResolver {
  const sources = new Map<DocumentType, DocumentSource>([['invoice', invoiceSource(settings)]]);
  return (event) => {
    const named = event.attributes[WEBHOOK_ATTRIBUTE.documentType];
    if (typeof named === 'string' && named.length > 0) {
      const type = documentTypeSchema.safeParse(named.toLowerCase());
      if (!type.success) throw new PermanentError(`unknown documentType "${named}"; expected one of ${documentTypeSchema.options.join(', ')}`);
      const source = sources.get(type.data);
      if (!source) throw new PermanentError(`documentType ${type.data} is not enabled in this connector`);
      return source;
    }
    const type = DEFAULT_TYPE_BY_ENTITY[event.entityType];
    return type ? sources.get(type) : undefined;
  };
}
