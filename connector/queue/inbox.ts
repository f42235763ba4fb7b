import type { Queryable } from '../db/database.ts';
import { fluentEventSchema, type FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../core/errors.ts';

/**
 * folio_inbox: every webhook accepted, once per key. The row is the de-duplication record and the
 * event of record; the dispatcher copies the event into the job it makes (inbox-dispatcher.ts).
 */

export async function eventFromInbox(db: Queryable, key: string): Promise<FluentEvent> {
  const { rows } = await db.query<{ event: unknown }>('SELECT event FROM folio_inbox WHERE key = $1', [key]);
  if (!rows[0]) throw new PermanentError(`queued event ${key} is missing from folio_inbox`);
  return eventOf(key, rows[0].event);
}

/** A stored event, checked again: stored rows outlive the code that wrote them. */
export function eventOf(key: string, stored: unknown): FluentEvent {
  const parsed = fluentEventSchema.safeParse(stored);
  if (!parsed.success) throw new PermanentError(`queued event ${key} is not a Fluent event: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
