import { z } from 'zod';
import { lineKind } from '../compose/billing.ts';
import { amountToMinor, currencyCode, floatToMinor } from '../compose/money.ts';
import { isRefund, isSettled } from '../compose/payments.ts';
import { nodesOf } from '../core/fluent-data/connection.ts';
import { amountTypeSchema, attributesSchema, attributeText, type Attributes } from '../core/fluent-data/fluent-types.ts';
import { PermanentError } from '../core/errors.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { fetchQuery } from '../fetch/fetch-query.ts';
import { SEARCH_PAGE_SIZE } from '../fluent/contract.ts';
import type { Seller } from '../sellers/seller.ts';
import type { RefundActivity, SaleActivity } from './ledger.ts';

/**
 * What a marketplace seller sold and refunded, read from Fluent: orders of the seller's retailer in a
 * confirmed status and paid in full (settled payments cover goods and shipping), and credit memos of
 * those orders. Amounts are what the shopper paid, tax included. Items carry their product category
 * and orders their sales channel as attributes (names configurable). Fetch and map only: which cycle
 * counts what is ledger.ts's business.
 */
export interface ActivityOptions {
  /** Order statuses that count as confirmed. */
  orderStatuses: readonly string[];
  categoryAttribute: string;
  channelAttribute: string;
}

const ORDER_FIELDS = `
  id ref status createdOn retailer { id } attributes { name type value }
  fulfilmentChoice { currency fulfilmentPrice fulfilmentTaxPrice }
  items(first: 200) { pageInfo { hasNextPage } edges { node { ref currency totalPrice totalTaxPrice attributes { name type value } } } }
  financialTransactions(first: 100) { pageInfo { hasNextPage } edges { node { id ref type status total currency } } }`;

const ORDERS_QUERY = `query FolioStatementOrders($createdOn: DateRange, $first: Int, $after: String) {
  orders(createdOn: $createdOn, first: $first, after: $after) { pageInfo { hasNextPage } edges { cursor node { ${ORDER_FIELDS} } } }
}`;

const ORDER_QUERY = `query FolioStatementOrder($ref: String) { order(ref: $ref) { ${ORDER_FIELDS} } }`;

const CREDIT_MEMOS_QUERY = `query FolioStatementCreditMemos($createdOn: DateRange, $first: Int, $after: String) {
  creditMemoes(createdOn: $createdOn, first: $first, after: $after) {
    pageInfo { hasNextPage }
    edges { cursor node {
      ref status issueDate createdOn currency { alphabeticCode } order { ref }
      items(first: 200) { pageInfo { hasNextPage } edges { node { ref type amount { amount scale unscaledValue } taxAmount { amount scale unscaledValue } orderItem { ref } } } }
    } }
  }
}`;

const page = <T extends z.ZodType>(node: T) =>
  z.object({ pageInfo: z.object({ hasNextPage: z.boolean().nullish() }).nullish(), edges: z.array(z.object({ cursor: z.string().nullish(), node }).nullish()).nullish() });
const inner = <T extends z.ZodType>(node: T) => z.object({ pageInfo: z.object({ hasNextPage: z.boolean().nullish() }).nullish(), edges: z.array(z.object({ node: node.nullish() }).nullish()).nullish() }).nullish();

const orderSchema = z.object({
  id: z.string(),
  ref: z.string().nullish(),
  status: z.string().nullish(),
  createdOn: z.string().nullish(),
  retailer: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).nullish(),
  attributes: attributesSchema,
  fulfilmentChoice: z.object({ currency: z.string().nullish(), fulfilmentPrice: z.number().nullish(), fulfilmentTaxPrice: z.number().nullish() }).nullish(),
  items: inner(z.object({ ref: z.string().nullish(), currency: z.string().nullish(), totalPrice: z.number().nullish(), totalTaxPrice: z.number().nullish(), attributes: attributesSchema })),
  financialTransactions: inner(z.object({ id: z.string(), ref: z.string().nullish(), type: z.string(), status: z.string().nullish(), total: z.number(), currency: z.string() })),
});
type OrderNode = z.output<typeof orderSchema>;

const creditMemoSchema = z.object({
  ref: z.string(),
  status: z.string().nullish(),
  issueDate: z.string().nullish(),
  createdOn: z.string().nullish(),
  currency: z.object({ alphabeticCode: z.string().nullish() }).nullish(),
  order: z.object({ ref: z.string().nullish() }).nullish(),
  items: inner(z.object({ ref: z.string(), type: z.string().nullish(), amount: amountTypeSchema.nullish(), taxAmount: amountTypeSchema.nullish(), orderItem: z.object({ ref: z.string().nullish() }).nullish() })),
});

async function* pages<T extends z.ZodType>(fluent: FluentClient, query: string, field: string, node: T, createdOn: { from: string; to: string }): AsyncGenerator<z.output<T>[]> {
  const pageSchema = z.object({ [field]: page(z.unknown()).nullish() });
  let after: string | undefined;
  for (;;) {
    const data = await fetchQuery(fluent, query, { createdOn, first: SEARCH_PAGE_SIZE, after: after ?? null }, pageSchema, `${field} for seller statements`);
    const connection = data[field] as z.output<ReturnType<typeof page<z.ZodUnknown>>> | null | undefined;
    const edges = connection?.edges ?? [];
    const nodes = fetchedNodes(edges.map((edge) => edge?.node), node, field);
    yield nodes;
    const last = edges.at(-1)?.cursor;
    if (!connection?.pageInfo?.hasNextPage || !last) return;
    after = last;
  }
}

