import { z } from 'zod';
import { ATTRIBUTE_FIELDS, attributesSchema, idSchema } from './common.ts';

/** A customer by ref: the buyer's name and contact details for billing documents. */
export const CUSTOMER_QUERY = /* GraphQL */ `
  query FolioCustomer($ref: String!) {
    customer(ref: $ref) {
      id
      ref
      firstName
      lastName
      primaryEmail
      primaryPhone
      country
      timezone
      attributes ${ATTRIBUTE_FIELDS}
    }
  }
`;

export const customerNodeSchema = z.object({
  id: idSchema,
  ref: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  primaryEmail: z.string().nullish(),
  primaryPhone: z.string().nullish(),
  country: z.string().nullish(),
  timezone: z.string().nullish(),
  attributes: attributesSchema,
});
export type CustomerNode = z.infer<typeof customerNodeSchema>;

export const customerQueryResultSchema = z.object({ customer: customerNodeSchema.nullish() });
export type CustomerQueryResult = z.infer<typeof customerQueryResultSchema>;
