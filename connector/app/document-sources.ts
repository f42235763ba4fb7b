import type { FolioConfig } from '../config.ts';
import type { DocumentSourceResolver } from '../core/ports/document-source.ts';
import { customDocumentSource } from './custom-documents.ts';
import type { DocumentDeclaration } from './document-declaration.ts';
import { routeDocuments } from './document-routing.ts';
import { builtInDocumentTypes, type SourceSettings } from './document-types.ts';

/** SourceSettings from the connector's configuration, parsed and checked at start-up (connector/config/documents.ts). */
export function sourceSettingsFromConfig(config: FolioConfig): SourceSettings {
  return {
    seller: config.FOLIO_SELLER,
    refundPolicy: config.FOLIO_REFUND_POLICY,
    packageInvoices: config.FOLIO_PACKAGE_INVOICE_CONFIG,
    invoiceLinkedPackages: config.FOLIO_PACKAGE_INVOICES,
    ...(config.FOLIO_SHIPPING_TAX_TYPE && { shippingTaxType: config.FOLIO_SHIPPING_TAX_TYPE }),
    shipmentNotePrices: config.FOLIO_SHIPMENT_NOTE_PRICES,
    customDocuments: config.FOLIO_CUSTOM_DOCUMENTS_DIR.documents,
  };
}

/**
 * The document sources of this connector: the built-in document types, one per configured custom
 * document, and any `extra` declarations (a document type added in code, or by a test), routed by
 * what each declaration says about itself.
 */
export function createDocumentSources(settings: SourceSettings, extra: readonly DocumentDeclaration<unknown>[] = []): DocumentSourceResolver {
  const customs = (settings.customDocuments ?? []).map((document) => customDocumentSource(document, settings.seller));
  return routeDocuments([...builtInDocumentTypes(settings), ...customs, ...extra]);
}
