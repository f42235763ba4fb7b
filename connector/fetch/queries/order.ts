import { z } from 'zod';
import {
  ADDRESS_FIELDS,
  ATTRIBUTE_FIELDS,
  TAX_TYPE_FIELDS,
  addressFieldsSchema,
  attributesSchema,
  connectionSchema,
  idSchema,
  taxTypeSchema,
} from './common.ts';

/**
 * An order by ref with its items, delivery choice and payments. Order money fields are plain Floats
 * in the SDL (no AmountType), and Order has no currency field in 2020: items, the fulfilment choice
 * and transactions each carry one.
 */
export const ORDER_ITEM_FIELDS = `
  id
  ref
  status
  quantity
  paidPrice
  currency
  price
  taxPrice
  taxType
  totalPrice
  totalTaxPrice
  attributes ${ATTRIBUTE_FIELDS}
  product {
    name
    tax ${TAX_TYPE_FIELDS}
    ... on StandardProduct { ref }
    ... on VariantProduct { ref }
    ... on GroupProduct { ref }
  }
`;

export const FINANCIAL_TRANSACTION_FIELDS = 'id ref type status createdOn total currency paymentMethod cardType';

export const ORDER_FIELDS = `
  id
  ref
  type
  status
  createdOn
  totalPrice
  totalTaxPrice
  attributes ${ATTRIBUTE_FIELDS}
  customer { id ref firstName lastName primaryEmail primaryPhone country timezone }
  fulfilmentChoice {
    currency
    deliveryType
    deliveryInstruction
    fulfilmentPrice
    fulfilmentTaxPrice
    fulfilmentType
    pickupLocationRef
    deliveryAddress { ${ADDRESS_FIELDS} }
  }
  items(first: 500) { pageInfo { hasNextPage } edges { node { ${ORDER_ITEM_FIELDS} } } }
  financialTransactions(first: 50) { pageInfo { hasNextPage } edges { node { ${FINANCIAL_TRANSACTION_FIELDS} } } }
`;

export const ORDER_QUERY = /* GraphQL */ `
  query FolioOrder($ref: String!) {
    order(ref: $ref) { ${ORDER_FIELDS} }
  }
`;

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

export const orderCustomerSchema = z.object({
  id: idSchema,
  ref: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  primaryEmail: z.string().nullish(),
  primaryPhone: z.string().nullish(),
  country: z.string().nullish(),
  timezone: z.string().nullish(),
});

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

export const orderQueryResultSchema = z.object({ order: orderNodeSchema.nullish() });
export type OrderQueryResult = z.infer<typeof orderQueryResultSchema>;
