import type { EventApiRequest } from '../../../connector/fluent/event-model.ts';
import type { EntityStore, Row } from '../store.ts';
import { RAISES_CREATE, eventSubtype, retailerOf, rootOf } from './entities.ts';
import { findWorkflow, linkVersion, type Workflow } from './workflow-file.ts';

/**
 * What the platform does when an entity is created: link it to its root's workflow (ROOT::SUBTYPE and
 * that workflow's version) and, for orchestrated types, name the CREATE event to raise.
 */
export function platformCreate(
  deps: { store: EntityStore; workflows: readonly Workflow[]; retailerId: string },
  entityType: string,
  row: Row,
): EventApiRequest | undefined {
  const root = rootOf(deps.store, entityType, row);
  const retailerId = (root && retailerOf(root)) ?? deps.retailerId;
  const rootType = root?.type ?? entityType;
  const rootSubtype = String((root?.row ?? row).type);
  const ref = `${rootType}::${rootSubtype}`;
  const version = linkVersion(findWorkflow(deps.workflows, retailerId, rootType, rootSubtype));
  Object.assign(row, { workflow: { ref, version }, workflowRef: ref, workflowVersion: version });
  if (!root || !RAISES_CREATE.has(entityType)) return undefined;
  return {
    name: 'CREATE',
    retailerId,
    entityType,
    entityId: row.id,
    entityRef: typeof row.ref === 'string' ? row.ref : undefined,
    entitySubtype: eventSubtype(entityType, row, root),
    rootEntityType: root.type,
    rootEntityId: root.row.id,
    rootEntityRef: typeof root.row.ref === 'string' ? root.row.ref : undefined,
    attributes: {},
  };
}
