import { z } from 'zod';
import { orderNodeSchema } from '../../core/fluent-data/order.ts';
import { ADDRESS_FIELDS, ATTRIBUTE_FIELDS, TAX_TYPE_FIELDS } from './common.ts';
import { CUSTOMER_FIELDS } from './customer.ts';

/** An order by ref with its items, delivery choice and payments (shapes: core/fluent-data/order.ts). */
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
  customer { ${CUSTOMER_FIELDS} }
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

export const orderQueryResultSchema = z.object({ order: orderNodeSchema.nullish() });
