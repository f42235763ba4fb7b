import type { Queryable } from '../db/database.ts';
import type { DocumentFacts } from '../core/ports/document-records.ts';
import { numberSegments, type SeqSlot } from './format-number.ts';

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

/** One allocation made ready for SQL: its series, row values, number segments and facts, all checked. */
interface PreparedAllocation {
  input: AllocateNumberInput;
  series: string;
  segments: Array<string | SeqSlot>;
  facts: Array<{ column: string; type: DocumentFacts[string]['type']; value: DocumentFacts[string]['value'] }>;
}

/** Checks an input and fills every token but the sequence: a bad pattern or fact fails here, before any write. */
function prepare(input: AllocateNumberInput): PreparedAllocation {
  const { document } = input;
  const series = input.series ?? defaultSeriesKey(document.retailerId, requireCountry(input), document.documentType);
  const values = { retailer: document.retailerId, type: document.documentType, ...input.values };
  const segments = numberSegments({ ...input, values });
  const facts = Object.entries(input.facts ?? {}).map(([column, fact]) => {
    if (!FACT_COLUMN.test(column) || OWN_COLUMNS.has(column)) throw new Error(`numbering ${input.key}: ${JSON.stringify(column)} is not a column a fact may fill`);
    return { column, type: fact.type, value: fact.value };
  });
  return { input, series, segments, facts };
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
  return allocatePrepared(db, prepare(input));
}

async function allocatePrepared(db: Queryable, prepared: PreparedAllocation): Promise<AllocatedNumber> {
  const { input, series } = prepared;
  const { document } = input;
  const params: unknown[] = [input.key, document.accountId, document.retailerId, document.documentType, document.entityType, document.entityRef, series, document.templateVersion ?? null];
  const facts = prepared.facts.map(({ column, type, value }) => ({ column, value: `$${params.push(value)}::${type}` }));
  const number = numberExpression(prepared.segments, 'bumped.seq', (text) => `$${params.push(text)}::text`, params);
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
  const existing = (await readNumbers(db, [input.key])).get(input.key);
  if (!existing) throw new Error(`numbering ${input.key}: the document row vanished while its number was being read`);
  return existing;
}

/**
 * Numbers several documents, answering each one's number or its error, in the given order. Documents
 * that draw from the same series with the same shape of number (and the same fact columns) are
 * numbered by one statement: the counter is bumped once by how many of them are new, so the series row
 * is locked once for all of them, and they take consecutive numbers in the order given. Keys that
 * already have a number get it back, as with allocateDocumentNumber. If a concurrent allocator commits
 * one of the keys first, that statement fails as a whole, undoing its bump, and its documents are
 * numbered one by one. So call it outside a transaction: inside one, that failure would abort it.
 */
export async function allocateDocumentNumbers(db: Queryable, inputs: readonly AllocateNumberInput[]): Promise<Array<AllocatedNumber | Error>> {
  const results: Array<AllocatedNumber | Error | undefined> = inputs.map(() => undefined);
  const groups = new Map<string, Array<{ index: number; prepared: PreparedAllocation }>>();
  inputs.forEach((input, index) => {
    let prepared: PreparedAllocation;
    try {
      prepared = prepare(input);
    } catch (error) {
      results[index] = asError(error);
      return;
    }
    const shape = JSON.stringify([prepared.series, prepared.segments.map((segment) => (typeof segment === 'string' ? null : (segment.width ?? 0))), prepared.facts.map(({ column, type }) => `${column}:${type}`)]);
    const members = groups.get(shape) ?? [];
    members.push({ index, prepared });
    groups.set(shape, members);
  });
  for (const members of groups.values()) {
    const numbered = members.length > 1 ? await allocateGroup(db, members.map((member) => member.prepared)).catch((error: unknown) => (isDuplicateKey(error) ? undefined : asError(error))) : undefined;
    for (const [i, { index, prepared }] of members.entries()) {
      if (numbered instanceof Error) results[index] = numbered;
      else if (numbered) results[index] = numbered[i]!;
      else results[index] = await allocatePrepared(db, prepared).catch(asError);
    }
  }
  return results.map((result) => result ?? new Error('numbering: a document was left without an answer'));
}

