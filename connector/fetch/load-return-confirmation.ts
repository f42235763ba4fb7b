import { amountToMinor, currencyCode } from '../build/money.ts';
import { DEFAULT_REFUND_POLICY, type RefundAllocation, type RefundPolicy } from '../build/refunds.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../pipeline/outcome.ts';
import { fetchQuery } from './fetch-query.ts';
import type { FluentClient } from './fluent-client.ts';
import { loadOrderByRef } from './load-order.ts';
import { refundsByTender } from './load-refunds.ts';
import type { OrderNode } from './queries/order.ts';
import { RETURN_ORDER_QUERY, returnOrderQueryResultSchema, type ReturnOrderNode } from './queries/return-order.ts';

export interface LoadedReturnConfirmation {
  returnOrder: ReturnOrderNode;
  order: OrderNode | null;
  /** The planned refund by tender (data as well as the printed summary); undefined when nothing was paid. */
  refunds: RefundAllocation[] | undefined;
}

/** The return order (Fluent wants its retailer too), the original order, and the refund plan. */
export async function loadReturnConfirmation(fluent: FluentClient, event: FluentEvent, policy: RefundPolicy = DEFAULT_REFUND_POLICY): Promise<LoadedReturnConfirmation> {
  const ref = event.entityRef;
  if (!ref) throw new PermanentError(`the ${event.entityType} event ${event.id} has no entityRef; return orders are addressed by ref`);
  const { returnOrder } = await fetchQuery(fluent, RETURN_ORDER_QUERY, { ref, retailerId: event.retailerId }, returnOrderQueryResultSchema, `return order ${ref}`);
  if (!returnOrder) throw new PermanentError(`return order ${ref} of retailer ${event.retailerId} does not exist in Fluent`);
  const orderRef = returnOrder.order?.ref;
  const order = orderRef ? await loadOrderByRef(fluent, orderRef) : null;
  const currency = currencyCode(returnOrder.currency?.alphabeticCode);
  const refunds = order ? refundsByTender(order, currency, amountToMinor(returnOrder.totalAmount, currency, `return order ${ref} totalAmount`), policy) : undefined;
  return { returnOrder, order, refunds };
}
