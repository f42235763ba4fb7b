import type { z } from 'zod';
import { PermanentError } from '../core/errors.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';

/** Runs a query and checks its answer against the zod schema written beside the query. */
export async function fetchQuery<S extends z.ZodType>(fluent: FluentClient, query: string, variables: Record<string, unknown>, schema: S, what: string): Promise<z.output<S>> {
  const data = await fluent.graphql<unknown>(query, variables);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PermanentError(`Fluent's answer for ${what} is not as expected at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`, {
      details: { step: 'fetch', ...(issue && { field: issue.path.join('.') }) },
    });
  }
  return parsed.data;
}
