import { nodesOf } from '../core/fluent-data/connection.ts';
import type { TaxType } from '../core/fluent-data/fluent-types.ts';
import type { OrderData } from '../core/fluent-data/document-data.ts';
import type { OrderNode } from '../core/fluent-data/order.ts';
import { PermanentError } from '../core/errors.ts';
import type { DocumentContext } from './context.ts';
import type { Party } from '../core/document-model.ts';
import { priceLines, type PricedLines } from './lines.ts';
import { orderCurrency, orderItemDraft, shippingDraft } from './order-lines.ts';
import { buyerFrom, fullName } from './party.ts';

/** What the order-based documents (confirmation, receipt) share: the order's lines, buyer and currency. */
export interface OrderDocumentSource extends OrderData, DocumentContext {
  /** Tax type of the shipping charge when the items do not share one rate. */
  shippingTaxType?: TaxType;
  /** Used only when neither items, delivery choice nor transactions carry a currency. */
  currency?: string;
}

export function orderBuyer(order: OrderNode): Party {
  const customer = order.customer;
  const delivery = order.fulfilmentChoice?.deliveryAddress;
  const buyer = buyerFrom({
    names: [fullName(customer?.firstName, customer?.lastName), delivery?.name, delivery?.companyName],
    email: customer?.primaryEmail,
    phone: customer?.primaryPhone,
    address: delivery,
    attributes: order.attributes,
  });
  if (!buyer) throw new PermanentError(`order ${order.ref}: no buyer name on the customer or delivery address`);
  return buyer;
}

export interface PricedOrder {
  currency: string;
  priced: PricedLines;
}

/** All order items plus shipping, priced in the configured price mode (orders default to tax-exclusive). */
export function priceOrder(source: OrderDocumentSource): PricedOrder {
  const { order } = source;
  const currency = orderCurrency(order, source.currency);
  const items = nodesOf(order.items, `order ${order.ref} items`).map((item) => orderItemDraft(item, currency));
  const shipping = shippingDraft(order, currency, items, source.shippingTaxType);
  return { currency, priced: priceLines(shipping ? [...items, shipping] : items, source.priceMode ?? 'tax_exclusive') };
}
