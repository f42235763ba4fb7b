import { z } from 'zod';
import { connectionSchema } from './connection.ts';
import { orderCustomerSchema } from './customer.ts';
import { addressFieldsSchema, attributesSchema, idSchema } from './fluent-types.ts';
import { orderItemNodeSchema } from './order.ts';

/** A fulfilment (a package): what was filled, the addresses, and the consignments its articles travel in. */
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
