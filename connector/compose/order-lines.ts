import { nodesOf } from '../core/fluent-data/connection.ts';
import type { TaxType } from '../core/fluent-data/fluent-types.ts';
import type { OrderItemNode, OrderNode } from '../core/fluent-data/order.ts';
import { PermanentError } from '../core/errors.ts';
import { checkedQuantity, extend, type DraftLine } from './lines.ts';
import { currencyCode, divHalfUp, floatToMinor, taxTreatment, taxTreatmentFromText, toSafeInteger, type TaxTreatment } from './money.ts';

/**
 * Order items (bare Floats, a String tax type) to draft lines, for the documents built from an order:
 * confirmations, receipts, package invoices, priced delivery notes.
 */

/**
 * Order has no currency field in the 2020 SDL; items, the fulfilment choice and transactions do.
 * They must agree: a mixed-currency order cannot be totalled.
 */
export function orderCurrency(order: Pick<OrderNode, 'items' | 'fulfilmentChoice' | 'financialTransactions' | 'ref'>, configured?: string): string {
  const found = new Set<string>();
  for (const item of nodesOf(order.items, `order ${order.ref} items`)) if (item.currency) found.add(item.currency.toUpperCase());
  if (order.fulfilmentChoice?.currency) found.add(order.fulfilmentChoice.currency.toUpperCase());
  if (found.size === 0) for (const tx of nodesOf(order.financialTransactions, `order ${order.ref} transactions`)) found.add(tx.currency.toUpperCase());
  if (found.size > 1) throw new PermanentError(`order ${order.ref}: mixed currencies ${[...found].join(', ')}`);
  return currencyCode([...found][0] ?? configured);
}

/** The product's TaxType wins; else the item's tax type text; neither is bad data. */
export function orderItemTreatment(item: OrderItemNode, what: string): TaxTreatment {
  if (item.product.tax) return taxTreatment(item.product.tax);
  if (item.taxType) return taxTreatmentFromText(item.taxType);
  throw new PermanentError(`${what}: missing tax type (no product tax and no taxType)`);
}

export interface OrderLineOptions {
  /** Quantity on this document when it is not the ordered quantity (a package, a partial receipt). */
  quantity?: number;
  /** The line amount for that quantity, when the caller split the line total itself. */
  amountMinor?: number;
}

export function orderItemDraft(item: OrderItemNode, currency: string, options: OrderLineOptions = {}): DraftLine {
  const what = `order item ${item.ref ?? item.id}`;
  const ordered = checkedQuantity(item.quantity, what);
  const quantity = options.quantity ?? ordered;
  const unit = item.price != null ? floatToMinor(item.price, currency, `${what} price`) : undefined;
  const lineTotal = item.totalPrice != null ? floatToMinor(item.totalPrice, currency, `${what} totalPrice`) : undefined;
  const full = lineTotal ?? (unit !== undefined ? extend(ordered, unit) : undefined);
  if (full === undefined) throw new PermanentError(`${what}: no price`);
  const whole = quantity === ordered;
  return {
    ref: item.ref ?? item.id,
    description: item.product.name,
    sku: item.product.ref ?? undefined,
    quantity,
    unitAmountMinor: unit ?? (ordered > 0 ? toSafeInteger(divHalfUp(BigInt(full), BigInt(ordered))) : full),
    amountMinor: options.amountMinor ?? (whole ? full : extend(quantity, unit ?? 0)),
    treatment: orderItemTreatment(item, what),
    // Fluent's line tax is for the whole ordered quantity; it is only a hint for the same quantity.
    sourceTaxMinor: whole && item.totalTaxPrice != null ? floatToMinor(item.totalTaxPrice, currency, `${what} totalTaxPrice`) : undefined,
    kind: 'item',
  };
}

/**
 * The tax treatment of shipping and fees: configured, else the items' one rate. With several rates
 * the split is a legal choice (principal supply or pro rata), so Folio asks for configuration.
 */
export function chargeTreatment(items: readonly DraftLine[], configured: TaxType | undefined, owner: string): TaxTreatment {
  if (configured) return taxTreatment(configured);
  const distinct = new Map(items.map((d) => [`${d.treatment.category}|${d.treatment.rateBp}`, d.treatment]));
  const only = distinct.size === 1 ? [...distinct.values()][0] : undefined;
  if (!only) throw new PermanentError(`${owner}: shipping tax type is ambiguous (items have ${distinct.size} rates); configure shippingTaxType`);
  return only;
}

/** The order's shipping charge as a line (Fluent: fulfilmentChoice.fulfilmentPrice / fulfilmentTaxPrice). */
export function shippingDraft(order: OrderNode, currency: string, items: readonly DraftLine[], configured: TaxType | undefined, amountMinor?: number): DraftLine | undefined {
  const price = order.fulfilmentChoice?.fulfilmentPrice;
  const full = price != null ? floatToMinor(price, currency, `order ${order.ref} fulfilmentPrice`) : 0;
  const amount = amountMinor ?? full;
  if (amount === 0) return undefined;
  const tax = order.fulfilmentChoice?.fulfilmentTaxPrice;
  return {
    ref: 'SHIPPING',
    description: order.fulfilmentChoice?.deliveryType ? `Delivery (${order.fulfilmentChoice.deliveryType})` : 'Delivery',
    quantity: 1,
    unitAmountMinor: amount,
    amountMinor: amount,
    treatment: chargeTreatment(items, configured, `order ${order.ref}`),
    sourceTaxMinor: amountMinor === undefined && tax != null ? floatToMinor(tax, currency, `order ${order.ref} fulfilmentTaxPrice`) : undefined,
    kind: 'shipping',
  };
}
