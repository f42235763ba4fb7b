import { z } from 'zod';
import type { Queryable } from '../db/database.ts';
import type { StoredObject } from '../core/ports/document-store.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { RetailerScope } from './retailer-scope.ts';

export const MAX_PAGE_SIZE = 100;

const zoned = z.iso.datetime({ offset: true, error: 'expected a date-time with its offset, e.g. 2026-01-31T00:00:00Z' });

/** The list's query string: every filter optional, combined with AND. */
export const documentListQuerySchema = z
  .object({
    orderRef: z.string().min(1).max(200),
    entityRef: z.string().min(1).max(200),
    entityType: z.string().min(1).max(100),
    /** The buyer's e-mail address, compared case-insensitively. */
    customer: z.string().min(3).max(320),
    type: z.string().min(1).max(100),
    status: z.enum(['numbered', 'stored', 'reported', 'failed']),
    createdFrom: zoned,
    createdTo: zoned,
    limit: z.coerce.number().int('expected a whole number').min(1).max(MAX_PAGE_SIZE).default(25),
    cursor: z.string().min(1).max(512),
  })
  .partial({ orderRef: true, entityRef: true, entityType: true, customer: true, type: true, status: true, createdFrom: true, createdTo: true, cursor: true })
  .strict();
export type DocumentListQuery = z.output<typeof documentListQuerySchema>;

/** A document as the API and the webhooks describe it (SQL folio_webhook_document, migration 421). */
export type DocumentSummary = Record<string, unknown> & { id: string; number: string; type: string; status: string };

export interface DocumentPage {
  data: DocumentSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const FILTERS: Record<string, string> = {
  orderRef: 'd.order_ref = $?',
  entityRef: 'd.entity_ref = $?',
  entityType: 'd.entity_type = $?',
  customer: `lower(d.model #>> '{buyer,email}') = lower($?)`,
  type: 'd.document_type = $?',
  status: 'd.status = $?',
  createdFrom: 'd.created_at >= $?::timestamptz',
  createdTo: 'd.created_at < $?::timestamptz',
};

/** A page of the retailer's documents, newest first (keyset pagination: stable while documents are added). */
export async function listDocuments(db: Queryable, scope: RetailerScope, query: DocumentListQuery): Promise<DocumentPage> {
  const params: unknown[] = [scope.accountId, scope.retailerId];
  const where = ['d.account_id = $1', 'd.retailer_id = $2'];
  for (const [name, condition] of Object.entries(FILTERS)) {
    const value = query[name as keyof DocumentListQuery];
    if (value === undefined) continue;
    params.push(value);
    where.push(condition.replace('$?', `$${params.length}`));
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    params.push(cursor.t, cursor.i);
    where.push(`(d.created_at, d.public_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  const { rows } = await db.query<{ document: DocumentSummary; at: string }>(
    `SELECT folio_webhook_document(d) AS document, d.created_at::text AS at FROM folio_documents d
      WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.public_id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => row.document),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ t: last.at, i: last.document.id }) : null,
  };
}

export interface FoundDocument {
  summary: DocumentSummary;
  model: Record<string, unknown> | null;
  stored: StoredObject | null;
  tenant: string;
}

/** One of the retailer's documents by its API id; undefined for another retailer's, as for one that does not exist. */
export async function findDocument(db: Queryable, scope: RetailerScope, id: string): Promise<FoundDocument | undefined> {
  if (!z.uuid().safeParse(id).success) return undefined;
  const { rows } = await db.query<{ document: DocumentSummary; model: Record<string, unknown> | null; storage: StoredObject | null }>(
    `SELECT folio_webhook_document(d) AS document, d.model, d.storage FROM folio_documents d
      WHERE d.public_id = $1 AND d.account_id = $2 AND d.retailer_id = $3`,
    [id, scope.accountId, scope.retailerId],
  );
  const row = rows[0];
  // The model is kept without its number, which the row holds (document-model-record.ts).
  const model = row?.model ? { ...row.model, number: row.document.number } : null;
  return row && { summary: row.document, model, stored: row.storage, tenant: `${scope.accountId}:${scope.retailerId}` };
}
