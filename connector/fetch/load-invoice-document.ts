import type { InvoiceData, PackageInvoiceData } from '../core/fluent-data/document-data.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../core/errors.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { loadInvoice } from './load-invoice.ts';
import { invoiceFulfilmentLink, loadPackageInvoice } from './load-package-invoice.ts';

/**
 * Fluent has one Invoice entity for several documents. This is the one place that decides which:
 * - a debit type (extra charges, shipping, price corrections raised as an invoice) → debit note;
 * - with per-package invoicing on, an invoice linked to a fulfilment → that package's invoice;
 * - anything else → invoice.
 * The webhook cannot say which (core.SendWebhook sends no documentType and the event's subtype is the
 * billing account's), so the invoice is loaded first.
 */
export const DEBIT_INVOICE_TYPES: readonly string[] = ['DEBIT_MEMO', 'DEBIT_NOTE', 'DEBIT'];

export function isDebitInvoiceType(type: string | null | undefined): boolean {
  return DEBIT_INVOICE_TYPES.includes((type ?? '').trim().toUpperCase());
}

export type InvoiceDocumentData =
  | { kind: 'invoice'; invoice: InvoiceData }
  | { kind: 'debit_note'; invoice: InvoiceData }
  | { kind: 'package_invoice'; invoice: InvoiceData; package: PackageInvoiceData };

export async function loadInvoiceDocument(fluent: FluentClient, event: FluentEvent, options: { packageInvoices: boolean }): Promise<InvoiceDocumentData> {
  const invoice = await loadInvoice(fluent, event);
  if (isDebitInvoiceType(invoice.invoice.type)) return { kind: 'debit_note', invoice };
  if (options.packageInvoices) {
    // Invoice.fulfilment is newer than the 2020 SDL: asked for only when per-package invoicing is on.
    const link = await invoiceFulfilmentLink(fluent, invoice.invoice.ref);
    if (link) return { kind: 'package_invoice', invoice, package: await loadPackageInvoice(fluent, link.orderRef, { ref: link.fulfilmentRef }) };
  }
  return { kind: 'invoice', invoice };
}

/** A DEBIT_NOTE request for an invoice that is not of a debit type would number an invoice as a debit note. */
export async function loadDebitNote(fluent: FluentClient, event: FluentEvent): Promise<InvoiceData> {
  const loaded = await loadInvoice(fluent, event);
  if (!isDebitInvoiceType(loaded.invoice.type)) {
    throw new PermanentError(`invoice ${loaded.invoice.ref} is of type ${loaded.invoice.type ?? '(none)'}, not a debit type (${DEBIT_INVOICE_TYPES.join(', ')}); it cannot be issued as a debit note`);
  }
  return loaded;
}
