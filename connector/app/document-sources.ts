import { z } from 'zod';
import { sellerConfigSchema, type SellerConfig } from '../build/context.ts';
import type { FolioConfig } from '../config.ts';
import { buildCreditNote } from '../build/credit-note.ts';
import { buildDebitNote } from '../build/debit-note.ts';
import { documentTypeSchema, type DocumentModel, type DocumentType } from '../build/document-model.ts';
import { buildInvoice } from '../build/invoice.ts';
import { buildOrderConfirmation } from '../build/order-confirmation.ts';
import { buildPackageInvoice } from '../build/package-invoice.ts';
import { buildPaymentReceipt } from '../build/payment-receipt.ts';
import { DEFAULT_REFUND_POLICY, refundPolicySchema, type RefundPolicy } from '../build/refunds.ts';
import { buildReturnConfirmation } from '../build/return-confirmation.ts';
import { buildShipmentNote } from '../build/shipment-note.ts';
import { loadCreditNote, type LoadedCreditNote } from '../fetch/load-credit-note.ts';
import { loadDebitNote, loadInvoiceDocument, type LoadedInvoiceDocument } from '../fetch/load-invoice-document.ts';
import type { LoadedInvoice } from '../fetch/load-invoice.ts';
import { loadOrder, type LoadedOrder } from '../fetch/load-order.ts';
import { loadPackageInvoiceForFulfilment, type LoadedPackageInvoice } from '../fetch/load-package-invoice.ts';
import { loadPaymentReceipt, type LoadedPaymentReceipt } from '../fetch/load-payment-receipt.ts';
import { loadReturnConfirmation, type LoadedReturnConfirmation } from '../fetch/load-return-confirmation.ts';
import { loadShipmentNote, type LoadedShipmentNote } from '../fetch/load-shipment-note.ts';
import { taxTypeSchema, type TaxType } from '../fetch/queries/common.ts';
import { packageInvoiceConfigSchema, type PackageInvoiceConfig } from '../fetch/queries/package-invoice.ts';
import { WEBHOOK_ATTRIBUTE } from '../fluent/contract.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../pipeline/outcome.ts';
import type { BuildContext, DocumentSource, DocumentSourceResolver } from '../pipeline/ports.ts';
import { customDocumentSource, customNameOf, loadCustomDocuments, findCustomByName, findCustomByTrigger, type CustomDocument } from './custom-documents.ts';

/** Configuration the sources need; everything but the seller has a default (see sourceSettingsFromConfig). */
export interface SourceSettings {
  seller: SellerConfig;
  /** How refunds go back by tender (credit notes, return confirmations). Default DEFAULT_REFUND_POLICY. */
  refundPolicy?: RefundPolicy;
  /** Shipping split and COD fee of package invoices (PACKAGE_INVOICE requests on a FULFILMENT). */
  packageInvoices?: PackageInvoiceConfig;
  /**
   * Also invoice an INVOICE linked to a fulfilment as that package. Off by default: Invoice.fulfilment
   * is newer than the 2020 SDL, so the query would fail on an older Fluent.
   */
  invoiceLinkedPackages?: boolean;
  /** Tax type of shipping and fees when the items have several rates. */
  shippingTaxType?: TaxType;
  /** Prices on shipment notes (delivery notes usually have none). */
  shipmentNotePrices?: boolean;
  customDocuments?: readonly CustomDocument[];
}

