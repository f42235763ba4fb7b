import { z } from 'zod';
import type { Queryable } from '../db/database.ts';
import { seesTenant, type Operator } from './roles.ts';
import { splitTenant, tenantCondition } from './scope.ts';

export const PAGE_SIZE = 50;
const DOCUMENT_STATUSES = ['numbered', 'stored', 'reported', 'failed'] as const;
/** Types that make an order "invoiced". */
const INVOICE_TYPES = ['invoice'] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));
const day = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.iso.date('expected a date, YYYY-MM-DD').optional());

/** The list's filters, as the form (GET query string) sends them. Dates are whole UTC days. */
export const listFiltersSchema = z.object({
  order: optionalText(200),
  customer: optionalText(200),
  retailer: optionalText(200).pipe(z.string().regex(/^[^:\s]+:[^:\s]+$/, 'expected ACCOUNT:RETAILER').optional()),
  type: optionalText(100),
  status: optionalText(20).pipe(z.enum(DOCUMENT_STATUSES, `expected one of ${DOCUMENT_STATUSES.join(', ')}`).optional()),
  invoiced: optionalText(3).pipe(z.enum(['yes', 'no'], 'expected yes or no').optional()),
  from: day,
  to: day,
  channel: optionalText(100),
  after: optionalText(400),
});
export type ListFilters = z.output<typeof listFiltersSchema>;

export interface DocumentRow {
  key: string;
  tenant: string;
  documentType: string;
  entityType: string;
  entityRef: string;
  number: string;
  status: string;
  failureReason: string | null;
  orderRef: string | null;
  customerName: string | null;
  salesChannel: string | null;
  createdAt: Date;
  invoiced: boolean;
}

export interface DocumentPage {
  rows: DocumentRow[];
  /** Cursor of the next page, when there is one. */
  next?: string;
}

interface Row {
  key: string;
  account_id: string;
  retailer_id: string;
  document_type: string;
  entity_type: string;
  entity_ref: string;
  number: string;
  status: string;
  failure_reason: string | null;
  order_ref: string | null;
  customer_name: string | null;
  sales_channel: string | null;
  created_at: Date;
  cursor_at: string;
  invoiced: boolean;
}

/** `LIKE` prefix pattern of user text, with its wildcards escaped. */
function prefixPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of documents the operator may see, newest first, with keyset pagination on
 * (created_at, key): a page costs the same however deep it is. Each filter is a condition the
 * console indexes serve (migration 400).
 */
export async function listDocuments(db: Queryable, operator: Operator, filters: ListFilters, pageSize = PAGE_SIZE): Promise<DocumentPage> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filters.retailer) {
    if (!seesTenant(operator, filters.retailer)) return { rows: [] };
    const [account, retailer] = splitTenant(filters.retailer);
    where.push(`d.account_id = ${add(account)} AND d.retailer_id = ${add(retailer)}`);
  } else {
    where.push(tenantCondition(operator, params, 'd.'));
  }
  if (filters.order) where.push(`d.order_ref LIKE ${add(prefixPattern(filters.order))}`);
  if (filters.customer) where.push(`lower(d.customer_name) LIKE ${add(prefixPattern(filters.customer.toLowerCase()))}`);
  if (filters.type) where.push(`d.document_type = ${add(filters.type)}`);
  if (filters.status) where.push(`d.status = ${add(filters.status)}`);
  if (filters.channel) where.push(`d.sales_channel = ${add(filters.channel)}`);
  if (filters.from) where.push(`d.created_at >= ${add(filters.from)}::date`);
  if (filters.to) where.push(`d.created_at < ${add(filters.to)}::date + 1`);
  // A correlated scalar subquery, not EXISTS: PostgreSQL would turn EXISTS into a hash of every invoice
  // (a scan of the whole table per page); this looks each row's order up in folio_documents_console_order_type.
  const invoicedExpr = `coalesce((SELECT true FROM folio_documents i WHERE i.account_id = d.account_id AND i.retailer_id = d.retailer_id
      AND i.order_ref = d.order_ref AND i.document_type IN (${INVOICE_TYPES.map((t) => `'${t}'`).join(', ')}) AND i.status <> 'failed' LIMIT 1), false)`;
  if (filters.invoiced === 'yes') where.push(invoicedExpr);
  if (filters.invoiced === 'no') where.push(`NOT ${invoicedExpr}`);
  const cursor = filters.after ? decodeCursor(filters.after) : undefined;
  if (cursor) where.push(`(d.created_at, d.key) < (${add(cursor.at)}::timestamptz, ${add(cursor.key)})`);

  const conditions = where.join(' AND ');
  // Order refs grow with time, which the planner cannot know: for a prefix matching a few thousand older
  // orders it would walk the newest-first index past every newer one. When the prefix index finds at most
  // FENCE_ROWS matches, they are fetched through it first (OFFSET 0 keeps that subquery planned on its own).
  const fenced = filters.order !== undefined && (await matchesAtMost(db, conditions, params, FENCE_ROWS));
  // Fenced, the page's keys come from the prefix index alone (it includes created_at and key), and only
  // those rows are read.
  const source = fenced
    ? `folio_documents d JOIN (SELECT m.key FROM (SELECT d.key, d.created_at FROM folio_documents d WHERE ${conditions} OFFSET 0) m
         ORDER BY m.created_at DESC, m.key DESC LIMIT ${Number(pageSize) + 1}) page ON page.key = d.key`
    : `folio_documents d WHERE ${conditions}`;
  const { rows } = await db.query<Row>(
    `SELECT d.key, d.account_id, d.retailer_id, d.document_type, d.entity_type, d.entity_ref, d.number, d.status,
            d.failure_reason, d.order_ref, d.customer_name, d.sales_channel, d.created_at,
            to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at, ${invoicedExpr} AS invoiced
       FROM ${source}
      ORDER BY d.created_at DESC, d.key DESC
      LIMIT ${Number(pageSize) + 1}`,
    params,
  );
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { rows: page.map(toDocumentRow), ...(rows.length > pageSize && last && { next: encodeCursor(last.cursor_at, last.key) }) };
}

const FENCE_ROWS = 20_000;

async function matchesAtMost(db: Queryable, conditions: string, params: unknown[], limit: number): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM folio_documents d WHERE ${conditions} LIMIT ${limit + 1}) m`, params);
  return (rows[0]?.n ?? 0) <= limit;
}

function toDocumentRow(row: Omit<Row, 'cursor_at'>): DocumentRow {
  return {
    key: row.key,
    tenant: `${row.account_id}:${row.retailer_id}`,
    documentType: row.document_type,
    entityType: row.entity_type,
    entityRef: row.entity_ref,
    number: row.number,
    status: row.status,
    failureReason: row.failure_reason,
    orderRef: row.order_ref,
    customerName: row.customer_name,
    salesChannel: row.sales_channel,
    createdAt: new Date(row.created_at),
    invoiced: Boolean(row.invoiced),
  };
}

// The cursor carries PostgreSQL's microseconds as text: a JavaScript Date would cut them to milliseconds.
export function encodeCursor(at: string, key: string): string {
  return Buffer.from(JSON.stringify([at, key])).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; key: string } | undefined {
  try {
    const [at, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof key === 'string' && !Number.isNaN(Date.parse(at))) return { at, key };
  } catch {
    // falls through: a bad cursor is a bad request
  }
  throw new BadCursorError('the page cursor is not one this list made');
}

export class BadCursorError extends Error {
  override readonly name = 'BadCursorError';
}
