import { z } from 'zod';

/**
 * Fluent's standard Event Model: the body of every webhook and of every Event API request
 * (../shared/fluent/REFERENCE.md §1.2, §2). Ids are strings; unknown fields are kept because Fluent
 * adds fields over time and the signature covers the raw bytes anyway.
 */
const id = z.string().min(1).max(200);

export const fluentEventSchema = z
  .object({
    id,
    name: z.string().min(1).max(200),
    accountId: z.string().min(1).max(100),
    retailerId: z.union([z.string(), z.number()]).transform(String),
    entityId: z.union([z.string(), z.number()]).transform(String).optional(),
    entityRef: z.string().max(200).optional(),
    entityType: z.string().min(1).max(50),
    entitySubtype: z.string().max(50).optional(),
    entityStatus: z.string().max(50).optional(),
    rootEntityId: z.union([z.string(), z.number()]).transform(String).optional(),
    rootEntityRef: z.string().max(200).optional(),
    rootEntityType: z.string().max(50).optional(),
    type: z.string().max(50).optional(),
    source: z.string().max(200).optional(),
    attributes: z.record(z.string(), z.unknown()).nullish().transform((a) => a ?? {}),
  })
  .loose()
  .refine((e) => e.entityRef !== undefined || e.entityId !== undefined, {
    message: 'event names neither entityRef nor entityId',
  });

export type FluentEvent = z.output<typeof fluentEventSchema>;

/** A request to Fluent's Event API (POST /api/v4.1/event/async|sync), REFERENCE.md §2. */
export const eventApiRequestSchema = z.object({
  name: z.string().min(1),
  accountId: z.string().optional(),
  retailerId: z.union([z.string(), z.number()]).transform(String),
  entityType: z.string().min(1),
  entityId: z.string().optional(),
  entityRef: z.string().optional(),
  entitySubtype: z.string().optional(),
  rootEntityType: z.string().optional(),
  rootEntityId: z.string().optional(),
  rootEntityRef: z.string().optional(),
  source: z.string().optional(),
  scheduledOn: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
});
export type EventApiRequest = z.input<typeof eventApiRequestSchema>;
