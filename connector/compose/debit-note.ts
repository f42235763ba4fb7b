import type { DocumentModel } from '../core/document-model.ts';
import { buildInvoiceLike, type InvoiceSource } from './invoice.ts';

/**
 * A debit note: extra charges after an invoice (adjustments, shipping, price corrections). Fluent has
 * no debit entity; retailers raise an Invoice of a debit type, so this is that invoice as a debit note.
 */
export function buildDebitNote(source: InvoiceSource): DocumentModel {
  return buildInvoiceLike(source, 'debit_note');
}
