import type { Queryable } from '../db/database.ts';
import { fluentEventSchema, type FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../core/errors.ts';

/**
 * folio_inbox: every webhook accepted, once per key. The row is both the de-duplication record and
 * the job's payload (the job itself only carries the key), so the event is stored once.
 */

export async function eventFromInbox(db: Queryable, key: string): Promise<FluentEvent> {
  const { rows } = await db.query<{ event: unknown }>('SELECT event FROM folio_inbox WHERE key = $1', [key]);
  if (!rows[0]) throw new PermanentError(`queued event ${key} is missing from folio_inbox`);
  return fluentEventSchema.parse(rows[0].event);
}
