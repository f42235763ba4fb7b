import type { FluentEvent } from '../../../connector/fluent/event-model.ts';
import type { EmulatorEvent, EventStatus, RuleRun } from '../events/event-record.ts';
import type { GraphqlExecutor } from '../graphql/executor.ts';
import { readAudit } from '../rules/audit.ts';
import type { RuleRegistry } from '../rules/registry.ts';
import { RubixException, type Rule, type RuleAction, type RuleEntity } from '../rules/rule.ts';
import type { EntityStore } from '../store.ts';
import { CORE_SEND_WEBHOOK } from '../rules/core-send-webhook.ts';
import { retrySchedule, type WebhookDeliverer } from '../webhooks/deliverer.ts';
import { retriedWebhook } from '../webhooks/retry-method.ts';
import { describe, eventSubtype, locate, type Located } from './entities.ts';
import { ruleContext } from './rule-context.ts';
import { findWorkflow, matchRuleset, type Workflow } from './workflow-file.ts';

export interface RunnerDeps {
  accountId: string;
  store: EntityStore;
  workflows: readonly Workflow[];
  registry: RuleRegistry;
  executor: GraphqlExecutor;
  deliverer: WebhookDeliverer;
  /** Queues an event a rule sent. */
  raise(event: Extract<RuleAction, { kind: 'event' }>['event'], source: EmulatorEvent): void;
  /** Records an ORCHESTRATION_AUDIT event about `source`. */
  audit(source: EmulatorEvent, category: string, message: string, failed: boolean): void;
}

/**
 * Runs one event through its workflow, as Fluent's orchestration engine does: find the entity and its
 * root, the root's workflow, the ruleset (name + entity type + status trigger), then each rule in order.
 * Mutations apply right after the rule that queued them; webhooks and sent events after the ruleset.
 */
export class WorkflowRunner {
  constructor(private readonly deps: RunnerDeps) {}

  async run(event: EmulatorEvent): Promise<void> {
    const { context } = event;
    const located = locate(this.deps.store, context.entityType, { id: context.entityId, ref: context.entityRef });
    if (!located) return finish(event, 'FAILED', `no ${context.entityType} with ${context.entityId ? `id ${context.entityId}` : `ref ${context.entityRef}`}`);
    Object.assign(context, {
      entityId: located.row.id,
      entityRef: located.entity.ref || undefined,
      rootEntityType: located.root.type,
      rootEntityId: located.root.row.id,
      rootEntityRef: located.root.row.ref === undefined ? undefined : String(located.root.row.ref),
      entitySubtype: context.entitySubtype ?? eventSubtype(context.entityType, located.row, located.root),
    });
    event.category = `${located.root.type}_WORKFLOW`;
    const workflowKey = `${located.root.type}::${String(located.root.row.type)}`;
    const workflow = findWorkflow(this.deps.workflows, event.retailerId, located.root.type, String(located.root.row.type));
    if (!workflow) return finish(event, 'NO_MATCH', `no workflow ${workflowKey} for retailer ${event.retailerId}`);
    const ruleset = matchRuleset(workflow, { name: event.name, entityType: context.entityType, entitySubtype: context.entitySubtype }, located.entity.status);
    if (!ruleset)
      return finish(event, 'NO_MATCH', `${workflowKey} has no ruleset ${event.name} for ${context.entityType} in status ${located.entity.status}`);
    event.ruleset = ruleset.name;

    const ruleEvent = this.ruleEvent(event, located);
    // Webhooks remember the rule that sent them: Fluent retries a custom rule's webhook differently.
    const later: { action: RuleAction; rule: string }[] = [];
    let entity: RuleEntity = located.entity;
    for (const reference of ruleset.rules) {
      const run: RuleRun = { name: reference.name, props: reference.props };
      event.rules.push(run);
      try {
        const { context: ruleCtx, actions } = ruleContext(this.deps.store, ruleEvent, reference.props, entity);
        await this.rule(reference.name)(ruleCtx);
        for (const action of actions) {
          if (action.kind === 'mutation') await this.deps.executor.mutate(action.mutation, action.input);
          else if (action.kind === 'log') {
            const audit = readAudit(action.message);
            this.deps.audit(event, 'CUSTOM', audit.message, audit.failed);
          } else later.push({ action, rule: reference.name });
        }
      } catch (error) {
        run.error = error instanceof Error ? error.message : String(error);
        this.deps.audit(event, 'exception', `${reference.name}: ${run.error}`, true);
        return finish(event, 'FAILED', run.error);
      }
      entity = describe(context.entityType, located.row);
    }
    for (const { action, rule } of later) {
      if (action.kind === 'webhook') {
        const standardRule = rule === `${this.deps.accountId}.${CORE_SEND_WEBHOOK}`;
        const retry = retriedWebhook({ webhook: action.event, triggering: ruleEvent, standardRule, workflowSettings: workflow.settings });
        this.deps.deliverer.deliver(action.url, action.event, event.id, retrySchedule(workflow.settings?.['fc.rubix.sdk.webhook.retry.schedule']), retry);
      } else if (action.kind === 'event') this.deps.raise(action.event, event);
    }
    finish(event, 'COMPLETE');
  }

  private rule(name: string): Rule {
    const prefix = `${this.deps.accountId}.`;
    const rule = name.startsWith(prefix) ? this.deps.registry.get(name.slice(prefix.length)) : undefined;
    if (!rule) throw new RubixException(404, `rule ${name} is not installed for account ${this.deps.accountId}`);
    return rule;
  }

  /** The event as rules (and webhooks) see it: Fluent's event model, shaped like a real captured webhook body. */
  private ruleEvent(event: EmulatorEvent, located: Located): FluentEvent {
    const { context } = event;
    return {
      id: event.id,
      name: event.name,
      accountId: event.accountId,
      retailerId: event.retailerId,
      entityId: located.row.id,
      entityRef: located.entity.ref,
      entityType: context.entityType,
      ...(context.entitySubtype ? { entitySubtype: context.entitySubtype } : {}),
      entityStatus: located.entity.status,
      type: 'NORMAL',
      attributes: event.attributes,
      meta: { mode: event.mode, simulation: false, models: [] },
      trailLogs: [],
      errorLogs: [],
      rootEntityId: context.rootEntityId,
      rootEntityType: context.rootEntityType,
      rootEntityRef: context.rootEntityRef,
    };
  }
}

function finish(event: EmulatorEvent, status: EventStatus, message?: string): void {
  event.eventStatus = status;
  if (message !== undefined) event.message = message;
}
