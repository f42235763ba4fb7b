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

/** Document records with gap-free numbering: assign() is idempotent per document key. */
export interface DocumentRecords {
  find(key: string): Promise<DocumentRecord | undefined>;
  /** Returns the document's number, allocating the next one of its series on first call. */
  assignNumber(key: string, document: DocumentModel): Promise<string>;
  markStored(key: string, stored: StoredObject, templateVersion: string): Promise<void>;
  markReported(key: string): Promise<void>;
  markFailed(key: string, reason: string): Promise<void>;
}
