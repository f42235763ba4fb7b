import type { DocumentModel } from '../document-model.ts';
import type { FluentEvent } from '../../fluent/event-model.ts';

/** One e-invoice a document gets, before it exists: enough to name, store and link it. */
export interface EInvoiceTarget {
  /** ubl, cii, xrechnung-ubl, xrechnung-cii or factur-x. */
  format: string;
  /** What its file name ends with after the document number (`.ubl.xml`, `.factur-x.pdf`). */
  suffix: string;
  contentType: string;
}

export interface EInvoiceFile extends EInvoiceTarget {
  bytes: Buffer;
}

export interface EInvoiceInput {
  model: DocumentModel;
  /** What the document source loaded from Fluent: the buyer's e-invoice attributes live there. */
  data: unknown;
  event: FluentEvent;
}

/**
 * Structured e-invoices (EN 16931: UBL, CII, XRechnung, Factur-X) made from the same document model as
 * the PDF. The real adapter is connector/einvoice/einvoice-issuer.ts.
 */
export interface EInvoiceIssuer {
  /**
   * Which e-invoices this document gets (none for most), each already checked against the EN 16931
   * business rules. A document that breaks them is refused here with a PermanentError naming the rule
   * ids, before it takes a number or anything is stored.
   */
  check(input: EInvoiceInput): Promise<EInvoiceTarget[]>;
  /** The files for the numbered document and its rendered PDF (Factur-X embeds the XML into that PDF). */
  issue(input: EInvoiceInput & { number: string; pdf: Buffer }, targets: readonly EInvoiceTarget[]): Promise<EInvoiceFile[]>;
}

/** An e-invoice is stored beside its PDF: the same key with the format's suffix instead of `.pdf`. */
export function einvoiceKey(pdfKey: string, suffix: string): string {
  return pdfKey.replace(/\.pdf$/, '') + suffix;
}
