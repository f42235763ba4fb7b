import { readFileSync } from 'node:fs';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_ADDITIONS } from '../../scripts/emulator/schema-additions.ts';
import { realFluentSdl } from '../fixtures/fluent/real-fluent.ts';

const ours = buildSchema(readFileSync(new URL('../../scripts/emulator/schema.graphql', import.meta.url), 'utf8'));
const real = buildSchema(realFluentSdl());

function kind(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object';
  if (isInterfaceType(type)) return 'interface';
  if (isInputObjectType(type)) return 'input';
  if (isEnumType(type)) return 'enum';
  if (isScalarType(type)) return 'scalar';
  return 'union';
}

function ownTypes(schema: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__') && !isSpecifiedScalarType(type));
}

/** Every difference between our SDL and the real one, as readable strings; allowed additions excluded. */
function differences(): string[] {
  const found: string[] = [];
  for (const type of ownTypes(ours)) {
    if (SCHEMA_ADDITIONS[type.name]) continue;
    const theirs = real.getType(type.name);
    if (!theirs) {
      found.push(`type ${type.name} is not in the real SDL`);
      continue;
    }
    if (kind(theirs) !== kind(type)) found.push(`${type.name} is ${kind(type)}, real is ${kind(theirs)}`);
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(theirs) || isInterfaceType(theirs))) {
      const realInterfaces = theirs.getInterfaces().map((i) => i.name);
      for (const i of type.getInterfaces()) if (!realInterfaces.includes(i.name)) found.push(`${type.name} implements ${i.name}: not in real`);
      const realFields = theirs.getFields();
      for (const field of Object.values(type.getFields())) {
        const path = `${type.name}.${field.name}`;
        if (SCHEMA_ADDITIONS[path]) continue;
        const realField = realFields[field.name];
        if (!realField) { found.push(`${path} is not in the real SDL`); continue; }
        if (String(field.type) !== String(realField.type)) found.push(`${path}: ${field.type} vs real ${realField.type}`);
        for (const arg of field.args) {
          const realArg = realField.args.find((a) => a.name === arg.name);
          if (!realArg) found.push(`${path}(${arg.name}) is not in the real SDL`);
          else if (String(arg.type) !== String(realArg.type)) found.push(`${path}(${arg.name}): ${arg.type} vs real ${realArg.type}`);
        }
        // A call that satisfies our SDL must also satisfy Fluent's: no required argument may be missing.
        for (const realArg of realField.args)
          if (isNonNullType(realArg.type) && realArg.defaultValue === undefined && !field.args.some((a) => a.name === realArg.name))
            found.push(`${path} lacks required argument ${realArg.name}`);
      }
    }
    if (isInputObjectType(type) && isInputObjectType(theirs)) {
      const realFields = theirs.getFields();
      for (const field of Object.values(type.getFields())) {
        const path = `${type.name}.${field.name}`;
        if (SCHEMA_ADDITIONS[path]) continue;
        const realField = realFields[field.name];
        if (!realField) found.push(`${path} is not in the real SDL`);
        else if (String(field.type) !== String(realField.type)) found.push(`${path}: ${field.type} vs real ${realField.type}`);
      }
      for (const realField of Object.values(realFields))
        if (isNonNullType(realField.type) && realField.defaultValue === undefined && !type.getFields()[realField.name])
          found.push(`${type.name} lacks required input field ${realField.name}`);
    }
    if (isEnumType(type) && isEnumType(theirs))
      for (const value of type.getValues()) if (!theirs.getValue(value.name)) found.push(`${type.name}.${value.name} is not in the real enum`);
  }
  return found;
}

describe('emulator SDL against Fluent’s real SDL', () => {
  it('declares only types, fields, arguments and input fields that Fluent has, with the same types', () => {
    expect(differences()).toEqual([]);
  });

  it('covers the types and operations the project uses', () => {
    for (const name of ['Invoice', 'InvoiceItem', 'BillingAccount', 'Customer', 'Order', 'OrderItem', 'FinancialTransaction',
      'Fulfilment', 'FulfilmentItem', 'Consignment', 'Article', 'CreditMemo', 'CreditMemoItem', 'ReturnOrder',
      'ReturnOrderItem', 'Setting', 'Attribute', 'AmountType', 'TaxType', 'QuantityType', 'CurrencyLink',
      'StreetAddress', 'RetailerLink', 'OrderLink', 'WorkflowLink', 'PageInfo'])
      expect(ours.getType(name), name).toBeDefined();
    const queries = Object.keys(ours.getQueryType()?.getFields() ?? {});
    expect(queries).toEqual(expect.arrayContaining(['invoice', 'invoices', 'creditMemo', 'billingAccount', 'order',
      'orderById', 'customer', 'fulfilmentById', 'returnOrder', 'settings']));
    const mutations = Object.keys(ours.getMutationType()?.getFields() ?? {});
    expect(mutations).toEqual(expect.arrayContaining(['createBillingAccount', 'createCustomer', 'createOrder',
      'createInvoice', 'updateInvoice', 'createCreditMemo', 'updateCreditMemo', 'updateOrder', 'updateBillingAccount',
      'createSetting', 'updateSetting', 'createFinancialTransaction', 'createFulfilment', 'updateFulfilment',
      'createReturnOrder', 'updateReturnOrder']));
  });

  it('keeps the allow-list honest: every entry is used by our SDL and really absent from the 2020 SDL', () => {
    for (const key of Object.keys(SCHEMA_ADDITIONS)) {
      const [typeName, fieldName] = key.split('.') as [string, string | undefined];
      const ourType = ours.getType(typeName);
      expect(ourType, `${key} is allow-listed but not in our SDL`).toBeDefined();
      if (fieldName === undefined) {
        expect(real.getType(typeName), `${key} exists in the real SDL: drop it from the allow-list`).toBeUndefined();
        continue;
      }
      const ourFields = ourType && (isObjectType(ourType) || isInterfaceType(ourType) || isInputObjectType(ourType)) ? ourType.getFields() : {};
      expect(ourFields[fieldName], `${key} is allow-listed but not in our SDL`).toBeDefined();
      const realType = real.getType(typeName);
      const realFields = realType && (isObjectType(realType) || isInterfaceType(realType) || isInputObjectType(realType)) ? realType.getFields() : {};
      expect(realFields[fieldName], `${key} exists in the real SDL: drop it from the allow-list`).toBeUndefined();
    }
  });
});
