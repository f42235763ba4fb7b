import type { SellerConfig } from '../compose/context.ts';
import { buildCreditNote, creditNoteRefunds } from '../compose/credit-note.ts';
import { buildDebitNote } from '../compose/debit-note.ts';
import type { DocumentModel } from '../core/document-model.ts';
import type { TaxType } from '../core/fluent-data/fluent-types.ts';
import type { InvoiceData, PackageInvoiceData } from '../core/fluent-data/document-data.ts';
import { buildInvoice } from '../compose/invoice.ts';
import { buildOrderConfirmation } from '../compose/order-confirmation.ts';
import { buildPackageInvoice, packageInvoiceConfigSchema, type PackageInvoiceConfig } from '../compose/package-invoice.ts';
import { buildPaymentReceipt } from '../compose/payment-receipt.ts';
import { DEFAULT_REFUND_POLICY, type RefundPolicy } from '../compose/refunds.ts';
import { buildReturnConfirmation, returnConfirmationRefunds } from '../compose/return-confirmation.ts';
import { buildShipmentNote } from '../compose/shipment-note.ts';
import { loadCreditNote } from '../fetch/load-credit-note.ts';
import { loadDebitNote, loadInvoiceDocument } from '../fetch/load-invoice-document.ts';
import { loadOrder } from '../fetch/load-order.ts';
import { loadPackageInvoiceForFulfilment } from '../fetch/load-package-invoice.ts';
import { loadPaymentReceipt } from '../fetch/load-payment-receipt.ts';
import { loadReturnConfirmation } from '../fetch/load-return-confirmation.ts';
import { loadShipmentNote } from '../fetch/load-shipment-note.ts';
import type { BuildContext } from '../core/ports/document-source.ts';
import type { CustomDocument } from './custom-documents.ts';
import { defineDocumentSource, documentContextOf, type DocumentDeclaration } from './document-declaration.ts';
import { rememberRefundPlan } from './refund-plan-reports.ts';

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

const DEFAULT_PACKAGE_CONFIG = packageInvoiceConfigSchema.parse({});

/** An invoice linked to a package is still the INVOICE's document: numbered and reported against it. */
function asInvoiceDocument(model: DocumentModel, invoice: InvoiceData['invoice']): DocumentModel {
  return {
    ...model,
    source: { ...model.source, entityType: 'INVOICE', entityRef: invoice.ref, entityId: invoice.id },
    references: [{ label: 'Reference', value: invoice.ref }, ...model.references],
  };
}

/**
 * The built-in document types, one declaration each: the type → (load, build, template, series)
 * table. Routing (document-routing.ts) reads only the declarations' own fields.
 */
export function builtInDocumentTypes(settings: SourceSettings): DocumentDeclaration<unknown>[] {
  const policy = settings.refundPolicy ?? DEFAULT_REFUND_POLICY;
  const packages = settings.packageInvoices ?? DEFAULT_PACKAGE_CONFIG;
  const ctx = (context: BuildContext) => documentContextOf(settings.seller, context);
  const shipping = settings.shippingTaxType ? { shippingTaxType: settings.shippingTaxType } : {};
  // The policy decides shipping and the COD fee; the fee an order was charged is the package invoices' one.
  const refundOptions = { policy, codFeeMinor: packages.codFeePerPackageMinor, codTenders: packages.codTenders };
  const packageInvoice = (loaded: PackageInvoiceData, context: BuildContext) => buildPackageInvoice({ ...ctx(context), ...loaded, config: packages, ...shipping });
  return [
    defineDocumentSource({
      type: 'invoice',
      requestedAs: ['INVOICE'],
      // One Fluent Invoice is an invoice, a debit note or a package's invoice: the loader decides which.
      defaultFor: ['INVOICE'],
      load: (fluent, event) => loadInvoiceDocument(fluent, event, { packageInvoices: settings.invoiceLinkedPackages ?? false }),
      build: (loaded, context) => {
        if (loaded.kind === 'package_invoice') return asInvoiceDocument(packageInvoice(loaded.package, context), loaded.invoice.invoice);
        const build = loaded.kind === 'debit_note' ? buildDebitNote : buildInvoice;
        return build({ ...loaded.invoice, ...ctx(context) });
      },
    }),
    defineDocumentSource({
      type: 'invoice',
      requestedAs: ['PACKAGE_INVOICE'],
      madeFrom: ['FULFILMENT'],
      load: loadPackageInvoiceForFulfilment,
      build: packageInvoice,
    }),
    defineDocumentSource({ type: 'debit_note', requestedAs: ['DEBIT_NOTE'], load: loadDebitNote, build: (loaded, context) => buildDebitNote({ ...loaded, ...ctx(context) }) }),
    defineDocumentSource({
      type: 'credit_note',
      requestedAs: ['CREDIT_NOTE'],
      defaultFor: ['CREDIT_MEMO'],
      load: loadCreditNote,
      build: (loaded, context) => buildCreditNote({ ...loaded, refundPlan: rememberRefundPlan(context.event, creditNoteRefunds(loaded, refundOptions)), ...ctx(context) }),
    }),
    defineDocumentSource({
      type: 'order_confirmation',
      requestedAs: ['ORDER_CONFIRMATION'],
      defaultFor: ['ORDER'],
      load: loadOrder,
      build: (loaded, context) => buildOrderConfirmation({ ...loaded, ...ctx(context), ...shipping }),
    }),
    defineDocumentSource({
      type: 'payment_receipt',
      requestedAs: ['PAYMENT_RECEIPT'],
      defaultFor: ['FINANCIAL_TRANSACTION', 'PAYMENT'],
      load: loadPaymentReceipt,
      build: (loaded, context) => buildPaymentReceipt({ ...loaded, ...ctx(context), ...shipping }),
    }),
    defineDocumentSource({
      type: 'shipment_note',
      requestedAs: ['SHIPMENT_NOTE'],
      defaultFor: ['FULFILMENT'],
      load: loadShipmentNote,
      build: (loaded, context) => buildShipmentNote({ ...loaded, ...ctx(context), showPrices: settings.shipmentNotePrices ?? false }),
    }),
    defineDocumentSource({
      type: 'return_confirmation',
      requestedAs: ['RETURN_CONFIRMATION'],
      defaultFor: ['RETURN_ORDER'],
      load: loadReturnConfirmation,
      build: (loaded, context) => buildReturnConfirmation({ ...loaded, refundPlan: rememberRefundPlan(context.event, returnConfirmationRefunds(loaded, refundOptions)), ...ctx(context) }),
    }),
  ];
}
