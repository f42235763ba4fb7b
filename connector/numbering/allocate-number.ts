import type { Queryable } from '../db/database.ts';
import type { DocumentFacts } from '../core/ports/document-records.ts';
import { numberSegments } from './format-number.ts';

/** The document a number is for; becomes its row in folio_documents. */
export interface NumberedDocument {
  accountId: string;
  retailerId: string;
  documentType: string;
  entityType: string;
  entityRef: string;
  templateVersion?: string;
}

export interface AllocateNumberInput {
  /** The document's identity (core/document-key.ts): the same key always gets the same number. */
  key: string;
  document: NumberedDocument;
  /**
   * The counter to draw from; default `${retailerId}|${country}|${documentType}`. Put a period in it
   * (e.g. `…|2026`) for numbering that restarts each year.
   */
  series?: string;
  /** e.g. `{country}{yyyy}-{seq:6}`; see format-number.ts. */
  pattern: string;
  issuedAt: Date;
  /** The seller's time zone, for the date tokens. */
  timeZone: string;
  /** Token values; `retailer` and `type` default to the document's retailer and type. */
  values: Readonly<Record<string, string | undefined>> & { country?: string };
  /** More columns of the document's row, written by the same insert. */
  facts?: DocumentFacts;
}

export interface AllocatedNumber {
  number: string;
  seq: number;
  series: string;
  /** False when the key already had its number (a retry or a replayed event). */
  isNew: boolean;
}

export function defaultSeriesKey(retailerId: string, country: string, documentType: string): string {
  return `${retailerId}|${country}|${documentType}`;
}

/**
 * Gives a document its number, gap-free, in one statement: the series counter is bumped and the
 * document row inserted together, so they commit or roll back together (on its own, or inside the
 * caller's transaction when given a `tx`). One statement also means the series row is locked only
 * for that statement, not for a transaction's round trips: concurrent allocators of one series take
 * turns for microseconds.
 *
 * - A key that already has a number gets it back: retries never burn a number. The counter is bumped
 *   only when the statement's snapshot holds no row for the key; a concurrent allocator of the same
 *   key that got there first makes the insert fail on the key, which undoes this statement's bump,
 *   and the number it committed is read back.
 */
export async function allocateDocumentNumber(db: Queryable, input: AllocateNumberInput): Promise<AllocatedNumber> {
  const { document } = input;
  const series = input.series ?? defaultSeriesKey(document.retailerId, requireCountry(input), document.documentType);
  const values = { retailer: document.retailerId, type: document.documentType, ...input.values };
  // Every token but the sequence is known now; a bad pattern fails here, before any write.
  const segments = numberSegments({ ...input, values });
  const params: unknown[] = [input.key, document.accountId, document.retailerId, document.documentType, document.entityType, document.entityRef, series, document.templateVersion ?? null];
  const facts = Object.entries(input.facts ?? {}).map(([column, fact]) => {
    if (!FACT_COLUMN.test(column) || OWN_COLUMNS.has(column)) throw new Error(`numbering ${input.key}: ${JSON.stringify(column)} is not a column a fact may fill`);
    return { column, value: `$${params.push(fact.value)}::${fact.type}` };
  });
  const number = segments
    .map((segment) => {
      if (typeof segment === 'string') return `$${params.push(segment)}::text`;
      if (segment.width === undefined) return 'bumped.seq::text';
      return `lpad(bumped.seq::text, greatest($${params.push(segment.width)}::int, length(bumped.seq::text)), '0')`;
    })
    .join(' || ');
  try {
    const { rows } = await db.query<{ number: string; seq: number }>(
      `WITH bumped AS (
         INSERT INTO folio_number_series AS s (series, next_value)
         SELECT $7, 2 WHERE NOT EXISTS (SELECT 1 FROM folio_documents WHERE key = $1)
         ON CONFLICT (series) DO UPDATE SET next_value = s.next_value + 1
         RETURNING next_value - 1 AS seq
       )
       INSERT INTO folio_documents
         (key, account_id, retailer_id, document_type, entity_type, entity_ref, series, seq, number, template_version${facts.map((fact) => `, ${fact.column}`).join('')})
       SELECT $1, $2, $3, $4, $5, $6, $7, bumped.seq, ${number}, $8${facts.map((fact) => `, ${fact.value}`).join('')} FROM bumped
       RETURNING number, seq`,
      params,
    );
    const inserted = rows[0];
    if (inserted) return { number: inserted.number, seq: Number(inserted.seq), series, isNew: true };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const existing = await db.query<{ number: string; seq: number; series: string }>('SELECT number, seq, series FROM folio_documents WHERE key = $1', [input.key]);
  const found = existing.rows[0];
  if (!found) throw new Error(`numbering ${input.key}: the document row vanished while its number was being read`);
  return { number: found.number, seq: Number(found.seq), series: found.series, isNew: false };
}

/** A fact's column: a plain lower-case identifier, never one of the columns numbering writes itself. */
const FACT_COLUMN = /^[a-z][a-z0-9_]{0,62}$/;
const OWN_COLUMNS = new Set(['key', 'account_id', 'retailer_id', 'document_type', 'entity_type', 'entity_ref', 'series', 'seq', 'number', 'template_version', 'status', 'sha256', 'storage', 'failure_reason', 'created_at', 'updated_at']);

/** The document row's key was taken by a concurrent allocator (SQLSTATE 23505 on the primary key). */
function isDuplicateKey(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && (constraint === undefined || constraint === 'folio_documents_pkey');
}

function requireCountry(input: AllocateNumberInput): string {
  const country = input.values.country;
  if (!country) throw new Error(`numbering ${input.key}: no series given and no country to build the default series from`);
  return country;
}
