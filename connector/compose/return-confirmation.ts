import type { DocumentContext } from './context.ts';
import { nodesOf } from '../core/fluent-data/connection.ts';
import type { ReturnConfirmationData } from '../core/fluent-data/document-data.ts';
import { plannedRefundOf, type PlannedRefund, type RefundPlan, type RefundPlanOptions } from './refund-plan.ts';
import { PermanentError } from '../core/errors.ts';
import { billingDraftLine, checkAgainstFluentTotals } from './billing.ts';
import { zonedIso } from './dates.ts';
import { documentHeader } from './document-header.ts';
import type { DocumentModel } from '../core/document-model.ts';
import { finalizeDocument } from './finalize.ts';
import { priceLines, pricedContent } from './lines.ts';
import { currencyCode } from './money.ts';
import { orderBuyer } from './order-document.ts';
import { refundEntries } from './payments.ts';

/** How the return's value, with the shipping and COD-fee share the policy gives back, goes back by tender. */
export function returnConfirmationRefunds(data: ReturnConfirmationData, options: RefundPlanOptions = {}): PlannedRefund | undefined {
  return plannedRefundOf(data.returnOrder, 'return order', data.order, options);
}

/**
 * A return confirmation: the returned items with reason and condition, the value to be refunded,
 * and, when the refund has been planned, how it goes back by tender. ReturnOrderItem has the same
 * money fields as a billing item under other names (itemAmount, itemTaxAmount).
 */
export function buildReturnConfirmation(source: ReturnConfirmationData & RefundPlan & DocumentContext): DocumentModel {
  const ret = source.returnOrder;
  const owner = `return order ${ret.ref}`;
  const currency = currencyCode(ret.currency?.alphabeticCode);
  const mode = source.priceMode ?? 'tax_exclusive';
  const orderItems = new Map(
    source.order ? nodesOf(source.order.items, `order ${source.order.ref} items`).map((i) => [i.ref ?? i.id, i]) : [],
  );
  const drafts = nodesOf(ret.returnOrderItems, `${owner} items`).map((item) => {
    const ordered = item.orderItem?.ref ? orderItems.get(item.orderItem.ref) : undefined;
    const reason = [item.returnReason?.label ?? item.returnReason?.value, item.returnReasonComment].filter((t) => t?.trim()).join(': ');
    return billingDraftLine(
      {
        ref: item.ref,
        description: ordered?.product.name ?? item.product?.ref ?? item.ref,
        product: item.product,
        unitQuantity: item.unitQuantity,
        unitTaxType: item.unitTaxType,
        unitAmount: item.unitAmount,
        amount: item.itemAmount,
        taxAmount: item.itemTaxAmount,
        reason: reason || undefined,
      },
      ret.defaultTaxType,
      currency,
      owner,
    );
  });
  const priced = priceLines(drafts, mode);
  checkAgainstFluentTotals(priced, ret, currency, mode, owner);
  if (!source.order) throw new PermanentError(`${owner}: the original order is needed for the buyer`);
  const refunds = refundEntries(source.refundPlan?.allocations ?? source.refunds);
  const orderRef = ret.order?.ref ?? source.order.ref ?? undefined;
  return finalizeDocument({
    type: 'return_confirmation',
    ...documentHeader(source, {
      entity: { type: 'RETURN_ORDER', ref: ret.ref, id: ret.id },
      root: { type: 'RETURN_ORDER', ref: ret.ref },
      issueDate: zonedIso(ret.createdOn, `${owner} createdOn`),
      currency,
      buyer: orderBuyer(source.order),
      orderRef,
    }),
    references: [
      ...(orderRef ? [{ label: 'Order', value: orderRef }] : []),
      { label: 'Return', value: ret.ref },
      ...(ret.creditMemo?.ref ? [{ label: 'Credit memo', value: ret.creditMemo.ref }] : []),
    ],
    // The refund summary is the return's value (totals) and, once planned, the refunds by tender (payments).
    ...pricedContent(priced, mode),
    notes: [],
    ...(refunds ? { payments: refunds } : {}),
  });
}
