import type { DocumentModel } from '../document-model.ts';
import type { StoredObject } from './document-store.ts';

export interface DocumentRecord {
  key: string;
  number: string;
  status: 'numbered' | 'stored' | 'reported' | 'failed';
  sha256?: string;
  stored?: StoredObject;
  templateVersion?: string;
}

/** A value for a column of the document's row, with the SQL type it is written as. */
export interface DocumentFactValue {
  type: 'text' | 'jsonb' | 'bigint' | 'timestamptz';
  value: string | number | null;
}

/**
 * What other capabilities keep on the document's row beside its number (the portal's shopper facts, the
 * console's search columns, the API's model), by column name. Written by the statement that numbers the
 * document, so a numbered document always has them, at no extra round trip.
 */
export type DocumentFacts = Readonly<Record<string, DocumentFactValue>>;

/** Document records with gap-free numbering: assign() is idempotent per document key. */
export interface DocumentRecords {
  find(key: string): Promise<DocumentRecord | undefined>;
  /**
   * The document's record, numbered: a new document takes the next number of its series (one
   * statement, so the common case needs no look-up first); a known one answers its record as it is.
   */
  assignNumber(key: string, document: DocumentModel): Promise<DocumentRecord>;
  markStored(key: string, stored: StoredObject, templateVersion: string): Promise<void>;
  markReported(key: string): Promise<void>;
  markFailed(key: string, reason: string): Promise<void>;
}
