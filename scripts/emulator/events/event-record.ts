export type EventStatus = 'PENDING' | 'SCHEDULED' | 'COMPLETE' | 'FAILED' | 'NO_MATCH';

export interface RuleRun {
  name: string;
  props: Record<string, unknown>;
  error?: string;
}

/**
 * An event the emulator received or created, in Fluent's Event Structure (REFERENCE.md §2) plus
 * emulator-only fields saying how it ran (mode, ruleset, rules, message).
 */
export interface EmulatorEvent {
  id: string;
  name: string;
  /** ORCHESTRATION events drive workflows; ORCHESTRATION_AUDIT events describe what happened. */
  type: 'ORCHESTRATION' | 'ORCHESTRATION_AUDIT';
  accountId: string;
  retailerId: string;
  category: string;
  context: {
    sourceEvents: string[];
    entityType: string;
    entityId?: string;
    entityRef?: string;
    entitySubtype?: string;
    rootEntityType?: string;
    rootEntityId?: string;
    rootEntityRef?: string;
  };
  eventStatus: EventStatus;
  attributes: Record<string, unknown>;
  source?: string;
  generatedBy: string;
  generatedOn: string;
  scheduledOn?: string;
  mode: 'ASYNC' | 'SYNC';
  ruleset?: string;
  rules: RuleRun[];
  message?: string;
}

/**
 * What GET /api/v4.1/event answers: the Fluent structure only. INFERRED: attributes are listed as
 * {name, type, value} like the rest of Fluent, where REFERENCE.md §2 shows a list.
 */
export function fluentView(event: EmulatorEvent): Record<string, unknown> {
  return {
    id: event.id,
    name: event.name,
    type: event.type,
    accountId: event.accountId,
    retailerId: event.retailerId,
    category: event.category,
    context: event.context,
    eventStatus: event.eventStatus,
    attributes: Object.entries(event.attributes).map(([name, value]) => ({ name, type: attributeType(value), value })),
    source: event.source,
    generatedBy: event.generatedBy,
    generatedOn: event.generatedOn,
    ...(event.scheduledOn ? { scheduledOn: event.scheduledOn } : {}),
  };
}

function attributeType(value: unknown): string {
  if (typeof value === 'string') return 'STRING';
  if (typeof value === 'number') return Number.isInteger(value) ? 'INTEGER' : 'FLOAT';
  if (typeof value === 'boolean') return 'BOOLEAN';
  return 'JSON';
}
