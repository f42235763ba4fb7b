import { z } from 'zod';
import { connectionSchema } from './connection.ts';
import { orderCustomerSchema } from './customer.ts';
import { addressFieldsSchema, attributesSchema, idSchema, taxTypeSchema } from './fluent-types.ts';

/**
 * An order with its items, delivery choice and payments. Order money fields are plain Floats in the
 * SDL (no AmountType), and Order has no currency field in 2020: items, the fulfilment choice and
 * transactions each carry one.
 */
export const orderItemNodeSchema = z.object({
  id: idSchema,
  ref: z.string().nullish(),
  status: z.string(),
  quantity: z.number().int(),
  paidPrice: z.number().nullish(),
  currency: z.string().nullish(),
  price: z.number().nullish(),
  taxPrice: z.number().nullish(),
  taxType: z.string().nullish(),
  totalPrice: z.number().nullish(),
  totalTaxPrice: z.number().nullish(),
  attributes: attributesSchema,
  // Product! is non-null; its `ref` comes from the concrete type's inline fragment.
  product: z.object({ name: z.string(), ref: z.string().nullish(), tax: taxTypeSchema.nullish() }),
});
export type OrderItemNode = z.infer<typeof orderItemNodeSchema>;

export const financialTransactionSchema = z.object({
  id: idSchema,
  ref: z.string().nullish(),
  type: z.string(),
  status: z.string().nullish(),
  createdOn: z.string().nullish(),
  total: z.number(),
  currency: z.string(),
  paymentMethod: z.string().nullish(),
  cardType: z.string().nullish(),
});
export type FinancialTransactionNode = z.infer<typeof financialTransactionSchema>;

export const fulfilmentChoiceSchema = z.object({
  currency: z.string().nullish(),
  deliveryType: z.string(),
  deliveryInstruction: z.string().nullish(),
  fulfilmentPrice: z.number().nullish(),
  fulfilmentTaxPrice: z.number().nullish(),
  fulfilmentType: z.string().nullish(),
  pickupLocationRef: z.string().nullish(),
  deliveryAddress: addressFieldsSchema.nullish(),
});

export const orderNodeFields = {
  id: idSchema,
  ref: z.string().nullish(),
  type: z.string(),
  status: z.string().nullish(),
  createdOn: z.string().nullish(),
  totalPrice: z.number().nullish(),
  totalTaxPrice: z.number().nullish(),
  attributes: attributesSchema,
  customer: orderCustomerSchema.nullish(),
  fulfilmentChoice: fulfilmentChoiceSchema.nullish(),
  items: connectionSchema(orderItemNodeSchema),
  financialTransactions: connectionSchema(financialTransactionSchema),
};
export const orderNodeSchema = z.object(orderNodeFields);
export type OrderNode = z.infer<typeof orderNodeSchema>;
