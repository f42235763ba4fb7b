import type { FluentEvent } from '../../../connector/fluent/event-model.ts';

/**
 * The emulator's mirror of Fluent's Java rule SDK (REFERENCE.md §6): a rule reads the event, its props,
 * the entity and settings, and queues actions; the runner applies them after the rule returns
 * (mutations right after the rule, events and webhooks after the ruleset), like Fluent does.
 */
export interface RuleEntity {
  type: string;
  ref: string;
  id: string;
  status: string;
  subtype?: string;
}

export type RuleAction =
  | { kind: 'webhook'; url: string; event: FluentEvent }
  | { kind: 'event'; event: Partial<FluentEvent> & { name: string } }
  | { kind: 'mutation'; mutation: string; input: Record<string, unknown> }
  | { kind: 'log'; message: string };

/**
 * A JSON value as a Jackson `JsonNode`: what Fluent's Java SDK hands a rule for a `Json` GraphQL scalar,
 * such as a setting's `lobValue` (an `ObjectNode` for a JSON object; public rule code casts it so). It
 * serialises as its JSON, as Jackson writes a node.
 */
export class JsonNode {
  constructor(readonly json: unknown) {}

  /** The node class Jackson's readTree/valueToTree makes for this value. */
  get javaClass(): string {
    const json = this.json;
    const type =
      json === null || json === undefined
        ? 'NullNode'
        : Array.isArray(json)
          ? 'ArrayNode'
          : typeof json === 'object'
            ? 'ObjectNode'
            : typeof json === 'string'
              ? 'TextNode'
              : typeof json === 'boolean'
                ? 'BooleanNode'
                : `${javaNumberType(json as number)}Node`;
    return `com.fasterxml.jackson.databind.node.${type}`;
  }

  toJSON(): unknown {
    return this.json;
  }
}

/**
 * Which Java number type Jackson picks for a JSON number: Int, Long or BigInteger for integers by size,
 * Double otherwise. JavaScript cannot tell `1.0` from `1`, so vectors avoid integral decimals.
 */
export function javaNumberType(value: number): 'Int' | 'Long' | 'BigInteger' | 'Double' {
  if (!Number.isInteger(value)) return 'Double';
  if (value >= -(2 ** 31) && value < 2 ** 31) return 'Int';
  return value >= -(2 ** 63) && value < 2 ** 63 ? 'Long' : 'BigInteger';
}

/**
 * A setting as a Java rule's generated `GetSettingsQuery.Node` shows it: `lobValue` is what the SDK
 * parsed the `Json` scalar into (a JsonNode from Fluent; a vector may hand a Map or a String instead),
 * `value` the plain string column.
 */
export interface SettingNode {
  valueType: string;
  value: string | null;
  lobValue: unknown;
}

export interface RuleContext {
  event: FluentEvent;
  props: Record<string, unknown>;
  entity: RuleEntity;
  /** A setting's value by name (JSON settings parsed), or undefined when there is none (Fluent's own rules). */
  getSetting(name: string): unknown;
  /** The same setting as Folio's Java rules read it over GraphQL, in the SDK's runtime types. */
  settingNode(name: string): SettingNode | undefined;
  action: {
    postWebhook(url: string, event: FluentEvent): void;
    sendEvent(event: Partial<FluentEvent> & { name: string }): void;
    mutation(mutation: string, input: Record<string, unknown>): void;
    log(message: string): void;
  };
}

/** Thrown by a rule for bad props or data, like Fluent's RubixException(code, message). */
export class RubixException extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RubixException';
  }
}

export type Rule = (context: RuleContext) => void | Promise<void>;
