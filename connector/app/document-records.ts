import type { DocumentModel } from '../core/document-model.ts';
import type { Database } from '../db/database.ts';
import { allocateDocumentNumber } from '../numbering/allocate-number.ts';
import { DEFAULT_NUMBER_PATTERN, numberAllocation } from '../numbering/number-series.ts';
import { documentKind } from '../core/document-key.ts';
import { PermanentError } from '../core/errors.ts';
import type { DocumentFacts, DocumentRecord, DocumentRecords } from '../core/ports/document-records.ts';
import type { StoredObject } from '../core/ports/document-store.ts';

interface Row {
  key: string;
  number: string;
  status: DocumentRecord['status'];
  sha256: string | null;
  storage: StoredObject | null;
  template_version: string | null;
}

/** What a capability keeps on a document's row, from the document's model (pure). */
export type DocumentFactsOf = (document: DocumentModel) => DocumentFacts;

/**
 * DocumentRecords over folio_documents: numbers come from the gap-free allocator, in one statement that
 * also writes the facts other capabilities keep on the row (`facts`, merged in order: a later one wins a
 * column both name).
 */
export function createDocumentRecords(db: Database, options: { pattern?: string; facts?: readonly DocumentFactsOf[] } = {}): DocumentRecords {
  const pattern = options.pattern ?? DEFAULT_NUMBER_PATTERN;
  return {
    find: (key) => findRecord(db, key),

    async assignNumber(key, document: DocumentModel) {
      const country = document.seller.address?.country;
      if (!country) throw new PermanentError('the seller has no country: document numbers are per country (set FOLIO_SELLER.address.country)');
      // The policy (series, prefix) is numbering/number-series.ts; here only the facts and the error kind.
      const facts = Object.assign({}, ...(options.facts ?? []).map((factsOf) => factsOf(document))) as DocumentFacts;
      const allocated = await allocateDocumentNumber(db, { ...numberAllocation({ key, document, kind: documentKind(document), country, pattern }), facts });
      if (allocated.isNew) return { key, number: allocated.number, status: 'numbered' };
      // Numbered before (a retry, a replay): what became of it decides what is left to do.
      const known = await findRecord(db, key);
      if (!known) throw new Error(`document ${key} was numbered but its row is gone`);
      return known;
    },

    async markStored(key, stored, templateVersion) {
      await db.query(
        `UPDATE folio_documents SET status = 'stored', sha256 = $2, storage = $3, template_version = $4, failure_reason = NULL, updated_at = now() WHERE key = $1`,
        [key, stored.sha256, JSON.stringify(stored), templateVersion],
      );
    },

    async markReported(key) {
      await db.query(`UPDATE folio_documents SET status = 'reported', updated_at = now() WHERE key = $1`, [key]);
    },

    async markFailed(key, reason) {
      await db.query(`UPDATE folio_documents SET status = 'failed', failure_reason = $2, updated_at = now() WHERE key = $1`, [key, reason]);
    },
  };
}

async function findRecord(db: Database, key: string): Promise<DocumentRecord | undefined> {
  const { rows } = await db.query<Row>('SELECT key, number, status, sha256, storage, template_version FROM folio_documents WHERE key = $1', [key]);
  const row = rows[0];
  if (!row) return undefined;
  return {
    key: row.key,
    number: row.number,
    status: row.status,
    ...(row.sha256 && { sha256: row.sha256 }),
    ...(row.storage && { stored: row.storage }),
    ...(row.template_version && { templateVersion: row.template_version }),
  };
}
