import { ATTRIBUTE_ALLOW_LIST, ATTRIBUTE_TYPE, ENTITY_UPDATE_MUTATION } from '../../../connector/fluent/contract.ts';
import { jsonObject, text } from './folio-sdk-runtime.ts';
import { RubixException, type Rule } from './rule.ts';

/**
 * Emulator mirror of the Java rule `<ACCOUNT>.folio.ApplyDocumentUpdate`
 * (fluent-rules/src/main/java/com/folio/fluent/rules/ApplyDocumentUpdate.java). Both run the shared
 * vectors in fluent-rules/vectors/, so a change here needs the same change there.
 *
 * Upserts every allow-listed Folio attribute on the event onto the event's entity with the entity
 * type's update mutation; other attributes are ignored and logged. Moving the workflow on is the next
 * rule's job (core.SetState).
 */
export const ruleName = 'ApplyDocumentUpdate';

/**
 * Update inputs that also require the retailer (`UpdateReturnOrderInput { ref: String!, retailer: RetailerId! }`
 * in Fluent's schema); FolioContract.EntityUpdate.needsRetailer in Java.
 */
export const INPUT_NEEDS_RETAILER: ReadonlySet<string> = new Set(['RETURN_ORDER']);

const EVENT_FIELD = { ref: 'entityRef', id: 'entityId' } as const;

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

export const rule: Rule = (context) => {
  const event = context.event;
  const entityType = event.entityType;

  const update = Object.hasOwn(ENTITY_UPDATE_MUTATION, entityType) ? ENTITY_UPDATE_MUTATION[entityType] : undefined;
  if (update === undefined) {
    throw new RubixException(
      422,
      `ApplyDocumentUpdate: entity type '${entityType}' is not supported (${Object.keys(ENTITY_UPDATE_MUTATION).join(', ')})`,
    );
  }
  const key = update.key === 'ref' ? event.entityRef : event.entityId;
  if (key === undefined || isBlank(key)) {
    throw new RubixException(400, `ApplyDocumentUpdate: the ${entityType} event has no ${EVENT_FIELD[update.key]}`);
  }
  const needsRetailer = INPUT_NEEDS_RETAILER.has(entityType);
  if (needsRetailer && isBlank(event.retailerId)) {
    throw new RubixException(400, `ApplyDocumentUpdate: the ${entityType} event has no retailerId`);
  }

  const attributes: Record<string, unknown> = event.attributes ?? {};
  const inputs: { name: string; type: string; value: unknown }[] = [];
  for (const name of ATTRIBUTE_ALLOW_LIST) {
    const value = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
    if (value === undefined || value === null) continue;
    const type = ATTRIBUTE_TYPE[name] ?? 'STRING';
    const mustBe = `ApplyDocumentUpdate: attribute '${name}' must be `;
    // Event attribute values arrive as Jackson left them (folio-sdk-runtime.ts): JSON as a Map, JsonNode or JSON text.
    const input = type === 'JSON' ? jsonObject(value, 400, `${mustBe}a JSON object`) : text(value, 400, `${mustBe}a string`);
    inputs.push({ name, type, value: input });
  }
  if (inputs.length === 0) {
    throw new RubixException(400, `ApplyDocumentUpdate: the event carries none of Folio's attributes (${ATTRIBUTE_ALLOW_LIST.join(', ')})`);
  }

  const ignored = Object.keys(attributes)
    .filter((name) => !ATTRIBUTE_ALLOW_LIST.includes(name))
    .sort();
  if (ignored.length > 0) {
    context.action.log(`ApplyDocumentUpdate: ignored attributes not on Folio's allow-list: ${ignored.join(', ')}`);
  }

  const input: Record<string, unknown> = { [update.key]: key };
  if (needsRetailer) input.retailer = { id: event.retailerId };
  input.attributes = inputs;
  context.action.mutation(update.mutation, input);
};
