import { parse, validate, validateSchema, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { LruMap } from './lru-map.ts';

/** A query text made ready to execute, or the errors graphql() answers for it before executing anything. */
export type PreparedDocument = { document: DocumentNode } | { errors: readonly GraphQLError[] };

/** Texts longer than this are prepared on every request rather than held (a 10 MB body would pin 10 MB). */
const MAX_CACHED_SOURCE_CHARS = 64 * 1024;

/**
 * Parsed and validated GraphQL documents by query text. Clients send the same few texts over and over,
 * and parsing plus validating was most of the emulator's GraphQL cost. The outcome depends only on the
 * text and the schema (which never changes once built), so failed texts are cached as well: a cached
 * answer is the one graphql() would give.
 */
export class PreparedDocuments {
  private readonly cache: LruMap<string, PreparedDocument>;

  constructor(
    private readonly schema: GraphQLSchema,
    capacity: number,
  ) {
    this.cache = new LruMap(capacity);
  }

  prepare(source: string): PreparedDocument {
    const cached = this.cache.get(source);
    if (cached) return cached;
    const prepared = prepareDocument(this.schema, source);
    if (source.length <= MAX_CACHED_SOURCE_CHARS) this.cache.set(source, prepared);
    return prepared;
  }
}

/** graphql()'s steps before execution, in its order: schema check, parse, validate. */
export function prepareDocument(schema: GraphQLSchema, source: string): PreparedDocument {
  const schemaErrors = validateSchema(schema);
  if (schemaErrors.length > 0) return { errors: schemaErrors };
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (syntaxError) {
    return { errors: [syntaxError as GraphQLError] };
  }
  const errors = validate(schema, document);
  return errors.length > 0 ? { errors } : { document };
}
