import type { EventApiRequest } from '../../fluent/event-model.ts';

/** What the pipeline needs from Fluent. The real adapter speaks OAuth + GraphQL + Event API over axios. */
export interface FluentClient {
  /** Runs a GraphQL query or mutation; GraphQL errors and HTTP failures arrive as PipelineErrors. */
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Posts an event to the Event API (async); answers the new event's id when Fluent gives one. */
  postEvent(event: EventApiRequest): Promise<{ id?: string }>;
}
