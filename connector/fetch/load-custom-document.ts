import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../core/errors.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';

/**
 * Runs a custom document's own query. Its variables come from the event, under these names; only the
 * ones the query declares are sent, so a query takes what it needs (`$ref`, `$id`, `$retailerId` …).
 */
export function eventVariables(event: FluentEvent): Record<string, string | undefined> {
  return {
    ref: event.entityRef,
    id: event.entityId,
    entityRef: event.entityRef,
    entityId: event.entityId,
    retailerId: event.retailerId,
    rootEntityRef: event.rootEntityRef,
    rootEntityId: event.rootEntityId,
  };
}

/** `$name` declarations in the query's operation header. */
export function declaredVariables(query: string): string[] {
  const code = query.replace(/#[^\n]*/g, '');
  const header = /^\s*(?:query|mutation)\b[^({]*\(([^)]*)\)/m.exec(code)?.[1] ?? '';
  return [...header.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)\s*:/g)].map((m) => m[1]!);
}

export async function loadCustomDocument(fluent: FluentClient, event: FluentEvent, query: string, name: string): Promise<unknown> {
  const available = eventVariables(event);
  const variables: Record<string, string> = {};
  for (const variable of declaredVariables(query)) {
    const value = available[variable];
    if (value === undefined) throw new PermanentError(`custom document ${name}: the event gives no value for $${variable} (it gives ${Object.keys(available).filter((k) => available[k] !== undefined).join(', ')})`);
    variables[variable] = value;
  }
  // The mapping reads the result by path and checks what it uses, so there is no schema to parse against.
  return fluent.graphql<unknown>(query, variables);
}
