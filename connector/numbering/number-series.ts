import type { DocumentModel, DocumentType } from '../core/document-model.ts';
import type { AllocateNumberInput } from './allocate-number.ts';

/**
 * Folio's numbering policy: which gap-free series a document draws from and how its number reads.
 * One series per retailer × seller country × document kind (allocate-number.ts's default series), so
 * the seller's country is required; a custom document is its own kind, with its own series and prefix.
 */

/** Number prefixes per document type, for the `{prefix}` token of number patterns. */
const PREFIX: Record<DocumentType, string> = {
  invoice: 'INV',
  credit_note: 'CN',
  debit_note: 'DN',
  payment_receipt: 'RCT',
  order_confirmation: 'OC',
  shipment_note: 'SN',
  return_confirmation: 'RC',
  custom: 'DOC',
};

/** Default pattern: INV-GB2026-000001 — one gap-free series per retailer × country × type. */
export const DEFAULT_NUMBER_PATTERN = '{prefix}-{country}{yyyy}-{seq:6}';

/** A custom document's prefix is its name, up to 8 letters or digits (`warranty` → WARRANTY). */
export function numberPrefix(document: Pick<DocumentModel, 'type' | 'customName'>): string {
  if (document.type === 'custom' && document.customName) return document.customName.toUpperCase().replace(/[^A-Z0-9]+/g, '').slice(0, 8) || PREFIX.custom;
  return PREFIX[document.type];
}

export interface NumberRequest {
  /** The document's key (core/document-key.ts). */
  key: string;
  document: DocumentModel;
  /** What the built document is (`custom:<name>` or its type): names its series. */
  kind: string;
  /** The seller's country, checked by the caller (a missing one is the caller's kind of failure). */
  country: string;
  pattern: string;
}

/** What the gap-free allocator needs to number one document under this policy. */
export function numberAllocation(request: NumberRequest): AllocateNumberInput {
  const { document } = request;
  return {
    key: request.key,
    document: { accountId: document.source.accountId, retailerId: document.source.retailerId, documentType: request.kind, entityType: document.source.entityType, entityRef: document.source.entityRef },
    pattern: request.pattern,
    issuedAt: new Date(document.issueDate),
    timeZone: document.timeZone,
    values: { country: request.country, prefix: numberPrefix(document) },
  };
}
