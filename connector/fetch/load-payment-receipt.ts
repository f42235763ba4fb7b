import { nodesOf } from '../core/fluent-data/connection.ts';
import type { OrderNode } from '../core/fluent-data/order.ts';
import type { PaymentReceiptData } from '../core/fluent-data/document-data.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../core/errors.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { fetchQuery } from './fetch-query.ts';
import { loadOrderById, loadOrderByRef } from './load-order.ts';
import { PAYMENT_QUERY, paymentQueryResultSchema } from './queries/payment.ts';

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
 * - PAYMENT (BILLING_ACCOUNT workflow, raised by createPayment): the payment (entityRef) is read and
 *   followed to the FinancialTransaction it links, and on to that transaction's order. Without that
 *   link, attribute orderRef (and paymentRef, else the payment's ref) name them instead.
 * - ORDER: the payment named by attribute paymentRef, else none (the builder takes the latest settled
 *   payment). One receipt per order (documents are one per entity), so use FINANCIAL_TRANSACTION
 *   events for several payments.
 */
export async function loadPaymentReceipt(fluent: FluentClient, event: FluentEvent): Promise<PaymentReceiptData> {
  switch (event.entityType) {
    case 'FINANCIAL_TRANSACTION': {
      const order = await orderOf(fluent, event.rootEntityId, event.rootEntityRef ?? text(event, PAYMENT_ATTRIBUTE.orderRef), event);
      const transactions = nodesOf(order.financialTransactions, `order ${order.ref} transactions`);
      const tx = transactions.find((t) => (event.entityRef ? t.ref === event.entityRef : t.id === event.entityId));
      if (!tx) throw new PermanentError(`order ${order.ref}: no financial transaction ${event.entityRef ?? `id ${event.entityId}`}`);
      if (!tx.ref) throw new PermanentError(`financial transaction id ${tx.id} has no ref to print on the receipt`);
      return { order, paymentRef: tx.ref };
    }
    case 'PAYMENT':
      return loadBillingPayment(fluent, event);
    case 'ORDER': {
      const order = await orderOf(fluent, event.entityId, event.entityRef, event);
      return { order, paymentRef: text(event, PAYMENT_ATTRIBUTE.paymentRef) };
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

/** A billing account's Payment: its linked transaction leads to the order; attributes may name them instead. */
async function loadBillingPayment(fluent: FluentClient, event: FluentEvent): Promise<PaymentReceiptData> {
  if (!event.entityRef) throw new PermanentError(`the PAYMENT event ${event.id} has no entityRef: payments are read by ref`);
  const { payment } = await fetchQuery(fluent, PAYMENT_QUERY, { ref: event.entityRef }, paymentQueryResultSchema, `payment ${event.entityRef}`);
  if (!payment) throw new PermanentError(`payment ${event.entityRef} does not exist in Fluent`);
  const entity = { id: payment.id, ref: payment.ref };
  const orderRef = text(event, PAYMENT_ATTRIBUTE.orderRef);
  const tx = payment.financialTransaction;
  if (tx?.order && !orderRef) {
    if (!tx.ref) throw new PermanentError(`payment ${payment.ref}: its financial transaction id ${tx.id} has no ref to print on the receipt`);
    return { order: await loadOrderById(fluent, tx.order.id), paymentRef: tx.ref, payment: entity };
  }
  if (!orderRef)
    throw new PermanentError(
      `payment ${payment.ref} links no financial transaction with an order, and the event carries no ${PAYMENT_ATTRIBUTE.orderRef} attribute: create the payment with financialTransaction: {id}`,
    );
  const paymentRef = text(event, PAYMENT_ATTRIBUTE.paymentRef) ?? tx?.ref ?? payment.ref;
  return { order: await loadOrderByRef(fluent, orderRef), paymentRef, payment: entity };
}
