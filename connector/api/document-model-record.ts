import type { DocumentModel } from '../core/document-model.ts';
import type { DocumentFacts } from '../core/ports/document-records.ts';

/**
 * The canonical model a document is rendered from, kept on its row (migration 411) by the statement that
 * numbers it: the documents API serves its lines and amounts, and finds documents by order and customer. The
 * number is the row's own column; the API puts it back into the model it serves (document-queries.ts).
 */
export function documentModelFacts(model: DocumentModel): DocumentFacts {
  return { model: { type: 'jsonb', value: JSON.stringify(model) }, order_ref: { type: 'text', value: model.orderRef ?? null } };
}
