import { z } from 'zod';
import { connectionSchema } from './connection.ts';
import { addressFieldsSchema, amountTypeSchema, attributesSchema, idSchema, quantityTypeSchema, settingValueSchema, taxTypeSchema } from './fluent-types.ts';

/** A return order with its items, reasons and amounts. */
export const returnOrderItemSchema = z.object({
  ref: z.string(),
  status: z.string(),
  product: z.object({ ref: z.string().nullish() }).nullish(),
  orderItem: z.object({ ref: z.string().nullish() }).nullish(),
  returnReason: settingValueSchema.nullish(),
  returnReasonComment: z.string().nullish(),
  returnCondition: settingValueSchema.nullish(),
  unitQuantity: quantityTypeSchema.nullish(),
  unitAmount: amountTypeSchema.nullish(),
  unitTaxType: taxTypeSchema.nullish(),
  itemAmount: amountTypeSchema.nullish(),
  itemTaxAmount: amountTypeSchema.nullish(),
});
export type ReturnOrderItemNode = z.infer<typeof returnOrderItemSchema>;

export const returnOrderNodeSchema = z.object({
  id: idSchema,
  ref: z.string(),
  type: z.string(),
  status: z.string(),
  createdOn: z.string().nullish(),
  attributes: attributesSchema,
  customer: z.object({ ref: z.string().nullish() }).nullish(),
  order: z.object({ ref: z.string().nullish() }).nullish(),
  creditMemo: z.object({ ref: z.string().nullish() }).nullish(),
  currency: z.object({ alphabeticCode: z.string().nullish() }).nullish(),
  defaultTaxType: taxTypeSchema.nullish(),
  subTotalAmount: amountTypeSchema.nullish(),
  totalTax: amountTypeSchema.nullish(),
  totalAmount: amountTypeSchema.nullish(),
  pickupAddress: addressFieldsSchema.nullish(),
  returnOrderItems: connectionSchema(returnOrderItemSchema),
});
export type ReturnOrderNode = z.infer<typeof returnOrderNodeSchema>;
