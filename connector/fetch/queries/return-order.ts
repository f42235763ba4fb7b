import { z } from 'zod';
import { returnOrderNodeSchema } from '../../core/fluent-data/return-order.ts';
import { ADDRESS_FIELDS, AMOUNT_FIELDS, ATTRIBUTE_FIELDS, TAX_TYPE_FIELDS } from './common.ts';

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

export const returnOrderQueryResultSchema = z.object({ returnOrder: returnOrderNodeSchema.nullish() });
