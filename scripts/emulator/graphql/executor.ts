import { readFileSync } from 'node:fs';
import { buildSchema, execute, isObjectType, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { GraphqlContext, ResolverMap } from './context.ts';
import { PreparedDocuments } from './prepared-documents.ts';
import { billingResolvers } from './resolvers/billing.ts';
import { linkResolvers } from './resolvers/links.ts';
import { orderResolvers } from './resolvers/orders.ts';
import { queryResolvers } from './resolvers/queries.ts';
import { returnResolvers } from './resolvers/returns.ts';
import { settingResolvers } from './resolvers/settings.ts';

const RESOLVERS: ResolverMap[] = [queryResolvers, linkResolvers, billingResolvers, orderResolvers, returnResolvers, settingResolvers];

let cached: GraphQLSchema | undefined;

/**
 * The SDL with resolvers attached to its fields. Resolvers take all state from the context, so one
 * schema serves every emulator in the process; building it once keeps start-up fast.
 */
export function emulatorSchema(): GraphQLSchema {
  if (cached) return cached;
  const schema = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
  for (const map of RESOLVERS)
    for (const [typeName, fields] of Object.entries(map)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`resolvers for ${typeName}, which is not an object type in schema.graphql`);
      for (const [fieldName, resolve] of Object.entries(fields)) {
        const field = type.getFields()[fieldName];
        if (!field) throw new Error(`resolver for ${typeName}.${fieldName}, which schema.graphql lacks`);
        field.resolve = (parent, args, context) => resolve(parent, args, context as GraphqlContext);
      }
    }
  return (cached = schema);
}

/** Distinct query texts kept parsed and validated; clients send a few dozen, so this only bounds the odd caller. */
const DOCUMENT_CACHE_SIZE = 500;
let documents: PreparedDocuments | undefined;

/** One document cache per process, like the schema it validates against. */
function sharedDocuments(): PreparedDocuments {
  return (documents ??= new PreparedDocuments(emulatorSchema(), DOCUMENT_CACHE_SIZE));
}

/** Runs GraphQL for both the /graphql endpoint and the rules' mutation actions, against one store. */
export class GraphqlExecutor {
  private readonly schema = emulatorSchema();
  private readonly documents = sharedDocuments();

  constructor(private readonly context: GraphqlContext) {}

  /** What graphql() answers, without parsing and validating a text seen before. */
  run(source: string, variableValues?: Record<string, unknown> | null, operationName?: string | null): Promise<ExecutionResult> {
    // Always a promise, and anything thrown before execution becomes a rejection, as with graphql().
    return new Promise((resolve) => {
      const prepared = this.documents.prepare(source);
      resolve(
        'errors' in prepared
          ? { errors: [...prepared.errors] }
          : execute({ schema: this.schema, document: prepared.document, variableValues, operationName, contextValue: this.context }),
      );
    });
  }

  /** Applies a rule's MutateAction (`updateInvoice` + its input) through the same resolvers as /graphql. */
  async mutate(mutation: string, input: Record<string, unknown>): Promise<void> {
    const field = this.schema.getMutationType()?.getFields()[mutation];
    const inputArg = field?.args.find((arg) => arg.name === 'input');
    if (!field || !inputArg) throw new Error(`Unknown mutation ${mutation}`);
    const result = await this.run(
      `mutation EmulatorAction($input: ${String(inputArg.type)}) { ${mutation}(input: $input) { __typename } }`,
      { input },
    );
    if (result.errors?.length) throw new Error(`${mutation}: ${result.errors.map((e) => e.message).join('; ')}`);
  }
}
