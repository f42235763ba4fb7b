import type { FluentEvent } from '../../fluent/event-model.ts';
import type { StorageLocation } from './document-store.ts';

/** How the document reached the shopper, written onto the entity for support agents. */
export interface DeliveryReport {
  /** unconfirmed: handed to the provider, whose answer was lost in a crash; not sent again. */
  status: 'sent' | 'unconfirmed' | 'failed';
  channel?: string;
  at: string;
}

/**
 * How a credit note's or return confirmation's refund goes back by tender, for the OMS to carry out
 * (written as the JSON attribute folioRefundPlan). Amounts in minor units of `currency`, and as decimals.
 */
export interface RefundPlanReport {
  currency: string;
  totalMinor: number;
  itemsMinor: number;
  shippingMinor: number;
  codFeeMinor: number;
  policy: { shipping: string; codFee: string };
  allocations: { tender: string; method: string; amountMinor: number; amount: string; ref?: string }[];
}

export interface GeneratedDocument {
  documentType: string;
  number: string;
  viewUrl: string;
  downloadUrl: string;
  fileName: string;
  storage: StorageLocation;
  sha256: string;
  generatedOn: string;
  delivery?: DeliveryReport;
  refundPlan?: RefundPlanReport;
  /** The e-invoices stored beside the PDF, by format (written as the JSON attribute folioEInvoices). */
  einvoices?: Record<string, EInvoiceReport>;
}

/** One stored e-invoice: its file, a signed download link and where it is stored. */
export interface EInvoiceReport {
  fileName: string;
  downloadUrl: string;
  path: string;
}

/**
 * Tells the OMS what became of the document an event asked for, on the entity the event was about.
 * Each call answers the id of the event it posted, when the OMS gives one. Reports are idempotent on
 * the OMS's side, so a retry may send one again.
 */
export interface DocumentReporter {
  /** The document is stored: its number, links and storage. */
  generated(source: FluentEvent, document: GeneratedDocument): Promise<{ id?: string }>;
  /** The same document again, now with how it reached the shopper. */
  delivery(source: FluentEvent, document: GeneratedDocument & { delivery: DeliveryReport }): Promise<{ id?: string }>;
  /** No document will come of the event: why, for a person, and when. */
  failed(source: FluentEvent, reason: string, failedOn: string): Promise<{ id?: string }>;
}
