import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLSchema } from 'graphql';

/**
 * The real 2020 Fluent SDL, made loadable by graphql-js 16: it uses the legacy comma form
 * `implements A, B`, which graphql-js no longer parses. Fields Fluent added after 2020 that Folio
 * uses are declared in NEWER_FIELDS (from REFERENCE.md §4.2), so those stay checked too.
 */
const SDL_PATH = '/work/shared/fluent/schema-2020.graphql';

const NEWER_FIELDS = `
  type FulfilmentLink { ref: String }
  extend type Invoice { fulfilment: FulfilmentLink }
`;

let cached: GraphQLSchema | undefined;

export function fluentSchema(): GraphQLSchema {
  if (cached) return cached;
  const legacy = readFileSync(SDL_PATH, 'utf8');
  const modern = legacy.replace(
    /^((?:type|interface) \w+ implements )([^{]+)/gm,
    (_match, head: string, list: string) => `${head}${list.split(',').map((s) => s.trim()).join(' & ')} `,
  );
  cached = buildSchema(modern + NEWER_FIELDS);
  return cached;
}
