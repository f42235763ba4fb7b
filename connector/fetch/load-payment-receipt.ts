import { isRefund, isSettled } from '../build/payments.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../pipeline/outcome.ts';
import type { FluentClient } from './fluent-client.ts';
import { loadOrderById, loadOrderByRef } from './load-order.ts';
import { nodesOf } from './queries/common.ts';
import type { OrderNode } from './queries/order.ts';

export interface LoadedPaymentReceipt {
  order: OrderNode;
  /** The FinancialTransaction ref this is the receipt of. */
  paymentRef: string;
}

/** Attribute names the triggering event may carry (a PSP callback or the retailer's ruleset sets them). */
export const PAYMENT_ATTRIBUTE = { orderRef: 'orderRef', paymentRef: 'paymentRef' } as const;

function text(event: FluentEvent, name: string): string | undefined {
  const value = event.attributes[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Fluent's 2020 SDL has no Payment type and no query for a FinancialTransaction, so a receipt is read
 * from the order's financial transactions. Which entity the event is about decides how:
 * - FINANCIAL_TRANSACTION (root ORDER), the preferred trigger: one receipt per transaction; the order is
 *   the event's root, the transaction its entity (ref, else id).
 * - PAYMENT (BILLING_ACCOUNT workflow): the event carries attribute orderRef; the payment is its entityRef.
 * - ORDER: the payment named by attribute paymentRef, else the latest settled payment. One receipt per
 *   order (documents are one per entity), so use FINANCIAL_TRANSACTION events for several payments.
 */
export async function loadPaymentReceipt(fluent: FluentClient, event: FluentEvent): Promise<LoadedPaymentReceipt> {
  switch (event.entityType) {
    case 'FINANCIAL_TRANSACTION': {
      const order = await orderOf(fluent, event.rootEntityId, event.rootEntityRef ?? text(event, PAYMENT_ATTRIBUTE.orderRef), event);
      const transactions = nodesOf(order.financialTransactions, `order ${order.ref} transactions`);
      const tx = transactions.find((t) => (event.entityRef ? t.ref === event.entityRef : t.id === event.entityId));
      if (!tx) throw new PermanentError(`order ${order.ref}: no financial transaction ${event.entityRef ?? `id ${event.entityId}`}`);
      if (!tx.ref) throw new PermanentError(`financial transaction id ${tx.id} has no ref to print on the receipt`);
      return { order, paymentRef: tx.ref };
    }
    case 'PAYMENT': {
      const orderRef = text(event, PAYMENT_ATTRIBUTE.orderRef);
      if (!orderRef) throw new PermanentError(`the PAYMENT event ${event.id} carries no ${PAYMENT_ATTRIBUTE.orderRef} attribute: a receipt is read from the order's transactions`);
      const paymentRef = text(event, PAYMENT_ATTRIBUTE.paymentRef) ?? event.entityRef;
      if (!paymentRef) throw new PermanentError(`the PAYMENT event ${event.id} names no payment`);
      return { order: await loadOrderByRef(fluent, orderRef), paymentRef };
    }
    case 'ORDER': {
      const order = await orderOf(fluent, event.entityId, event.entityRef, event);
      const named = text(event, PAYMENT_ATTRIBUTE.paymentRef);
      const latest = nodesOf(order.financialTransactions, `order ${order.ref} transactions`).filter((t) => t.ref && !isRefund(t) && isSettled(t)).at(-1)?.ref;
      const paymentRef = named ?? latest;
      if (!paymentRef) throw new PermanentError(`order ${order.ref} has no payment to give a receipt for`);
      return { order, paymentRef };
    }
    default:
      throw new PermanentError(`a payment receipt is made from a FINANCIAL_TRANSACTION, PAYMENT or ORDER event, not ${event.entityType}`);
  }
}

async function orderOf(fluent: FluentClient, id: string | undefined, ref: string | undefined, event: FluentEvent): Promise<OrderNode> {
  if (id) return loadOrderById(fluent, id);
  if (ref) return loadOrderByRef(fluent, ref);
  throw new PermanentError(`the ${event.entityType} event ${event.id} names no order (rootEntityId, rootEntityRef or attribute ${PAYMENT_ATTRIBUTE.orderRef})`);
}