/** One statement for allocations of one series and shape (see allocateDocumentNumbers). */
async function allocateGroup(db: Queryable, group: readonly PreparedAllocation[]): Promise<AllocatedNumber[]> {
  const series = group[0]!.series;
  const column = <T>(pick: (prepared: PreparedAllocation) => T) => group.map(pick);
  const params: unknown[] = [
    series,
    column((p) => p.input.key), column((p) => p.input.document.accountId), column((p) => p.input.document.retailerId),
    column((p) => p.input.document.documentType), column((p) => p.input.document.entityType), column((p) => p.input.document.entityRef),
    column((p) => p.input.document.templateVersion ?? null),
  ];
  const arrays = ['$2::text[]', '$3::text[]', '$4::text[]', '$5::text[]', '$6::text[]', '$7::text[]', '$8::text[]'];
  const names = ['key', 'account_id', 'retailer_id', 'document_type', 'entity_type', 'entity_ref', 'template_version'];
  // Each literal part of the number is a column of its own: dates in it may differ from row to row.
  let part = 0;
  const number = numberExpression(group[0]!.segments, 'numbered.seq', () => {
    const at = part++;
    arrays.push(`$${params.push(column((p) => p.segments.filter((segment) => typeof segment === 'string')[at]))}::text[]`);
    names.push(`part_${at}`);
    return `numbered.part_${at}`;
  }, params);
  const facts = group[0]!.facts.map(({ column: name, type }, at) => {
    arrays.push(`$${params.push(column((p) => p.facts[at]!.value))}::${type}[]`);
    names.push(`fact_${at}`);
    return { column: name, value: `numbered.fact_${at}` };
  });
  const { rows } = await db.query<{ key: string; number: string; seq: number }>(
    `WITH input AS (
       SELECT * FROM unnest(${arrays.join(', ')}) WITH ORDINALITY AS t(${names.join(', ')}, position)
     ),
     fresh AS MATERIALIZED (
       SELECT input.*, row_number() OVER (ORDER BY position) AS rank
         FROM input WHERE NOT EXISTS (SELECT 1 FROM folio_documents d WHERE d.key = input.key)
     ),
     total AS (SELECT count(*) AS n FROM fresh),
     bumped AS (
       INSERT INTO folio_number_series AS s (series, next_value)
       SELECT $1, n + 1 FROM total WHERE n > 0
       ON CONFLICT (series) DO UPDATE SET next_value = s.next_value + EXCLUDED.next_value - 1
       RETURNING next_value
     ),
     numbered AS (
       SELECT fresh.*, bumped.next_value - total.n + fresh.rank - 1 AS seq FROM fresh, bumped, total
     )
     INSERT INTO folio_documents
       (key, account_id, retailer_id, document_type, entity_type, entity_ref, series, seq, number, template_version${facts.map((fact) => `, ${fact.column}`).join('')})
     SELECT numbered.key, numbered.account_id, numbered.retailer_id, numbered.document_type, numbered.entity_type, numbered.entity_ref, $1, numbered.seq, ${number}, numbered.template_version${facts.map((fact) => `, ${fact.value}`).join('')}
       FROM numbered
     RETURNING key, number, seq`,
    params,
  );
  const inserted = new Map(rows.map((row) => [row.key, { number: row.number, seq: Number(row.seq), series, isNew: true }]));
  const known = inserted.size < group.length ? await readNumbers(db, group.map((p) => p.input.key).filter((key) => !inserted.has(key))) : new Map<string, AllocatedNumber>();
  return group.map(({ input }) => {
    const found = inserted.get(input.key) ?? known.get(input.key);
    if (!found) throw new Error(`numbering ${input.key}: the document row vanished while its number was being read`);
    return found;
  });
}

/** The number written into the row: literal parts (placed by `literal`) and the sequence, padded. */
function numberExpression(segments: ReadonlyArray<string | SeqSlot>, seq: string, literal: (text: string) => string, params: unknown[]): string {
  return segments
    .map((segment) => {
      if (typeof segment === 'string') return literal(segment);
      if (segment.width === undefined) return `${seq}::text`;
      return `lpad(${seq}::text, greatest($${params.push(segment.width)}::int, length(${seq}::text)), '0')`;
    })
    .join(' || ');
}

/** Numbers keys already have (isNew false). */
async function readNumbers(db: Queryable, keys: readonly string[]): Promise<Map<string, AllocatedNumber>> {
  const { rows } = await db.query<{ key: string; number: string; seq: number; series: string }>('SELECT key, number, seq, series FROM folio_documents WHERE key = ANY($1::text[])', [keys]);
  return new Map(rows.map((row) => [row.key, { number: row.number, seq: Number(row.seq), series: row.series, isNew: false }]));
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

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
