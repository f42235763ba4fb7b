import { z } from 'zod';
import { PermanentError } from '../errors.ts';

export type Connection<T> =
  | {
      pageInfo?: { hasNextPage?: boolean | null | undefined } | null | undefined;
      edges?: ({ node?: T | null | undefined } | null | undefined)[] | null | undefined;
    }
  | null
  | undefined;

/**
 * A Relay connection as the 2020 SDL has it: nullable list of nullable edges of nullable nodes.
 * The declared return type keeps TypeScript from expanding nested connections past its depth limit.
 */
export function connectionSchema<T extends z.ZodType>(node: T): z.ZodType<Connection<z.output<T>>> {
  return z
    .object({
      pageInfo: z.object({ hasNextPage: z.boolean().nullish() }).nullish(),
      edges: z.array(z.object({ node: node.nullish() }).nullish()).nullish(),
    })
    .nullish() as unknown as z.ZodType<Connection<z.output<T>>>;
}

/**
 * The nodes of a connection. A page that says more follow means the document would silently miss
 * items, so it fails instead: a short document is a wrong document.
 */
export function nodesOf<T>(connection: Connection<T>, what: string): T[] {
  if (connection?.pageInfo?.hasNextPage) {
    throw new PermanentError(`${what}: more entries than one page holds; the document would be incomplete`);
  }
  const nodes: T[] = [];
  for (const edge of connection?.edges ?? []) if (edge?.node != null) nodes.push(edge.node);
  return nodes;
}
