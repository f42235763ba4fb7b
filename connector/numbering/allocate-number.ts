import type { Queryable } from '../db/database.ts';
import { formatDocumentNumber } from './format-number.ts';

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
 * Gives a document its number, gap-free, inside the caller's transaction (pass the `tx` of
 * db.transaction, never the database itself: the counter and the document row must commit or roll
 * back together, which is what makes the series gap-free).
 *
 * - A key that already has a number gets it back: retries never burn a number. Allocators of the
 *   same key wait for each other on an advisory lock, so two deliveries racing cannot both allocate.
 * - Otherwise the series counter row is bumped (its row lock makes concurrent allocators of one
 *   series take turns) and the document row inserted; a rollback undoes both.
 */
export async function allocateDocumentNumber(tx: Queryable, input: AllocateNumberInput): Promise<AllocatedNumber> {
  const { document } = input;
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`folio_documents:${input.key}`]);
  const existing = await tx.query<{ number: string; seq: number; series: string }>(
    'SELECT number, seq, series FROM folio_documents WHERE key = $1',
    [input.key],
  );
  const found = existing.rows[0];
  if (found) return { number: found.number, seq: Number(found.seq), series: found.series, isNew: false };

  const series = input.series ?? defaultSeriesKey(document.retailerId, requireCountry(input), document.documentType);
  const values = { retailer: document.retailerId, type: document.documentType, ...input.values };
  // Format before touching the counter: a bad pattern must fail without any write.
  formatDocumentNumber({ ...input, values, seq: 1 });

  const bumped = await tx.query<{ seq: number }>(
    `INSERT INTO folio_number_series AS s (series, next_value) VALUES ($1, 2)
     ON CONFLICT (series) DO UPDATE SET next_value = s.next_value + 1
     RETURNING next_value - 1 AS seq`,
    [series],
  );
  const seq = Number(bumped.rows[0]!.seq);
  const number = formatDocumentNumber({ ...input, values, seq });
  await tx.query(
    `INSERT INTO folio_documents
       (key, account_id, retailer_id, document_type, entity_type, entity_ref, series, seq, number, template_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [input.key, document.accountId, document.retailerId, document.documentType, document.entityType, document.entityRef,
      series, seq, number, document.templateVersion ?? null],
  );
  return { number, seq, series, isNew: true };
}

function requireCountry(input: AllocateNumberInput): string {
  const country = input.values.country;
  if (!country) throw new Error(`numbering ${input.key}: no series given and no country to build the default series from`);
  return country;
}