/** A JSON setting from the environment, checked; an error names the variable. */
function jsonSetting<S extends z.ZodType>(name: string, text: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not JSON: ${text}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${name} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** SourceSettings from the connector's configuration; custom documents are read from their folder here, once. */
export function sourceSettingsFromConfig(config: FolioConfig): SourceSettings {
  return {
    seller: jsonSetting('FOLIO_SELLER', config.FOLIO_SELLER, sellerConfigSchema),
    refundPolicy: jsonSetting('FOLIO_REFUND_POLICY', config.FOLIO_REFUND_POLICY, refundPolicySchema),
    packageInvoices: jsonSetting('FOLIO_PACKAGE_INVOICE_CONFIG', config.FOLIO_PACKAGE_INVOICE_CONFIG, packageInvoiceConfigSchema),
    invoiceLinkedPackages: config.FOLIO_PACKAGE_INVOICES === 'on',
    ...(config.FOLIO_SHIPPING_TAX_TYPE && { shippingTaxType: jsonSetting('FOLIO_SHIPPING_TAX_TYPE', config.FOLIO_SHIPPING_TAX_TYPE, taxTypeSchema) }),
    shipmentNotePrices: config.FOLIO_SHIPMENT_NOTE_PRICES === 'on',
    customDocuments: loadCustomDocuments(config.FOLIO_CUSTOM_DOCUMENTS_DIR),
  };
}

/** The document a Fluent entity type yields when the webhook does not name one (and no custom trigger matches). */
const DEFAULT_TYPE_BY_ENTITY: Record<string, DocumentType> = {
  INVOICE: 'invoice',
  CREDIT_MEMO: 'credit_note',
  ORDER: 'order_confirmation',
  FULFILMENT: 'shipment_note',
  RETURN_ORDER: 'return_confirmation',
  FINANCIAL_TRANSACTION: 'payment_receipt',
  PAYMENT: 'payment_receipt',
};

const DEFAULT_PACKAGE_CONFIG = packageInvoiceConfigSchema.parse({});

/** A documentType that is not a DocumentType: one invoice per package, from a FULFILMENT event. */
const PACKAGE_INVOICE = 'PACKAGE_INVOICE';

function contextOf(settings: SourceSettings, context: BuildContext) {
  const { event } = context;
  return {
    seller: settings.seller,
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

function packageInvoice(settings: SourceSettings, config: PackageInvoiceConfig, loaded: LoadedPackageInvoice, context: BuildContext): DocumentModel {
  return buildPackageInvoice({ ...contextOf(settings, context), ...loaded, config, ...(settings.shippingTaxType && { shippingTaxType: settings.shippingTaxType }) });
}

/** An invoice linked to a package is still the INVOICE's document: numbered and reported against it. */
function asInvoiceDocument(model: DocumentModel, invoice: LoadedInvoice['invoice']): DocumentModel {
  return {
    ...model,
    source: { ...model.source, entityType: 'INVOICE', entityRef: invoice.ref, entityId: invoice.id },
    references: [{ label: 'Reference', value: invoice.ref }, ...model.references],
  };
}

function sourcesFor(settings: SourceSettings): Map<DocumentType, DocumentSource> {
  const policy = settings.refundPolicy ?? DEFAULT_REFUND_POLICY;
  const packages = settings.packageInvoices ?? DEFAULT_PACKAGE_CONFIG;
  const ctx = (context: BuildContext) => contextOf(settings, context);
  const shipping = settings.shippingTaxType ? { shippingTaxType: settings.shippingTaxType } : {};
  const list: DocumentSource[] = [
    {
      type: 'invoice',
      load: (fluent, event) => loadInvoiceDocument(fluent, event, { packageInvoices: settings.invoiceLinkedPackages ?? false }),
      build: (loaded, context) => {
        const document = loaded as LoadedInvoiceDocument;
        if (document.kind === 'package_invoice') return asInvoiceDocument(packageInvoice(settings, packages, document.package, context), document.invoice.invoice);
        const build = document.kind === 'debit_note' ? buildDebitNote : buildInvoice;
        return build({ ...document.invoice, ...ctx(context) });
      },
    },
    { type: 'debit_note', load: loadDebitNote, build: (loaded, context) => buildDebitNote({ ...(loaded as LoadedInvoice), ...ctx(context) }) },
    {
      type: 'credit_note',
      load: (fluent, event) => loadCreditNote(fluent, event, policy),
      build: (loaded, context) => buildCreditNote({ ...(loaded as LoadedCreditNote), ...ctx(context) }),
    },
    { type: 'order_confirmation', load: loadOrder, build: (loaded, context) => buildOrderConfirmation({ ...(loaded as LoadedOrder), ...ctx(context), ...shipping }) },
    { type: 'payment_receipt', load: loadPaymentReceipt, build: (loaded, context) => buildPaymentReceipt({ ...(loaded as LoadedPaymentReceipt), ...ctx(context), ...shipping }) },
    {
      type: 'shipment_note',
      load: loadShipmentNote,
      build: (loaded, context) => buildShipmentNote({ ...(loaded as LoadedShipmentNote), ...ctx(context), showPrices: settings.shipmentNotePrices ?? false }),
    },
    {
      type: 'return_confirmation',
      load: (fluent, event) => loadReturnConfirmation(fluent, event, policy),
      build: (loaded, context) => buildReturnConfirmation({ ...(loaded as LoadedReturnConfirmation), ...ctx(context) }),
    },
  ];
  return new Map(list.map((source) => [source.type, source]));
}

function packageInvoiceSource(settings: SourceSettings, config: PackageInvoiceConfig): DocumentSource {
  return { type: 'invoice', load: loadPackageInvoiceForFulfilment, build: (loaded, context) => packageInvoice(settings, config, loaded as LoadedPackageInvoice, context) };
}

/**
 * Picks the document for an event, in this order:
 * 1. the webhook's documentType attribute (the rule plugin sets it): a document type ("CREDIT_NOTE"),
 *    PACKAGE_INVOICE, or CUSTOM:<name> / CUSTOM_<NAME>;
 * 2. a custom document whose trigger is this entity type and webhook event name;
 * 3. the entity type's default (INVOICE → invoice, debit note or package invoice by the invoice itself).
 * A document Folio knows but is not configured for is bad configuration; an entity type with no
 * document is nothing to do.
 */
export function createDocumentSources(settings: SourceSettings): DocumentSourceResolver {
  const sources = sourcesFor(settings);
  const customs = settings.customDocuments ?? [];
  const customSources = new Map(customs.map((d) => [d, customDocumentSource(d, settings.seller)]));
  const byPackage = packageInvoiceSource(settings, settings.packageInvoices ?? DEFAULT_PACKAGE_CONFIG);

  function named(event: FluentEvent, documentType: string): DocumentSource {
    const customName = customNameOf(documentType);
    if (customName !== undefined) {
      const custom = findCustomByName(customs, customName);
      if (!custom) throw new PermanentError(`no custom document named "${customName}" is declared (declared: ${customs.map((d) => d.config.name).join(', ') || 'none'})`);
      return customSources.get(custom)!;
    }
    if (documentType.toUpperCase() === PACKAGE_INVOICE) {
      if (event.entityType !== 'FULFILMENT') throw new PermanentError(`a package invoice is made from a FULFILMENT event, not ${event.entityType}`);
      return byPackage;
    }
    const type = documentTypeSchema.safeParse(documentType.toLowerCase());
    if (!type.success) throw new PermanentError(`unknown documentType "${documentType}"; expected one of ${[...documentTypeSchema.options.filter((t) => t !== 'custom'), 'package_invoice', 'custom:<name>'].join(', ')}`);
    const source = sources.get(type.data);
    if (!source) throw new PermanentError(`documentType ${type.data} needs a name (CUSTOM:<name>)`);
    return source;
  }

  return (event) => {
    const documentType = event.attributes[WEBHOOK_ATTRIBUTE.documentType];
    if (typeof documentType === 'string' && documentType.length > 0) return named(event, documentType);
    const triggered = findCustomByTrigger(customs, event);
    if (triggered) return customSources.get(triggered);
    const type = DEFAULT_TYPE_BY_ENTITY[event.entityType];
    return type ? sources.get(type) : undefined;
  };
}
