import type { FluentEvent } from '../../../connector/fluent/event-model.ts';
import type { EntityStore } from '../store.ts';
import type { RuleAction, RuleContext, RuleEntity } from '../rules/rule.ts';
import { settingNode, settingValue } from './settings-lookup.ts';

/**
 * A rule's view of the world, like Fluent's Context: the event (a private copy, so one rule cannot
 * change what the next one sees), its props, the entity, settings, and an action queue the runner
 * applies once the rule returns.
 */
export function ruleContext(store: EntityStore, event: FluentEvent, props: Record<string, unknown>, entity: RuleEntity): { context: RuleContext; actions: RuleAction[] } {
  const actions: RuleAction[] = [];
  const context: RuleContext = {
    event: structuredClone(event),
    props: structuredClone(props),
    entity: { ...entity },
    getSetting: (name) => settingValue(store, name, event.retailerId),
    settingNode: (name) => settingNode(store, name, event.retailerId),
    action: {
      postWebhook: (url, webhookEvent) => actions.push({ kind: 'webhook', url, event: webhookEvent }),
      sendEvent: (sent) => actions.push({ kind: 'event', event: sent }),
      mutation: (mutation, input) => actions.push({ kind: 'mutation', mutation, input }),
      log: (message) => actions.push({ kind: 'log', message }),
    },
  };
  return { context, actions };
}
