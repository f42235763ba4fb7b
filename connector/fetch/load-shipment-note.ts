import type { ShipmentNoteData } from '../core/fluent-data/document-data.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../core/errors.ts';
import { fetchQuery } from './fetch-query.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { FULFILMENT_QUERY, fulfilmentQueryResultSchema } from './queries/fulfilment.ts';

/** The fulfilment (package) the event is about, with its items, addresses and consignments. */
export async function loadShipmentNote(fluent: FluentClient, event: FluentEvent): Promise<ShipmentNoteData> {
  const id = event.entityId;
  if (!id) throw new PermanentError(`the ${event.entityType} event ${event.id} has no entityId; fulfilments are addressed by id`);
  const { fulfilmentById } = await fetchQuery(fluent, FULFILMENT_QUERY, { id }, fulfilmentQueryResultSchema, `fulfilment ${id}`);
  if (!fulfilmentById) throw new PermanentError(`fulfilment ${id} does not exist in Fluent`);
  return { fulfilment: fulfilmentById };
}
