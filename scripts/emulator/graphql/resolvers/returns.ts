import type { EntityStore, Row } from '../../store.ts';
import type { ResolverMap } from '../context.ts';
import { checkLimits } from '../limits.ts';
import { applyUpdate, assertUnique, columnsFrom, insertChildren, required, requireRetailer, updateChildren } from '../rows.ts';

/** Return orders: addressed by ref within a retailer; items by ref. */
export const returnResolvers: ResolverMap = {
  Mutation: {
    createReturnOrder: (_, { input }, { store, created }) => {
      checkLimits(input);
      const retailer = requireRetailer(store, input.retailer);
      assertUnique(findReturnOrder(store, input.ref, retailer.id), `ReturnOrder ${input.ref}`);
      required(store.byRef('Customer', input.customer.ref), `Customer ${input.customer.ref}`);
      const row = store.insert('ReturnOrder', { ...columnsFrom(input, ['returnOrderItems']), status: 'CREATED' });
      insertChildren(store, 'ReturnOrderItem', { returnOrderId: row.id }, input.returnOrderItems, { extra: () => ({ status: 'CREATED' }) });
      created('RETURN_ORDER', row);
      return row;
    },
    updateReturnOrder: (_, { input }, { store }) => {
      checkLimits(input);
      const row = required(findReturnOrder(store, input.ref, input.retailer.id), `ReturnOrder ${input.ref} of retailer ${input.retailer.id}`);
      const items = store.listBy('ReturnOrderItem', 'returnOrderId', row.id);
      updateChildren(store, 'ReturnOrderItem', items, input.returnOrderItems, 'ref');
      return applyUpdate(store, 'ReturnOrder', row, input, ['ref', 'retailer', 'returnOrderItems']);
    },
  },
};

function findReturnOrder(store: EntityStore, ref: string, retailerId: unknown): Row | undefined {
  return store.listBy('ReturnOrder', 'ref', ref).find((row) => String((row.retailer as { id?: unknown } | undefined)?.id) === String(retailerId));
}