/** Each node checked against its schema; a bad one fails naming where, like fetchQuery does. */
function fetchedNodes<T extends z.ZodType>(raw: unknown[], node: T, field: string): z.output<T>[] {
  const parsed = z.array(node.nullish()).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PermanentError(`Fluent's answer for ${field} for seller statements is not as expected at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`);
  }
  return parsed.data.filter((n): n is z.output<T> => n != null);
}

/** A date-time as the ledger wants it: ISO with its offset (Fluent sends UTC `Z`). */
function instant(value: string | null | undefined, what: string): string {
  const ms = value ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new PermanentError(`${what}: no valid date (${value ?? 'none'})`);
  return new Date(ms).toISOString();
}

function text(attributes: Attributes, name: string): string | undefined {
  return attributeText(attributes, [name]);
}

/** Gross goods and shipping of an order as paid, and whether settled payments cover them. */
function saleOf(order: OrderNode, options: ActivityOptions): SaleActivity & { paid: boolean } {
  const ref = order.ref ?? `id:${order.id}`;
  const what = `order ${ref}`;
  const items = nodesOf(order.items, `${what} items`);
  const currency = currencyCode(items[0]?.currency ?? order.fulfilmentChoice?.currency);
  const lines = items.map((item, i) => ({
    ref: item.ref ?? `${ref}-${i + 1}`,
    category: text(item.attributes, options.categoryAttribute),
    goodsMinor: floatToMinor(item.totalPrice ?? 0, currency, `${what} item totalPrice`) + floatToMinor(item.totalTaxPrice ?? 0, currency, `${what} item totalTaxPrice`),
  }));
  const choice = order.fulfilmentChoice;
  const shippingMinor = (choice?.fulfilmentPrice != null ? floatToMinor(choice.fulfilmentPrice, currency, `${what} fulfilmentPrice`) : 0) + (choice?.fulfilmentTaxPrice != null ? floatToMinor(choice.fulfilmentTaxPrice, currency, `${what} fulfilmentTaxPrice`) : 0);
  const paidMinor = nodesOf(order.financialTransactions, `${what} transactions`)
    .filter((tx) => isSettled(tx) && !isRefund(tx) && tx.currency.toUpperCase() === currency)
    .reduce((sum, tx) => sum + floatToMinor(tx.total, currency, `${what} transaction total`), 0);
  const goods = lines.reduce((sum, line) => sum + line.goodsMinor, 0);
  return { kind: 'sale', ref, at: instant(order.createdOn, `${what} createdOn`), currency, channel: text(order.attributes, options.channelAttribute), lines, shippingMinor, paid: paidMinor >= goods + shippingMinor };
}

/** Everything the seller sold (confirmed and paid) and refunded with Fluent dates in [from, to]. */
export async function fetchSellerActivity(fluent: FluentClient, seller: Pick<Seller, 'retailerId'>, window: { from: Date; to: Date }, options: ActivityOptions): Promise<(SaleActivity | RefundActivity)[]> {
  const createdOn = { from: window.from.toISOString(), to: window.to.toISOString() };
  const statuses = new Set(options.orderStatuses.map((s) => s.toUpperCase()));
  const orders = new Map<string, OrderNode>();
  const activities: (SaleActivity | RefundActivity)[] = [];
  for await (const nodes of pages(fluent, ORDERS_QUERY, 'orders', orderSchema, createdOn)) {
    for (const order of nodes) {
      if (order.retailer?.id !== seller.retailerId) continue;
      if (order.ref) orders.set(order.ref, order);
      if (!statuses.has((order.status ?? '').toUpperCase())) continue;
      const { paid, ...sale } = saleOf(order, options);
      if (paid) activities.push(sale);
    }
  }
  for await (const memos of pages(fluent, CREDIT_MEMOS_QUERY, 'creditMemoes', creditMemoSchema, createdOn)) {
    for (const memo of memos) {
      const orderRef = memo.order?.ref;
      if (!orderRef) continue;
      const order = orders.get(orderRef) ?? (await loadOrder(fluent, orderRef));
      if (!order || order.retailer?.id !== seller.retailerId) continue;
      orders.set(orderRef, order);
      activities.push(refundOf(memo, order, options));
    }
  }
  return activities;
}

async function loadOrder(fluent: FluentClient, ref: string): Promise<OrderNode | undefined> {
  const data = await fetchQuery(fluent, ORDER_QUERY, { ref }, z.object({ order: orderSchema.nullish() }), `order ${ref} for seller statements`);
  return data.order ?? undefined;
}

/** A credit memo as a refund: its lines gross, shipping lines apart, each item with its order item's category. */
function refundOf(memo: z.output<typeof creditMemoSchema>, order: OrderNode, options: ActivityOptions): RefundActivity {
  const what = `credit memo ${memo.ref}`;
  const currency = currencyCode(memo.currency?.alphabeticCode);
  const categories = new Map(nodesOf(order.items, `order ${order.ref} items`).map((item) => [item.ref ?? '', text(item.attributes, options.categoryAttribute)]));
  let shippingMinor = 0;
  const lines: RefundActivity['lines'] = [];
  for (const item of nodesOf(memo.items, `${what} items`)) {
    const gross = amountToMinor(item.amount, currency, `${what} item ${item.ref} amount`) + (item.taxAmount ? amountToMinor(item.taxAmount, currency, `${what} item ${item.ref} taxAmount`) : 0);
    if (lineKind(item.type) === 'shipping') shippingMinor += gross;
    else lines.push({ ref: item.ref, category: item.orderItem?.ref ? categories.get(item.orderItem.ref) : undefined, goodsMinor: gross });
  }
  return { kind: 'refund', ref: memo.ref, orderRef: order.ref ?? memo.order?.ref ?? '', at: instant(memo.issueDate ?? memo.createdOn, `${what} issueDate`), currency, channel: text(order.attributes, options.channelAttribute), lines, shippingMinor };
}
