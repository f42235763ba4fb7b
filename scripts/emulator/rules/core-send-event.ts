import { z } from 'zod';
import { parseProps } from './props.ts';
import type { Rule } from './rule.ts';

const props = z.object({ eventName: z.string().min(1) });

/** `core.SendEvent {eventName}`: queues a new event for the same entity, carrying the event's attributes. */
export const rule: Rule = (context) => {
  const { eventName } = parseProps(props, context.props, 'core.SendEvent');
  const { event } = context;
  context.action.sendEvent({
    name: eventName,
    retailerId: event.retailerId,
    entityType: event.entityType,
    entityId: event.entityId,
    entityRef: event.entityRef,
    entitySubtype: event.entitySubtype,
    rootEntityType: event.rootEntityType,
    rootEntityId: event.rootEntityId,
    rootEntityRef: event.rootEntityRef,
    attributes: event.attributes,
  });
};
