import { z } from 'zod';
import type { DocumentContext } from '../../build/context.ts';
import type { RefundAllocation } from '../../build/refunds.ts';
import type { OrderNode } from './order.ts';
import {
  ADDRESS_FIELDS,
  AMOUNT_FIELDS,
  ATTRIBUTE_FIELDS,
  TAX_TYPE_FIELDS,
  addressFieldsSchema,
  amountTypeSchema,
  attributesSchema,
  connectionSchema,
  idSchema,
  quantityTypeSchema,
  settingValueSchema,
  taxTypeSchema,
} from './common.ts';

/** A return order by ref (Fluent needs the retailer too), with items, reasons and amounts. */
export const RETURN_ORDER_QUERY = /* GraphQL */ `
  query FolioReturnOrder($ref: String!, $retailerId: ID!) {
    returnOrder(ref: $ref, retailer: { id: $retailerId }) {
      id
      ref
      type
      status
      createdOn
      attributes ${ATTRIBUTE_FIELDS}
      customer { ref }
      order { ref }
      creditMemo { ref }
      currency { alphabeticCode }
      defaultTaxType ${TAX_TYPE_FIELDS}
      subTotalAmount ${AMOUNT_FIELDS}
      totalTax ${AMOUNT_FIELDS}
      totalAmount ${AMOUNT_FIELDS}
      pickupAddress { ${ADDRESS_FIELDS} }
      returnOrderItems(first: 500) {
        pageInfo { hasNextPage }
        edges {
          node {
            ref
            status
            product { ref }
            orderItem { ref }
            returnReason { value label }
            returnReasonComment
            returnCondition { value label }
            unitQuantity { quantity unit }
            unitAmount ${AMOUNT_FIELDS}
            unitTaxType ${TAX_TYPE_FIELDS}
            itemAmount ${AMOUNT_FIELDS}
            itemTaxAmount ${AMOUNT_FIELDS}
          }
        }
      }
    }
  }
`;

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

export const returnOrderQueryResultSchema = z.object({ returnOrder: returnOrderNodeSchema.nullish() });
export type ReturnOrderQueryResult = z.infer<typeof returnOrderQueryResultSchema>;

export interface ReturnConfirmationSource extends DocumentContext {
  returnOrder: ReturnOrderNode;
  /** The original order (ORDER_QUERY): product names and the buyer. */
  order?: OrderNode | null;
  refunds?: readonly RefundAllocation[];
}
