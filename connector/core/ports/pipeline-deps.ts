import type { AuditSink } from './audit-sink.ts';
import type { DocumentDelivery } from './document-delivery.ts';
import type { DocumentRecords } from './document-records.ts';
import type { DocumentReporter } from './document-reporter.ts';
import type { DocumentSourceResolver } from './document-source.ts';
import type { DocumentStore } from './document-store.ts';
import type { EInvoiceIssuer } from './einvoice-issuer.ts';
import type { FluentClient } from './fluent-client.ts';
import type { HtmlRenderer } from './html-renderer.ts';
import type { LinkIssuer } from './link-issuer.ts';
import type { PdfRenderer } from './pdf-renderer.ts';
import type { DocumentModel } from '../document-model.ts';

/**
 * The ports the document pipeline (connector/pipeline/) depends on. Each has one real adapter, wired in
 * connector/app/start-connector.ts; the use case never sees a database, HTTP or Chromium directly.
 */
export interface PipelineDeps {
  fluent: FluentClient;
  resolveSource: DocumentSourceResolver;
  records: DocumentRecords;
  html: HtmlRenderer;
  pdf: PdfRenderer;
  store: DocumentStore;
  links: LinkIssuer;
  audit: AuditSink;
  reporter: DocumentReporter;
  /** E-invoices (UBL, CII, XRechnung, Factur-X) beside the PDF; absent: none. */
  einvoice?: EInvoiceIssuer;
  /** Absent when no channel is configured: the document is then only linked from Fluent. */
  delivery?: DocumentDelivery;
  /** The order page in the shopper portal that messages link to; absent when the portal is off. */
  orderPage?: (document: DocumentModel) => string | undefined;
  defaults: { locale: string; timeZone: string };
  now?: () => Date;
}
