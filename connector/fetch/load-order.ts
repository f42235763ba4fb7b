import { z } from 'zod';
import { orderNodeSchema, type OrderNode } from '../core/fluent-data/order.ts';
import type { OrderData } from '../core/fluent-data/document-data.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../core/errors.ts';
import { fetchQuery } from './fetch-query.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { ORDER_FIELDS, ORDER_QUERY, orderQueryResultSchema } from './queries/order.ts';

/** Fluent addresses orders by id (refs are unique per retailer only), so events name the id when they can. */
export const ORDER_BY_ID_QUERY = /* GraphQL */ `
  query FolioOrderById($id: ID!) {
    orderById(id: $id) { ${ORDER_FIELDS} }
  }
`;
const orderByIdResultSchema = z.object({ orderById: orderNodeSchema.nullish() });

export async function loadOrderByRef(fluent: FluentClient, ref: string): Promise<OrderNode> {
  const { order } = await fetchQuery(fluent, ORDER_QUERY, { ref }, orderQueryResultSchema, `order ${ref}`);
  if (!order) throw new PermanentError(`order ${ref} does not exist in Fluent`);
  return order;
}

export async function loadOrderById(fluent: FluentClient, id: string): Promise<OrderNode> {
  const { orderById } = await fetchQuery(fluent, ORDER_BY_ID_QUERY, { id }, orderByIdResultSchema, `order id ${id}`);
  if (!orderById) throw new PermanentError(`order id ${id} does not exist in Fluent`);
  return orderById;
}

/** The order an ORDER event is about: by id when the event has one, else by ref. */
export async function loadOrder(fluent: FluentClient, event: FluentEvent): Promise<OrderData> {
  if (event.entityId) return { order: await loadOrderById(fluent, event.entityId) };
  if (event.entityRef) return { order: await loadOrderByRef(fluent, event.entityRef) };
  throw new PermanentError(`the ${event.entityType} event ${event.id} names no order`);
}
