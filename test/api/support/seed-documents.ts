import { readFileSync } from 'node:fs';
import { documentModelFacts } from '../../../connector/api/document-model-record.ts';
import { createDocumentRecords } from '../../../connector/app/document-records.ts';
import type { DocumentModel } from '../../../connector/core/document-model.ts';
import type { DocumentStore, StoredObject } from '../../../connector/core/ports/document-store.ts';
import type { Database } from '../../../connector/db/database.ts';

/** The sample invoice every document type's renderer is tried on (samples/README: made up, no real person). */
const SAMPLE = JSON.parse(readFileSync(new URL('../../../samples/invoice.json', import.meta.url), 'utf8')) as DocumentModel;

export interface SeedInput {
  accountId: string;
  retailerId: string;
  entityRef: string;
  orderRef?: string;
  buyerEmail?: string;
  /** Store a file and mark the record stored, as the pipeline does after rendering (default true). */
  store?: DocumentStore | false;
}

export interface SeededDocument {
  key: string;
  number: string;
  stored?: StoredObject;
  pdf?: Buffer;
}

/**
 * Makes a document the way the pipeline does, through the real records adapter: a number from the
 * gap-free allocator (which keeps the model, migration 411), then the stored file and markStored.
 */
export async function seedDocument(db: Database, input: SeedInput): Promise<SeededDocument> {
  const records = createDocumentRecords(db, { facts: [documentModelFacts] });
  const key = `${input.accountId}|${input.retailerId}|invoice|INVOICE|${input.entityRef}`;
  const model: DocumentModel = {
    ...SAMPLE,
    number: undefined,
    source: { accountId: input.accountId, retailerId: input.retailerId, entityType: 'INVOICE', entityRef: input.entityRef },
    orderRef: input.orderRef ?? `HD-${input.entityRef}`,
    buyer: { ...SAMPLE.buyer, email: input.buyerEmail ?? SAMPLE.buyer.email },
  };
  const { number } = await records.assignNumber(key, model);
  if (!input.store) return { key, number };
  const pdf = Buffer.from(`%PDF-1.7\n% ${number}\n`);
  const stored = await input.store.put(`${input.accountId}/${input.retailerId}/invoice/${number}.pdf`, pdf, { contentType: 'application/pdf' });
  await records.markStored(key, stored, 'invoice@test');
  return { key, number, stored, pdf };
}

/** The document's API id, as a client would find it in a list. */
export async function publicIdOf(db: Database, key: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>('SELECT public_id::text AS id FROM folio_documents WHERE key = $1', [key]);
  return rows[0]!.id;
}
