import type { ReturnConfirmationData } from '../core/fluent-data/document-data.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../core/errors.ts';
import { fetchQuery } from './fetch-query.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { loadOrderByRef } from './load-order.ts';
import { RETURN_ORDER_QUERY, returnOrderQueryResultSchema } from './queries/return-order.ts';

/** The return order (Fluent wants its retailer too) and the original order. */
export async function loadReturnConfirmation(fluent: FluentClient, event: FluentEvent): Promise<ReturnConfirmationData> {
  const ref = event.entityRef;
  if (!ref) throw new PermanentError(`the ${event.entityType} event ${event.id} has no entityRef; return orders are addressed by ref`);
  const { returnOrder } = await fetchQuery(fluent, RETURN_ORDER_QUERY, { ref, retailerId: event.retailerId }, returnOrderQueryResultSchema, `return order ${ref}`);
  if (!returnOrder) throw new PermanentError(`return order ${ref} of retailer ${event.retailerId} does not exist in Fluent`);
  const orderRef = returnOrder.order?.ref;
  const order = orderRef ? await loadOrderByRef(fluent, orderRef) : null;
  return { returnOrder, order };
}
