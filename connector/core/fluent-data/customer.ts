import { z } from 'zod';
import { attributesSchema, idSchema } from './fluent-types.ts';

/** A customer as orders and fulfilments embed it: who the shopper is and how to reach them. */
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

/** A customer read on its own (billing documents): the same, with its attributes (VAT id …). */
export const customerNodeSchema = orderCustomerSchema.extend({ attributes: attributesSchema });
export type CustomerNode = z.infer<typeof customerNodeSchema>;
