import type { EntityStore, Row } from '../store.ts';

/** What resolvers get as GraphQL context: the store, and the hook into orchestration. */
export interface GraphqlContext {
  store: EntityStore;
  /**
   * Called once a created entity (and its items) is stored: gives it its workflow link and, for
   * orchestrated entity types, raises the platform CREATE event.
   */
  created(entityType: string, row: Row): void;
}

/**
 * GraphQL-coerced input. The SDL has already checked its shape before any resolver runs, so resolvers
 * read it loosely instead of re-declaring every input type in TypeScript.
 */
export type Input = Record<string, any>;

export type FieldResolver = (parent: Row, args: Input, context: GraphqlContext) => unknown;
export type ResolverMap = Record<string, Record<string, FieldResolver>>;
