import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coerceInputValue, isInputType, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTE,
  ATTRIBUTE_ALLOW_LIST,
  ATTRIBUTE_TYPE,
  DOCUMENT_FAILED_EVENT,
  DOCUMENT_GENERATED_EVENT,
  DOCUMENT_REQUESTED_EVENT,
  ENTITY_UPDATE_MUTATION,
  WEBHOOK_SETTING_NAME,
} from '../../connector/fluent/contract.ts';
import { fluentEventSchema, type FluentEvent } from '../../connector/fluent/event-model.ts';
import * as applyDocumentUpdate from '../../scripts/emulator/rules/folio-apply-document-update.ts';
import * as sendDocumentWebhook from '../../scripts/emulator/rules/folio-send-document-webhook.ts';
import { JsonNode, RubixException, type Rule, type RuleAction, type RuleContext, type RuleEntity, type SettingNode } from '../../scripts/emulator/rules/rule.ts';
import { fluentSchema } from '../compose/support/fluent-schema.ts';

/**
 * Runs every shared vector (fluent-rules/vectors/*.json) through the emulator's TypeScript mirrors of
 * the Java rules. fluent-rules/test.sh runs the same vectors through the Java rules, so the two cannot
 * drift; the last block checks that FolioContract.java still mirrors contract.ts.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const vectorsDir = join(root, 'fluent-rules/vectors');
const javaDir = join(root, 'fluent-rules/src/main/java/com/folio/fluent/rules');
const graphqlDir = join(root, 'fluent-rules/src/main/graphql');

interface Vector {
  rule: 'SendDocumentWebhook' | 'ApplyDocumentUpdate';
  description: string;
  props: Record<string, unknown>;
  /** How each value reaches the Java rule (RuntimeValue.java); event attributes may use the same form. */
  settings: Record<string, SdkValue>;
  entity: RuleEntity;
  event: Record<string, unknown>;
  expect:
    | { webhooks: { url: string; body: Record<string, unknown> }[] }
    | { mutations: { mutation: string; input: Record<string, unknown> }[] }
    | { error: { code: number; message?: string; messageContains?: string } };
}

