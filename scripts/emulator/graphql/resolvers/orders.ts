import type { EntityStore, Row } from '../../store.ts';
import type { Input, ResolverMap } from '../context.ts';
import { checkLimits } from '../limits.ts';
import { applyUpdate, assertUnique, columnsFrom, insertChildren, required, requireRetailer, updateChildren } from '../rows.ts';

/** Customers and their addresses, orders (addressed by id), payments and fulfilments. */
export const orderResolvers: ResolverMap = {
  Mutation: {
    createCustomerAddress: (_, { input }, { store }) => {
      checkLimits(input);
      return store.insert('Address', { ...columnsFrom(input), __typename: 'CustomerAddress' });
    },
    createCustomer: (_, { input }, { store }) => {
      const retailer = requireRetailer(store, input.retailer);
      assertUnique(store.byRef('Customer', input.username), `Customer ${input.username}`);
      // INFERRED: CreateCustomerInput has no ref; Fluent customers are looked up by username as ref.
      return store.insert('Customer', { ...columnsFrom(input, ['retailer']), ref: input.username, retailerId: retailer.id, status: 'CREATED' });
    },
    createOrder: (_, { input }, { store, created }) => {
      checkLimits(input);
      const retailer = requireRetailer(store, input.retailer);
      assertUnique(store.listBy('Order', 'ref', input.ref).find((o) => o.retailerId === retailer.id), `Order ${input.ref}`);
      const customer = required(store.get('Customer', input.customer.id), `Customer ${input.customer.id}`);
      const row = store.insert('Order', {
        ...columnsFrom(input, ['retailer', 'customer', 'items', 'fulfilmentChoice']),
        retailerId: retailer.id,
        customerId: customer.id,
        fulfilmentChoiceId: input.fulfilmentChoice ? fulfilmentChoice(store, input.fulfilmentChoice).id : undefined,
        status: 'CREATED',
      });
      insertChildren(store, 'OrderItem', { orderId: row.id }, input.items, {
        extra: (item) => ({ status: 'CREATED', productId: productFor(store, item).id }),
      });
      created('ORDER', row);
      return row;
    },
    updateOrder: (_, { input }, { store }) => {
      const row = required(store.get('Order', input.id), `Order ${input.id}`);
      updateChildren(store, 'OrderItem', store.listBy('OrderItem', 'orderId', row.id), input.items, 'id');
      return applyUpdate(store, 'Order', row, input, ['id', 'items']);
    },
    createFinancialTransaction: (_, { input }, { store, created }) => {
      checkLimits(input);
      const order = required(store.get('Order', input.order.id), `Order ${input.order.id}`);
      const row = store.insert('FinancialTransaction', {
        ...columnsFrom(input, ['order', 'amount', 'paymentProvider']),
        total: input.amount,
        paymentProviderName: input.paymentProvider,
        orderId: order.id,
        status: 'CREATED',
      });
      created('FINANCIAL_TRANSACTION', row);
      return row;
    },
    createFulfilment: (_, { input }, { store, created }) => {
      checkLimits(input);
      const order = required(store.get('Order', input.order.id), `Order ${input.order.id}`);
      const user = input.customer ? required(store.get('Customer', input.customer.id), `Customer ${input.customer.id}`) : undefined;
      const address = (key: 'fromAddress' | 'toAddress') =>
        input[key] ? required(store.get('Address', input[key].id), `Address ${input[key].id}`).id : undefined;
      const row = store.insert('Fulfilment', {
        ...columnsFrom(input, ['order', 'customer', 'items', 'fromAddress', 'toAddress']),
        orderId: order.id,
        userId: user?.id,
        fromAddressId: address('fromAddress'),
        toAddressId: address('toAddress'),
        status: 'CREATED',
      });
      insertChildren(store, 'FulfilmentItem', { fulfilmentId: row.id }, input.items, {
        omit: ['orderItem'],
        extra: (item) => ({ status: 'CREATED', orderItemId: orderItemOf(store, order, item).id }),
      });
      created('FULFILMENT', row);
      return row;
    },
    updateFulfilment: (_, { input }, { store }) => {
      checkLimits(input);
      const row = required(store.get('Fulfilment', input.id), `Fulfilment ${input.id}`);
      updateChildren(store, 'FulfilmentItem', store.listBy('FulfilmentItem', 'fulfilmentId', row.id), input.items, 'id');
      return applyUpdate(store, 'Fulfilment', row, input, ['id', 'items']);
    },
  },
};

/** An order's delivery choice, with its delivery address stored as a customer address (as Fluent does). */
function fulfilmentChoice(store: EntityStore, input: Input): Row {
  const address = input.deliveryAddress
    ? store.insert('Address', { ...columnsFrom(input.deliveryAddress), __typename: 'CustomerAddress' })
    : undefined;
  return store.insert('FulfilmentChoice', { ...columnsFrom(input, ['deliveryAddress']), deliveryAddressId: address?.id });
}

/**
 * Products of every kind share one table; `__typename` tells the Product interface which type a row is.
 * Fluent refuses orders for unknown products; the emulator has no catalogue API, so it creates a
 * minimal variant product the first time a productRef is ordered (dev convenience, not Fluent behaviour).
 */
function productFor(store: EntityStore, item: Input): Row {
  const catalogueRef = item.productCatalogueRef ?? 'DEFAULT';
  return (
    store.listBy('Product', 'ref', item.productRef).find((p) => p.catalogueRef === catalogueRef) ??
    store.insert('Product', { ref: item.productRef, name: item.productRef, catalogueRef, status: 'ACTIVE', __typename: 'VariantProduct' })
  );
}

function orderItemOf(store: EntityStore, order: Row, item: Input): Row {
  const orderItem = required(store.get('OrderItem', item.orderItem.id), `OrderItem ${item.orderItem.id}`);
  if (orderItem.orderId !== order.id) throw new Error(`OrderItem ${orderItem.id} is not on order ${order.id}`);
  return orderItem;
}
