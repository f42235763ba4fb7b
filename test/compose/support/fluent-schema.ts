import { buildSchema, type GraphQLSchema } from 'graphql';
import { realFluentSdl } from '../../fixtures/fluent/real-fluent.ts';

/**
 * The real 2020 Fluent SDL (test/fixtures/fluent). Fields Fluent added after 2020 that Folio
 * uses are declared in NEWER_FIELDS, so those stay checked too.
 */

const NEWER_FIELDS = `
  type FulfilmentLink { ref: String }
  extend type Invoice { fulfilment: FulfilmentLink }
  type Payment implements Node & Referenceable & Extendable {
    id: ID! ref: String! type: String! status: String! attributes: [Attribute] createdOn: DateTime updatedOn: DateTime
    financialTransaction: FinancialTransaction creditMemo: CreditMemo billingAccount: BillingAccount
  }
  extend type Query { payment(ref: String!): Payment }
  input UpdatePaymentInput { ref: String! status: String billingAccount: BillingAccountKey attributes: [AttributeInput] }
  extend type Mutation { updatePayment(input: UpdatePaymentInput): Payment }
`;

let cached: GraphQLSchema | undefined;

export function fluentSchema(): GraphQLSchema {
  if (cached) return cached;
  cached = buildSchema(realFluentSdl() + NEWER_FIELDS);
  return cached;
}
