import type { Row } from '../../store.ts';
import { connection } from '../connection.ts';
import type { FieldResolver, ResolverMap } from '../context.ts';

/**
 * Fields that follow a stored `<x>Id` column to another row. Link-typed fields (OrderLink, CustomerLink …)
 * need no resolver: they are stored in their output shape. Rows behind an interface (Product, Address)
 * carry `__typename`, which graphql's default type resolver reads.
 */
const one = (table: string, column: string): FieldResolver => (parent, _args, { store }) => store.get(table, parent[column]);
const many = (table: string, column: string): FieldResolver => (parent, args, { store }) => connection(store.listBy(table, column, parent.id), args);

export const linkResolvers: ResolverMap = {
  BillingAccount: {
    creditMemos: many('CreditMemo', 'billingAccountId'),
    invoices: many('Invoice', 'billingAccountId'),
  },
  Invoice: {
    billingAccount: one('BillingAccount', 'billingAccountId'),
    items: many('InvoiceItem', 'invoiceId'),
    creditMemos: (parent, _args, { store }) => store.listBy('CreditMemo', 'invoiceId', parent.id),
  },
  InvoiceItem: { invoice: one('Invoice', 'invoiceId') },
  CreditMemo: {
    billingAccount: one('BillingAccount', 'billingAccountId'),
    invoice: one('Invoice', 'invoiceId'),
    items: many('CreditMemoItem', 'creditMemoId'),
  },
  CreditMemoItem: { creditMemo: one('CreditMemo', 'creditMemoId') },
  Customer: { retailer: one('Retailer', 'retailerId') },
  Order: {
    retailer: one('Retailer', 'retailerId'),
    customer: one('Customer', 'customerId'),
    fulfilmentChoice: one('FulfilmentChoice', 'fulfilmentChoiceId'),
    items: many('OrderItem', 'orderId'),
    fulfilments: many('Fulfilment', 'orderId'),
    financialTransactions: many('FinancialTransaction', 'orderId'),
  },
  OrderItem: {
    order: one('Order', 'orderId'),
    product: one('Product', 'productId'),
  },
  FulfilmentChoice: { deliveryAddress: one('Address', 'deliveryAddressId') },
  FinancialTransaction: { order: one('Order', 'orderId') },
  Fulfilment: {
    order: one('Order', 'orderId'),
    user: one('Customer', 'userId'),
    fromAddress: one('Address', 'fromAddressId'),
    toAddress: one('Address', 'toAddressId'),
    items: many('FulfilmentItem', 'fulfilmentId'),
    articles: (parent, args, { store }) =>
      connection(store.list('Article', (row) => idsOf(row, 'fulfilmentIds').includes(parent.id)), args),
  },
  FulfilmentItem: {
    fulfilment: one('Fulfilment', 'fulfilmentId'),
    orderItem: one('OrderItem', 'orderItemId'),
  },
  Article: {
    fulfilments: (parent, args, { store }) =>
      connection(idsOf(parent, 'fulfilmentIds').flatMap((id) => store.get('Fulfilment', id) ?? []), args),
    consignmentArticles: (parent, args, { store }) =>
      consignmentArticles(store.list('Consignment', (row) => idsOf(row, 'articleIds').includes(parent.id)).map((c) => [parent, c]), args),
  },
  Consignment: {
    retailer: one('Retailer', 'retailerId'),
    carrier: one('Carrier', 'carrierId'),
    consignmentArticles: (parent, args, { store }) =>
      consignmentArticles(idsOf(parent, 'articleIds').flatMap((id) => store.get('Article', id) ?? []).map((a) => [a, parent]), args),
  },
  ReturnOrder: { returnOrderItems: many('ReturnOrderItem', 'returnOrderId') },
  ReturnOrderItem: { returnOrder: one('ReturnOrder', 'returnOrderId') },
};

/** Articles and consignments are many-to-many; they hold each other's ids in list columns. */
function idsOf(row: Row, column: string): string[] {
  return Array.isArray(row[column]) ? (row[column] as unknown[]).map(String) : [];
}

/** ConsignmentArticle is a pair, not a row: page the pairs by the article's cursor. */
function consignmentArticles(pairs: [Row, Row][], args: Record<string, unknown>) {
  const page = connection(pairs.map(([article]) => article), args);
  return {
    pageInfo: page.pageInfo,
    edges: page.edges.map((edge) => ({
      cursor: edge.cursor,
      node: { article: edge.node, consignment: pairs.find(([article]) => article === edge.node)?.[1] },
    })),
  };
}