const SDK_FORMS = ['ObjectNode', 'JsonNode', 'Map', 'jsonString', 'raw'] as const;
interface SdkValue {
  as: (typeof SDK_FORMS)[number];
  value: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{"as", "value"}` exactly, or undefined for a plain value (what Jackson's untyped deserialisation gives). */
function sdkValue(json: unknown, where: string): SdkValue | undefined {
  if (!isRecord(json) || Object.keys(json).sort().join() !== 'as,value') return undefined;
  const as = json.as as SdkValue['as'];
  if (!SDK_FORMS.includes(as)) throw new Error(`${where}.as must be one of ${SDK_FORMS.join(', ')}`);
  const fits = as === 'ObjectNode' || as === 'Map' ? isRecord(json.value) : as !== 'jsonString' || typeof json.value === 'string';
  if (!fits) throw new Error(`${where}.value does not fit "as": ${as}`);
  return { as, value: json.value };
}

/** The value the rule receives: a JsonNode for the Jackson forms, the plain value otherwise. */
function runtimeValue({ as, value }: SdkValue): unknown {
  return as === 'ObjectNode' || as === 'JsonNode' ? new JsonNode(value) : value;
}

/** A vector setting as the SDK's GetSettingsQuery node: a jsonString is a STRING setting, anything else a JSON one. */
function settingNodeFor(vector: Vector, name: string): SettingNode | undefined {
  if (!Object.hasOwn(vector.settings, name)) return undefined;
  const typed = sdkValue(vector.settings[name], `settings.${name}`);
  if (typed === undefined) throw new Error(`settings.${name} needs {"as", "value"}`);
  return typed.as === 'jsonString'
    ? { valueType: 'STRING', value: typed.value as string, lobValue: null }
    : { valueType: 'JSON', value: null, lobValue: runtimeValue(typed) };
}

/** The vector's event with each typed attribute in its runtime form (Vectors.attributes in Java). */
function eventFor(vector: Vector): FluentEvent {
  const event = fluentEventSchema.parse(vector.event);
  const attributes = Object.entries(event.attributes).map(([name, value]) => {
    const typed = sdkValue(value, `event.attributes.${name}`);
    return [name, typed === undefined ? value : runtimeValue(typed)];
  });
  return { ...event, attributes: Object.fromEntries(attributes) };
}

const rules: Record<Vector['rule'], Rule> = {
  SendDocumentWebhook: sendDocumentWebhook.rule,
  ApplyDocumentUpdate: applyDocumentUpdate.rule,
};

const files = readdirSync(vectorsDir)
  .filter((name) => name.endsWith('.json'))
  .sort();
const vectors = files.map((file) => ({ file, vector: JSON.parse(readFileSync(join(vectorsDir, file), 'utf8')) as Vector }));

function contextFor(vector: Vector, event: FluentEvent): { context: RuleContext; actions: RuleAction[] } {
  const actions: RuleAction[] = [];
  const context: RuleContext = {
    event,
    props: vector.props,
    entity: vector.entity,
    getSetting: (name) => (Object.hasOwn(vector.settings, name) ? vector.settings[name]!.value : undefined),
    settingNode: (name) => settingNodeFor(vector, name),
    action: {
      postWebhook: (url, body) => actions.push({ kind: 'webhook', url, event: body }),
      sendEvent: (sent) => actions.push({ kind: 'event', event: sent }),
      mutation: (mutation, input) => actions.push({ kind: 'mutation', mutation, input }),
      log: (message) => actions.push({ kind: 'log', message }),
    },
  };
  return { context, actions };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Folio rule vectors (TypeScript mirrors)', () => {
  it('has the shared vectors for both rules', () => {
    expect(files.length).toBeGreaterThanOrEqual(11);
    expect(new Set(vectors.map(({ vector }) => vector.rule))).toEqual(new Set(['SendDocumentWebhook', 'ApplyDocumentUpdate']));
  });

  it.each(vectors)('$file', async ({ vector }) => {
    expect(Object.keys(vector).sort()).toEqual(['description', 'entity', 'event', 'expect', 'props', 'rule', 'settings']);
    const event = eventFor(vector);
    const { context, actions } = contextFor(vector, event);

    let thrown: unknown;
    try {
      await rules[vector.rule](context);
    } catch (error) {
      thrown = error;
    }

    const webhooks = actions.flatMap((a) => (a.kind === 'webhook' ? [a] : []));
    const mutations = actions.flatMap((a) => (a.kind === 'mutation' ? [{ mutation: a.mutation, input: a.input }] : []));
    expect(actions.filter((a) => a.kind === 'event')).toEqual([]);

    if ('error' in vector.expect) {
      expect(thrown).toBeInstanceOf(RubixException);
      const error = thrown as RubixException;
      expect(error.code).toBe(vector.expect.error.code);
      const { message, messageContains } = vector.expect.error;
      if (message !== undefined) expect(error.message).toBe(message);
      else expect(error.message).toContain(messageContains);
      expect([...webhooks, ...mutations]).toEqual([]);
      return;
    }
    if (thrown !== undefined) throw thrown;

    if ('webhooks' in vector.expect) {
      // The webhook goes out as JSON: Jackson nodes in the attributes are written as their JSON.
      const sent = webhooks.map(({ url, event: body }) => {
        const { id, ...rest } = JSON.parse(JSON.stringify(body)) as FluentEvent;
        expect(id).toMatch(UUID);
        expect(id).not.toBe(event.id);
        return { url, body: rest };
      });
      expect(sent).toEqual(vector.expect.webhooks);
      expect(mutations).toEqual([]);
    } else {
      expect(mutations).toEqual(vector.expect.mutations);
      expect(webhooks).toEqual([]);
    }
  });

  it('logs the attributes ApplyDocumentUpdate ignores', async () => {
    const found = vectors.find(({ file }) => file === 'apply-drops-non-allow-listed.json');
    expect(found).toBeDefined();
    const vector = found!.vector;
    const { context, actions } = contextFor(vector, eventFor(vector));
    await applyDocumentUpdate.rule(context);
    const logs = actions.flatMap((a) => (a.kind === 'log' ? [a.message] : []));
    expect(logs).toHaveLength(1);
    const ignored = Object.keys(vector.event.attributes as object).filter((name) => !ATTRIBUTE_ALLOW_LIST.includes(name));
    expect(ignored.length).toBeGreaterThan(0);
    for (const name of ignored) expect(logs[0]).toContain(name);
  });
});

/** Java string literal → its value (enough for the literals in these files). */
function javaString(literal: string): string {
  return JSON.parse(`"${literal}"`) as string;
}

describe('FolioContract.java mirrors contract.ts', () => {
  const contract = readFileSync(join(javaDir, 'FolioContract.java'), 'utf8');
  const constant = (name: string): string | undefined => {
    const match = new RegExp(`static final String ${name} = "((?:[^"\\\\]|\\\\.)*)";`).exec(contract);
    return match ? javaString(match[1]!) : undefined;
  };

  it('has the same event and setting names', () => {
    expect(constant('DOCUMENT_REQUESTED_EVENT')).toBe(DOCUMENT_REQUESTED_EVENT);
    expect(constant('DOCUMENT_GENERATED_EVENT')).toBe(DOCUMENT_GENERATED_EVENT);
    expect(constant('DOCUMENT_FAILED_EVENT')).toBe(DOCUMENT_FAILED_EVENT);
    expect(constant('WEBHOOK_SETTING_NAME')).toBe(WEBHOOK_SETTING_NAME);
    expect(constant('WEBHOOK_ATTRIBUTE_DOCUMENT_TYPE')).toBe(sendDocumentWebhook.WEBHOOK_ATTRIBUTE.documentType);
    expect(constant('WEBHOOK_ATTRIBUTE_LOCALE')).toBe(sendDocumentWebhook.WEBHOOK_ATTRIBUTE.locale);
  });

  it('has the same allow-list, in the same order, with the same types', () => {
    const block = /ATTRIBUTE_ALLOW_LIST = Collections\.unmodifiableList\(Arrays\.asList\(([^;]*)\)\);/.exec(contract);
    expect(block).not.toBeNull();
    const names = block![1]!
      .split(',')
      .map((s) => s.trim())
      .map((identifier) => constant(identifier));
    expect(names).toEqual([...ATTRIBUTE_ALLOW_LIST]);
    expect(Object.values(ATTRIBUTE)).toEqual([...ATTRIBUTE_ALLOW_LIST]);
    const json = ATTRIBUTE_ALLOW_LIST.filter((name) => ATTRIBUTE_TYPE[name] === 'JSON');
    expect(json).toEqual([ATTRIBUTE.storage, ATTRIBUTE.refundPlan, ATTRIBUTE.einvoices]);
    expect(contract).toMatch(/return ATTRIBUTE_STORAGE\.equals\(name\) \|\| ATTRIBUTE_REFUND_PLAN\.equals\(name\) \|\| ATTRIBUTE_EINVOICES\.equals\(name\)\s+\? ATTRIBUTE_TYPE_JSON\s+: ATTRIBUTE_TYPE_STRING;/);
  });

  it('maps the same entity types to the same mutations, inputs and keys', () => {
    const entries = [...contract.matchAll(/^ {8}([A-Z_]+)\("(\w+)", "(\w+)", Key\.(REF|ID), (true|false)\) \{/gm)].map((m) => ({
      entityType: m[1]!,
      mutation: m[2]!,
      input: m[3]!,
      key: m[4]!.toLowerCase(),
      needsRetailer: m[5] === 'true',
    }));
    expect(entries.map((e) => e.entityType)).toEqual(Object.keys(ENTITY_UPDATE_MUTATION));
    for (const entry of entries) {
      expect({ mutation: entry.mutation, input: entry.input, key: entry.key }).toEqual(ENTITY_UPDATE_MUTATION[entry.entityType]);
      expect(entry.needsRetailer).toBe(applyDocumentUpdate.INPUT_NEEDS_RETAILER.has(entry.entityType));
    }
  });

  it('validates props with the same patterns as SendDocumentWebhook.java', () => {
    const java = readFileSync(join(javaDir, 'SendDocumentWebhook.java'), 'utf8');
    const pattern = (name: string) => {
      const match = new RegExp(`${name} = Pattern\\.compile\\("((?:[^"\\\\]|\\\\.)*)"(,\\s*Pattern\\.CASE_INSENSITIVE)?\\)`).exec(java);
      expect(match, name).not.toBeNull();
      return { source: javaString(match![1]!), ignoreCase: match![2] !== undefined };
    };
    const same = (name: string, regex: RegExp) =>
      expect(pattern(name)).toEqual({ source: regex.source.replaceAll('\\/', '/'), ignoreCase: regex.flags.includes('i') });
    same('URL_PATTERN', sendDocumentWebhook.PATTERNS.url);
    same('DOCUMENT_TYPE_PATTERN', sendDocumentWebhook.PATTERNS.documentType);
    same('LOCALE_PATTERN', sendDocumentWebhook.PATTERNS.locale);
  });
});

