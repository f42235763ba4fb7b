import type { AuditEvent } from '../core/ports/audit-sink.ts';
import type { DocumentStore } from '../core/ports/document-store.ts';
import type { Queryable } from '../db/database.ts';
import { listAudit } from '../audit/audit-trail.ts';
import { verifyStoredHash, type HashCheck } from '../audit/verify-hash.ts';
import { FORMAT_SPECS, EINVOICE_FORMATS } from '../einvoice/formats.ts';
import type { Operator } from './roles.ts';
import { tenantCondition } from './scope.ts';

/** A document as the console shows it, read whole (to_jsonb) so columns other areas add come along. */
export interface ConsoleDocument {
  key: string;
  tenant: string;
  accountId: string;
  retailerId: string;
  documentType: string;
  entityType: string;
  entityRef: string;
  number: string;
  status: string;
  failureReason?: string;
  sha256?: string;
  storageKey?: string;
  templateVersion?: string;
  orderRef?: string;
  customerName?: string;
  salesChannel?: string;
  paymentStatus?: string;
  createdAt: Date;
  updatedAt: Date;
}

type Json = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);

export function consoleDocumentOf(row: Json): ConsoleDocument {
  const storage = (row['storage'] ?? undefined) as Json | undefined;
  const model = (row['model'] ?? undefined) as Json | undefined;
  const optional = {
    failureReason: text(row['failure_reason']),
    sha256: text(row['sha256']),
    storageKey: text(storage?.['key']),
    templateVersion: text(row['template_version']),
    orderRef: text(row['order_ref']) ?? text(model?.['orderRef']),
    customerName: text(row['customer_name']) ?? text((model?.['buyer'] as Json | undefined)?.['name']),
    salesChannel: text(row['sales_channel']),
    paymentStatus: text(model?.['paymentStatus']),
  };
  return {
    key: String(row['key']),
    tenant: `${String(row['account_id'])}:${String(row['retailer_id'])}`,
    accountId: String(row['account_id']),
    retailerId: String(row['retailer_id']),
    documentType: String(row['document_type']),
    entityType: String(row['entity_type']),
    entityRef: String(row['entity_ref']),
    number: String(row['number']),
    status: String(row['status']),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    createdAt: new Date(String(row['created_at'])),
    updatedAt: new Date(String(row['updated_at'])),
  };
}

/** The document if it exists and the operator may see it; undefined otherwise (the same answer for both). */
export async function findDocument(db: Queryable, operator: Operator, key: string): Promise<ConsoleDocument | undefined> {
  const params: unknown[] = [key];
  const { rows } = await db.query<{ doc: Json }>(`SELECT to_jsonb(d) AS doc FROM folio_documents d WHERE d.key = $1 AND ${tenantCondition(operator, params, 'd.')}`, params);
  return rows[0] ? consoleDocumentOf(rows[0].doc) : undefined;
}

export interface DeliveryAttempt {
  channel: string;
  state: string;
  attempts: number;
  lastError: string | null;
  providerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface EInvoiceFile {
  format: string;
  key: string;
  fileName: string;
}

export interface DocumentDetails {
  document: ConsoleDocument;
  deliveries: DeliveryAttempt[];
  trail: AuditEvent[];
  hash?: HashCheck;
  hashError?: string;
  einvoices: EInvoiceFile[];
}

/** Everything the document page shows: delivery attempts, the audit trail with a fresh hash check, e-invoice files. */
export async function documentDetails(db: Queryable, store: DocumentStore, document: ConsoleDocument): Promise<DocumentDetails> {
  const { rows } = await db.query<{ channel: string; state: string; attempts: number; last_error: string | null; provider_id: string | null; created_at: Date; updated_at: Date }>(
    `SELECT channel, state, attempts, last_error, provider_id, created_at, updated_at FROM folio_deliveries WHERE document_key = $1 ORDER BY channel, created_at`,
    [document.storageKey ?? ''],
  );
  const deliveries = rows.map((r) => ({ channel: r.channel, state: r.state, attempts: r.attempts, lastError: r.last_error, providerId: r.provider_id, createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at) }));
  // The entity's trail, kept to this tenant: another retailer may use the same entity ref.
  const trail = (await listAudit(db, document.entityRef)).filter((e) => e.tenant === document.tenant || (document.storageKey !== undefined && e.documentKey === document.storageKey));
  const details: DocumentDetails = { document, deliveries, trail, einvoices: await einvoiceFiles(store, document) };
  if (document.storageKey && document.sha256) {
    try {
      details.hash = await verifyStoredHash(store, document.storageKey, document.sha256);
    } catch (error) {
      details.hashError = (error as Error).message;
    }
  }
  return details;
}

/** E-invoice files sit beside the PDF: same key, the format's suffix instead of `.pdf`. */
export function einvoiceKey(storageKey: string, format: keyof typeof FORMAT_SPECS): string {
  return storageKey.replace(/\.pdf$/, FORMAT_SPECS[format].suffix);
}

async function einvoiceFiles(store: DocumentStore, document: ConsoleDocument): Promise<EInvoiceFile[]> {
  const storageKey = document.storageKey;
  if (!storageKey) return [];
  const found = await Promise.all(
    EINVOICE_FORMATS.map(async (format): Promise<EInvoiceFile | undefined> => {
      const key = einvoiceKey(storageKey, format);
      try {
        const { stream } = await store.open(key);
        stream.destroy();
        return { format, key, fileName: key.split('/').at(-1)! };
      } catch {
        return undefined;
      }
    }),
  );
  return found.filter((f): f is EInvoiceFile => f !== undefined);
}
