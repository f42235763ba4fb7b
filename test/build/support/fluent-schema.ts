import { buildSchema, type GraphQLSchema } from 'graphql';
import { realFluentSdl } from '../../fixtures/fluent/real-fluent.ts';

/**
 * The real 2020 Fluent SDL (test/fixtures/fluent). Fields Fluent added after 2020 that Folio
 * uses are declared in NEWER_FIELDS, so those stay checked too.
 */

const NEWER_FIELDS = `
  type FulfilmentLink { ref: String }
  extend type Invoice { fulfilment: FulfilmentLink }
`;

let cached: GraphQLSchema | undefined;

export function fluentSchema(): GraphQLSchema {
  if (cached) return cached;
  cached = buildSchema(realFluentSdl() + NEWER_FIELDS);
  return cached;
}
