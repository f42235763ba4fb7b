import { z } from 'zod';
import { fulfilmentNodeSchema } from '../../core/fluent-data/fulfilment.ts';
import { ADDRESS_FIELDS, ATTRIBUTE_FIELDS } from './common.ts';
import { CUSTOMER_FIELDS } from './customer.ts';
import { ORDER_ITEM_FIELDS } from './order.ts';

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
      order { id ref customer { ${CUSTOMER_FIELDS} } }
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

export const fulfilmentQueryResultSchema = z.object({ fulfilmentById: fulfilmentNodeSchema.nullish() });
