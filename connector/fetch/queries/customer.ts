import { z } from 'zod';
import { customerNodeSchema } from '../../core/fluent-data/customer.ts';
import { ATTRIBUTE_FIELDS } from './common.ts';

/** The customer fields orders and fulfilments embed. */
export const CUSTOMER_FIELDS = 'id ref firstName lastName primaryEmail primaryPhone country timezone';

/** A customer by ref: the buyer's name and contact details for billing documents. */
export const CUSTOMER_QUERY = /* GraphQL */ `
  query FolioCustomer($ref: String!) {
    customer(ref: $ref) { ${CUSTOMER_FIELDS} attributes ${ATTRIBUTE_FIELDS} }
  }
`;

export const customerQueryResultSchema = z.object({ customer: customerNodeSchema.nullish() });
