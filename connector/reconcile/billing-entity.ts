import { z } from 'zod';

/** Entity types the sweep and backfill look for: those whose Fluent search query exists (invoices, credit memos). */
export const RECONCILED_ENTITY_TYPES = ['INVOICE', 'CREDIT_MEMO'] as const;
export type ReconciledEntityType = (typeof RECONCILED_ENTITY_TYPES)[number];
export const reconciledEntityTypeSchema = z.enum(RECONCILED_ENTITY_TYPES);

/** A document-bearing Fluent entity as the sweep and backfill see it. */
export interface BillingEntity {
  entityType: ReconciledEntityType;
  id: string;
  ref: string;
  /** The entity's own type field (INVOICE, DEBIT …), the event's entitySubtype. */
  subtype?: string;
  status: string;
  createdOn?: string;
  updatedOn?: string;
  /** Its Folio document number, when Fluent already carries one (documented by some Folio). */
  documentNumber?: string;
  retailerId?: string;
  /** The workflow's root: the billing account. */
  root?: { id: string; ref: string };
}
