import { createDocumentSources } from '../../../connector/app/document-sources.ts';
import { context } from '../../compose/fixtures/context.ts';
import { customer, invoiceResult } from '../../compose/fixtures/invoice.ts';
import { fluentEvent, inMemoryPorts } from './in-memory-ports.ts';

/** Fluent as the invoice loader asks it: the invoice, then its customer and no order. */
export const invoiceAnswers = { FolioInvoice: { invoice: invoiceResult }, FolioBillingParties: { customer, order: null } };

export const invoiceEvent = (id = 'evt-1') =>
  fluentEvent({ id, entityType: 'INVOICE', entityRef: invoiceResult.ref, rootEntityType: 'BILLING_ACCOUNT', rootEntityRef: 'BA-CUST-77' });

/** The use case over in-memory ports, with Folio's own document types. */
export function invoicePipeline(answers: Record<string, unknown> = invoiceAnswers) {
  return inMemoryPorts(answers, { resolveSource: createDocumentSources({ seller: context.seller }) });
}