// The 2020 SDL plus what Fluent documents since that Folio uses (updatePayment among them).
describe('the rules\' GraphQL against Fluent\'s schema (test/fixtures/fluent/schema-2020.graphql and newer fields)', () => {
  const schema = fluentSchema();

  it('the .graphql documents the Apollo codegen reads are valid', () => {
    for (const dir of ['mutation', 'query']) {
      for (const file of readdirSync(join(graphqlDir, dir))) {
        const errors = validate(schema, parse(readFileSync(join(graphqlDir, dir, file), 'utf8')));
        expect(errors.map((e) => e.message), `${dir}/${file}`).toEqual([]);
      }
    }
  });

  it('every expected mutation input is a valid input of its mutation', () => {
    const mutationType = schema.getMutationType()!;
    for (const { file, vector } of vectors) {
      if (!('mutations' in vector.expect)) continue;
      for (const call of vector.expect.mutations) {
        const field = mutationType.getFields()[call.mutation];
        expect(field, `${file}: ${call.mutation}`).toBeDefined();
        const arg = field!.args.find((a) => a.name === 'input');
        expect(arg && isInputType(arg.type)).toBe(true);
        const problems: string[] = [];
        coerceInputValue(call.input, arg!.type, (path, _value, error) => problems.push(`${path.join('.')}: ${error.message}`));
        expect(problems, file).toEqual([]);
      }
    }
  });
});
