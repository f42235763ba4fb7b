import type { DocumentModel } from '../core/document-model.ts';
import type { DocumentFacts } from '../core/ports/document-records.ts';

/** What the console's list searches by, from the document model: the customer's name, the sales channel. */
export function consoleFactsOf(document: DocumentModel): { customerName: string | null; salesChannel: string | null; orderRef: string | null } {
  // Fluent has no sales-channel field: a retailer's composer names it as a reference ("Sales channel").
  const channel = document.references.find((r) => /^sales[ _-]?channel$/i.test(r.label.trim()));
  return { customerName: document.buyer.name || null, salesChannel: channel?.value ?? null, orderRef: document.orderRef ?? null };
}

/** Kept on the document's row by the statement that numbers it (app/document-records.ts); the order ref is the portal's. */
export function consoleFacts(document: DocumentModel): DocumentFacts {
  const facts = consoleFactsOf(document);
  return { customer_name: { type: 'text', value: facts.customerName }, sales_channel: { type: 'text', value: facts.salesChannel } };
}
