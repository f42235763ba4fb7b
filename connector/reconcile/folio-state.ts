import type { Queryable } from '../db/database.ts';
import type { BillingEntity } from './billing-entity.ts';

/** What Folio holds for one Fluent entity. */
export interface FolioKnowledge {
  /** Status of its document record (numbered, stored, reported, failed), if it has one. */
  document?: string;
  /** Inbox keys of the requests (webhooks, sweeps, backfills) received for it. */
  requests: string[];
  /** A request of it is still to run: not yet queued, or its job waiting, retrying or running. */
  pending: boolean;
}

export interface FolioStateOptions {
  accountId: string;
  retailerId: string;
  /** The queue's schema (pg-boss), default folio_queue. */
  queueSchema?: string;
}

/** Job states in which a request is still going to produce its outcome. */
const PENDING_STATES = new Set(['created', 'retry', 'active']);

/**
 * Looks up a page of entities in folio_documents (by account and entity ref) and folio_inbox (by the
 * entity the event is about, index folio_inbox_by_entity), two statements per page.
 */
export async function folioStateOf(db: Queryable, options: FolioStateOptions, entities: readonly BillingEntity[]): Promise<Map<string, FolioKnowledge>> {
  const schema = options.queueSchema ?? 'folio_queue';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  const known = new Map<string, FolioKnowledge>(entities.map((e) => [entityKey(e), { requests: [], pending: false }]));
  for (const entityType of new Set(entities.map((e) => e.entityType))) {
    const refs = entities.filter((e) => e.entityType === entityType).map((e) => e.ref);
    const documents = await db.query<{ entity_ref: string; status: string }>(
      `SELECT entity_ref, status FROM folio_documents
        WHERE account_id = $1 AND retailer_id = $2 AND entity_type = $3 AND entity_ref = ANY($4::text[])`,
      [options.accountId, options.retailerId, entityType, refs],
    );
    for (const row of documents.rows) known.get(`${entityType}|${row.entity_ref}`)!.document = row.status;
    const requests = await db.query<{ key: string; entity_ref: string; state: string | null }>(
      // An inbox row without queued_at is a job about to be made: as good as 'created' (see replay.ts).
      `SELECT i.key, i.event->>'entityRef' AS entity_ref,
              COALESCE(j.state::text, CASE WHEN i.queued_at IS NULL THEN 'created' END) AS state
         FROM folio_inbox i LEFT JOIN ${schema}.job j ON j.id::text = i.job_id
        WHERE i.event->>'entityType' = $1 AND i.event->>'entityRef' = ANY($2::text[]) AND i.event->>'accountId' = $3`,
      [entityType, refs, options.accountId],
    );
    for (const row of requests.rows) {
      const entry = known.get(`${entityType}|${row.entity_ref}`);
      if (!entry) continue;
      entry.requests.push(row.key);
      if (row.state && PENDING_STATES.has(row.state)) entry.pending = true;
    }
  }
  return known;
}

export const entityKey = (entity: Pick<BillingEntity, 'entityType' | 'ref'>): string => `${entity.entityType}|${entity.ref}`;
