import { amountToMinor, currencyCode } from '../build/money.ts';
import { refundsByTender } from '../build/refund-plan.ts';
import { DEFAULT_REFUND_POLICY, type RefundPolicy } from '../build/refunds.ts';
import type { ReturnConfirmationData } from '../build/return-confirmation.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../pipeline/outcome.ts';
import { fetchQuery } from './fetch-query.ts';
import type { FluentClient } from './fluent-client.ts';
import { loadOrderByRef } from './load-order.ts';
import { RETURN_ORDER_QUERY, returnOrderQueryResultSchema } from './queries/return-order.ts';

/** The return order (Fluent wants its retailer too), the original order, and the refund plan. */
export async function loadReturnConfirmation(fluent: FluentClient, event: FluentEvent, policy: RefundPolicy = DEFAULT_REFUND_POLICY): Promise<ReturnConfirmationData> {
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
