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

export interface RuleContext {
  event: FluentEvent;
  props: Record<string, unknown>;
  entity: RuleEntity;
  /** A setting's value by name (JSON settings parsed), or undefined when there is none. */
  getSetting(name: string): unknown;
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
