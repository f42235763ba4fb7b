import { z } from 'zod';
import type { EmulatorEvent } from './event-record.ts';

/** GET /api/v4.1/event filters (REFERENCE.md §2 / Fluent "Using the Event API"). */
export const eventQuerySchema = z.object({
  'context.rootEntityType': z.string().optional(),
  'context.rootEntityId': z.string().optional(),
  'context.rootEntityRef': z.string().optional(),
  'context.entityType': z.string().optional(),
  'context.entityId': z.string().optional(),
  'context.entityRef': z.string().optional(),
  name: z.string().optional(),
  category: z.string().optional(),
  retailerId: z.string().optional(),
  eventType: z.string().optional(),
  eventStatus: z.string().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  // INFERRED: a zero-based index; Fluent says only "the index to start at".
  start: z.coerce.number().int().min(0).default(0),
  count: z.coerce.number().int().min(1).max(5000).default(100),
});
export type EventQuery = z.output<typeof eventQuerySchema>;

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

/** Applies the filters (default window: the last 30 days, like Fluent) and pages the result. */
export function queryEvents(events: EmulatorEvent[], query: EventQuery): { start: number; count: number; hasMore: boolean; results: EmulatorEvent[] } {
  const from = query.from ? Date.parse(query.from) : Date.now() - THIRTY_DAYS_MS;
  const to = query.to ? Date.parse(query.to) : Infinity;
  const wanted: [string | undefined, (e: EmulatorEvent) => unknown][] = [
    [query['context.rootEntityType'], (e) => e.context.rootEntityType],
    [query['context.rootEntityId'], (e) => e.context.rootEntityId],
    [query['context.rootEntityRef'], (e) => e.context.rootEntityRef],
    [query['context.entityType'], (e) => e.context.entityType],
    [query['context.entityId'], (e) => e.context.entityId],
    [query['context.entityRef'], (e) => e.context.entityRef],
    [query.name, (e) => e.name],
    [query.category, (e) => e.category],
    [query.retailerId, (e) => e.retailerId],
    [query.eventType, (e) => e.type],
    [query.eventStatus, (e) => e.eventStatus],
  ];
  const matching = events.filter((event) => {
    const at = Date.parse(event.generatedOn);
    return at >= from && at <= to && wanted.every(([value, field]) => value === undefined || field(event) === value);
  });
  const results = matching.slice(query.start, query.start + query.count);
  return { start: query.start, count: results.length, hasMore: query.start + results.length < matching.length, results };
}
