import type { InvoiceData } from '../core/fluent-data/document-data.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../core/errors.ts';
import { fetchQuery } from './fetch-query.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { loadBillingParties } from './load-billing-parties.ts';
import { INVOICE_QUERY, invoiceQueryResultSchema } from './queries/invoice.ts';

/** The invoice the event is about, with its billing account's customer and its order. */
export async function loadInvoice(fluent: FluentClient, event: FluentEvent): Promise<InvoiceData> {
  const ref = event.entityRef;
  if (!ref) throw new PermanentError(`the ${event.entityType} event ${event.id} has no entityRef; invoices are addressed by ref`);
  const { invoice } = await fetchQuery(fluent, INVOICE_QUERY, { ref }, invoiceQueryResultSchema, `invoice ${ref}`);
  if (!invoice) throw new PermanentError(`invoice ${ref} does not exist in Fluent`);
  const { customer, order } = await loadBillingParties(fluent, { customerRef: invoice.billingAccount?.customer?.ref, orderRef: invoice.order?.ref }, `invoice ${ref}`);
  return { invoice, customer, order };
}
