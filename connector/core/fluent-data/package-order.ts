import { z } from 'zod';
import { connectionSchema } from './connection.ts';
import { idSchema } from './fluent-types.ts';
import { orderNodeFields } from './order.ts';

/** An order with all its fulfilments (packages): a package's share depends on the packages before it. */
export const packageSchema = z.object({
  id: idSchema,
  ref: z.string().nullish(),
  status: z.string().nullish(),
  createdOn: z.string().nullish(),
  items: connectionSchema(
    z.object({ filledQuantity: z.number().int(), orderItem: z.object({ id: idSchema, ref: z.string().nullish() }).nullish() }),
  ),
});
export type PackageNode = z.infer<typeof packageSchema>;

export const packageOrderNodeSchema = z.object({ ...orderNodeFields, fulfilments: connectionSchema(packageSchema) });
export type PackageOrderNode = z.infer<typeof packageOrderNodeSchema>;
