import { ENTITY_UPDATE_MUTATION } from '../../../connector/fluent/contract.ts';
import type { FluentEvent } from '../../../connector/fluent/event-model.ts';
import { RubixException, type RuleEntity } from './rule.ts';

/**
 * The update mutation and key input for an entity, as core rules address it: contract.ts's map, plus
 * billing accounts (by ref) and the retailer that UpdateReturnOrderInput requires alongside the ref.
 */
export function entityUpdate(entity: RuleEntity, event: FluentEvent): { mutation: string; input: Record<string, unknown> } {
  const target =
    ENTITY_UPDATE_MUTATION[entity.type] ??
    (entity.type === 'BILLING_ACCOUNT' ? { mutation: 'updateBillingAccount', key: 'ref' as const } : undefined);
  if (!target) throw new RubixException(400, `no update mutation for entity type ${entity.type}`);
  const input: Record<string, unknown> = { [target.key]: target.key === 'id' ? entity.id : entity.ref };
  if (entity.type === 'RETURN_ORDER') input.retailer = { id: event.retailerId };
  return { mutation: target.mutation, input };
}
