import { z } from 'zod';
import type { DocumentContext } from '../../build/context.ts';
import {
  ADDRESS_FIELDS,
  ATTRIBUTE_FIELDS,
  addressFieldsSchema,
  attributesSchema,
  connectionSchema,
  idSchema,
} from './common.ts';
import { ORDER_ITEM_FIELDS, orderCustomerSchema, orderItemNodeSchema } from './order.ts';

/**
 * A fulfilment (a package) by id, for shipment notes: what was filled, the addresses, and the
 * consignments its articles travel in (carrier, tracking). Fluent addresses fulfilments by id.
 */
export const FULFILMENT_QUERY = /* GraphQL */ `
  query FolioFulfilment($id: ID!) {
    fulfilmentById(id: $id) {
      id
      ref
      status
      type
      deliveryType
      createdOn
      updatedOn
      eta
      attributes ${ATTRIBUTE_FIELDS}
      fromAddress { ${ADDRESS_FIELDS} }
      toAddress { ${ADDRESS_FIELDS} }
      order { id ref customer { id ref firstName lastName primaryEmail primaryPhone country timezone } }
      items(first: 500) {
        pageInfo { hasNextPage }
        edges { node { id ref status requestedQuantity filledQuantity rejectedQuantity orderItem { ${ORDER_ITEM_FIELDS} } } }
      }
      articles(first: 100) {
        pageInfo { hasNextPage }
        edges {
          node {
            ref
            name
            consignmentArticles(first: 10) {
              edges { node { consignment { ref status consignmentReference trackingLabel labelUrl carrier { name } } } }
            }
          }
        }
      }
    }
  }
`;

export const fulfilmentItemSchema = z.object({
  id: idSchema,
  ref: z.string().nullish(),
  status: z.string(),
  requestedQuantity: z.number().int().nullish(),
  filledQuantity: z.number().int(),
  rejectedQuantity: z.number().int(),
  orderItem: orderItemNodeSchema.nullish(),
});
export type FulfilmentItemNode = z.infer<typeof fulfilmentItemSchema>;

export const consignmentSchema = z.object({
  ref: z.string().nullish(),
  status: z.string().nullish(),
  consignmentReference: z.string(),
  trackingLabel: z.string().nullish(),
  labelUrl: z.string().nullish(),
  carrier: z.object({ name: z.string() }).nullish(),
});

export const articleSchema = z.object({
  ref: z.string().nullish(),
  name: z.string().nullish(),
  consignmentArticles: connectionSchema(z.object({ consignment: consignmentSchema.nullish() })),
});

export const fulfilmentNodeSchema = z.object({
  id: idSchema,
  ref: z.string().nullish(),
  status: z.string().nullish(),
  type: z.string(),
  deliveryType: z.string().nullish(),
  createdOn: z.string().nullish(),
  updatedOn: z.string().nullish(),
  eta: z.string().nullish(),
  attributes: attributesSchema,
  fromAddress: addressFieldsSchema.nullish(),
  toAddress: addressFieldsSchema.nullish(),
  order: z.object({ id: idSchema, ref: z.string().nullish(), customer: orderCustomerSchema.nullish() }).nullish(),
  items: connectionSchema(fulfilmentItemSchema),
  articles: connectionSchema(articleSchema),
});
export type FulfilmentNode = z.infer<typeof fulfilmentNodeSchema>;

export const fulfilmentQueryResultSchema = z.object({ fulfilmentById: fulfilmentNodeSchema.nullish() });
export type FulfilmentQueryResult = z.infer<typeof fulfilmentQueryResultSchema>;

export interface ShipmentNoteSource extends DocumentContext {
  fulfilment: FulfilmentNode;
  /** Delivery notes usually omit prices; retailers may turn them on. */
  showPrices?: boolean;
  /** Needed only with prices: the currency of the order items when they carry none. */
  currency?: string;
}
