import { randomUUID } from 'node:crypto';
import type { EventApiRequest } from '../../../connector/fluent/event-model.ts';
import type { GraphqlExecutor } from '../graphql/executor.ts';
import type { RuleRegistry } from '../rules/registry.ts';
import type { EntityStore, Row } from '../store.ts';
import type { WebhookDeliverer } from '../webhooks/deliverer.ts';
import { platformCreate } from '../workflow/create-event.ts';
import { WorkflowRunner } from '../workflow/runner.ts';
import type { Workflow } from '../workflow/workflow-file.ts';
import { EventLog } from './event-log.ts';
import type { EmulatorEvent } from './event-record.ts';

export interface OrchestratorDeps {
  accountId: string;
  retailerId: string;
  store: EntityStore;
  workflows: readonly Workflow[];
  registry: RuleRegistry;
  executor: GraphqlExecutor;
  deliverer: WebhookDeliverer;
}

interface Origin {
  mode: 'ASYNC' | 'SYNC';
  generatedBy: string;
  sourceEvent?: string;
}

/**
 * Fluent's event intake: records every event, runs them one at a time in arrival order (so two events
 * never interleave on one entity) and holds scheduled events until they are due.
 */
export class Orchestrator {
  readonly log = new EventLog();
  private readonly runner: WorkflowRunner;
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly deps: OrchestratorDeps) {
    this.runner = new WorkflowRunner({
      ...deps,
      // A rule may send a partial event: retailer and entity type default to the event that sent it.
      raise: (event, source) => {
        const request = { ...event, retailerId: event.retailerId ?? source.retailerId, entityType: event.entityType ?? source.context.entityType };
        this.submit(request, { mode: 'ASYNC', generatedBy: 'rubix', sourceEvent: source.id });
      },
      audit: (source, category, message, failed) => this.audit(source, category, message, failed),
    });
  }

  /** Queues an event (the async Event API, CREATE events, events sent by rules). */
  submit(request: EventApiRequest, origin: Origin): EmulatorEvent {
    const event = this.log.add(this.record(request, origin));
    const due = request.scheduledOn ? Date.parse(request.scheduledOn) - Date.now() : 0;
    if (due > 0) {
      event.eventStatus = 'SCHEDULED';
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        event.eventStatus = 'PENDING';
        void this.enqueue(event);
      }, due);
      this.timers.add(timer);
    } else void this.enqueue(event);
    return event;
  }

  /** The sync Event API: runs the event (after anything already queued) and returns it finished. */
  async runSync(request: EventApiRequest, generatedBy: string): Promise<EmulatorEvent> {
    const event = this.log.add(this.record(request, { mode: 'SYNC', generatedBy }));
    await this.enqueue(event);
    return event;
  }

  /** GraphQL's hook after a create: link the entity to its workflow and raise CREATE where Fluent does. */
  entityCreated(entityType: string, row: Row): void {
    const request = platformCreate(this.deps, entityType, row);
    if (request) this.submit(request, { mode: 'ASYNC', generatedBy: 'platform' });
  }

  /** True while an event is queued or running (scheduled events do not count until due). */
  get busy(): boolean {
    return this.queued > 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.chain;
  }

  private enqueue(event: EmulatorEvent): Promise<void> {
    this.queued++;
    const run = this.chain
      .then(async () => {
        if (this.closed) {
          event.eventStatus = 'FAILED';
          event.message = 'emulator closed before the event ran';
        } else await this.runner.run(event);
      })
      .catch((error: unknown) => {
        event.eventStatus = 'FAILED';
        event.message = error instanceof Error ? error.message : String(error);
      })
      .finally(() => this.queued--);
    this.chain = run;
    return run;
  }

  private record(request: EventApiRequest, origin: Origin): EmulatorEvent {
    const rootType = request.rootEntityType ?? request.entityType;
    return {
      id: randomUUID(),
      name: request.name,
      type: 'ORCHESTRATION',
      accountId: this.deps.accountId,
      retailerId: String(request.retailerId),
      // INFERRED: orchestration events are categorised by their workflow, as in ORDER_WORKFLOW.
      category: `${rootType}_WORKFLOW`,
      context: {
        sourceEvents: origin.sourceEvent ? [origin.sourceEvent] : [],
        entityType: request.entityType,
        entityId: request.entityId,
        entityRef: request.entityRef,
        entitySubtype: request.entitySubtype,
        rootEntityType: request.rootEntityType,
        rootEntityId: request.rootEntityId,
        rootEntityRef: request.rootEntityRef,
      },
      eventStatus: 'PENDING',
      attributes: request.attributes ?? {},
      source: request.source ?? origin.sourceEvent,
      generatedBy: origin.generatedBy,
      generatedOn: new Date().toISOString(),
      scheduledOn: request.scheduledOn,
      mode: origin.mode,
      rules: [],
    };
  }

  private audit(source: EmulatorEvent, category: string, message: string, failed: boolean): void {
    this.log.add({
      ...this.record({ name: source.name, retailerId: source.retailerId, entityType: source.context.entityType }, {
        mode: source.mode,
        generatedBy: 'rubix',
        sourceEvent: source.id,
      }),
      type: 'ORCHESTRATION_AUDIT',
      category,
      context: { ...source.context, sourceEvents: [source.id] },
      eventStatus: failed ? 'FAILED' : 'COMPLETE',
      attributes: { message },
      message,
    });
  }
}
