import { z } from 'zod';
import { statementSchema } from './statement-model.ts';

/**
 * The canonical document model: every document type is built into this one shape by a pure function,
 * and every template renders from it. Money is integers in minor units of `currency`; dates carry a
 * time zone offset; nothing here depends on Fluent's wire format.
 */

export const DOCUMENT_TYPES = [
  'invoice',
  'credit_note',
  'debit_note',
  'payment_receipt',
  'order_confirmation',
  'shipment_note',
  'return_confirmation',
  'custom',
] as const;
export const documentTypeSchema = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof documentTypeSchema>;

const minor = z.number().int();
/** ISO 8601 date-time with an explicit offset (Z or ±hh:mm). */
export const zonedDateTime = z.iso.datetime({ offset: true });

export const addressSchema = z.object({
  name: z.string().optional(),
  companyName: z.string().optional(),
  street: z.string().optional(),
  city: z.string().optional(),
  postcode: z.string().optional(),
  region: z.string().optional(),
  country: z.string().optional(),
});
export type Address = z.infer<typeof addressSchema>;

export const partySchema = z.object({
  name: z.string().min(1),
  vatId: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: addressSchema.optional(),
});
export type Party = z.infer<typeof partySchema>;

export const documentLineSchema = z.object({
  ref: z.string(),
  description: z.string(),
  sku: z.string().optional(),
  quantity: z.number().int().nonnegative(),
  unit: z.string().optional(),
  unitPriceMinor: minor,
  /** Net line amount (before tax). */
  netMinor: minor,
  taxMinor: minor,
  grossMinor: minor,
  /** Tax rate in basis points of a percent: 20% = 2000, 7.7% = 770. */
  taxRateBp: z.number().int().nonnegative(),
  /** EN 16931 VAT category code (S standard, Z zero, E exempt, AE reverse charge, O out of scope …). */
  taxCategory: z.string().min(1),
  taxExemptionReason: z.string().optional(),
  reason: z.string().optional(),
  /** What the line charges for; absent means a product item. */
  kind: z.enum(['item', 'shipping', 'fee', 'adjustment']).optional(),
  /** Unit price including tax, when the source priced tax-inclusive (unitPriceMinor stays net). */
  unitPriceGrossMinor: minor.optional(),
});
export type DocumentLine = z.infer<typeof documentLineSchema>;

export const taxSummaryRowSchema = z.object({
  taxCategory: z.string(),
  taxRateBp: z.number().int().nonnegative(),
  taxableMinor: minor,
  taxMinor: minor,
  exemptionReason: z.string().optional(),
  /**
   * Sum of the line taxes as the source gave (or per-line rounding gave) minus taxMinor. The rate's
   * tax follows EN 16931 BR-CO-17 (rounded once at document level); lines absorb this residue.
   */
  roundingResidueMinor: minor.optional(),
});
export type TaxSummaryRow = z.infer<typeof taxSummaryRowSchema>;

export const totalsSchema = z.object({
  netMinor: minor,
  taxMinor: minor,
  grossMinor: minor,
  paidMinor: minor.optional(),
  balanceMinor: minor.optional(),
});
export type Totals = z.infer<typeof totalsSchema>;

/** A payment received, or a refund paid back, by tender (card, loyalty points, COD, bank transfer …). */
export const paymentEntrySchema = z.object({
  kind: z.enum(['payment', 'refund']),
  /** The tender or refund method, as Fluent names it (FinancialTransaction.paymentMethod). */
  method: z.string(),
  amountMinor: minor,
  ref: z.string().optional(),
  cardType: z.string().optional(),
  status: z.string().optional(),
  date: zonedDateTime.optional(),
  /** The payment this document is the receipt of. */
  current: z.boolean().optional(),
});
export type PaymentEntry = z.infer<typeof paymentEntrySchema>;

/** A parcel or consignment with its carrier and tracking, for shipment notes and package invoices. */
export const shipmentSchema = z.object({
  ref: z.string().optional(),
  carrier: z.string().optional(),
  trackingNumber: z.string().optional(),
  trackingUrl: z.string().optional(),
  status: z.string().optional(),
});
export type Shipment = z.infer<typeof shipmentSchema>;

export const documentSchema = z.object({
  type: documentTypeSchema,
  /** Custom document name when type is 'custom'. */
  customName: z.string().optional(),
  /** Fluent entity the document is about. */
  source: z.object({
    accountId: z.string(),
    retailerId: z.string(),
    entityType: z.string(),
    entityRef: z.string(),
    entityId: z.string().optional(),
    rootEntityType: z.string().optional(),
    rootEntityRef: z.string().optional(),
  }),
  /** Assigned by the numbering step; absent until then. */
  number: z.string().optional(),
  issueDate: zonedDateTime,
  supplyDate: zonedDateTime.optional(),
  dueDate: zonedDateTime.optional(),
  timeZone: z.string(),
  locale: z.string(),
  currency: z.string().length(3),
  seller: partySchema,
  buyer: partySchema,
  orderRef: z.string().optional(),
  references: z.array(z.object({ label: z.string(), value: z.string() })).default([]),
  lines: z.array(documentLineSchema),
  taxSummary: z.array(taxSummaryRowSchema),
  totals: totalsSchema,
  notes: z.array(z.string()).default([]),
  /** How the source priced: tax-exclusive unless said otherwise. */
  priceMode: z.enum(['tax_exclusive', 'tax_inclusive']).optional(),
  /** False for documents that list goods without prices (e.g. a delivery note). */
  showPrices: z.boolean().optional(),
  /** Payments received and refunds paid, by tender (receipts, package invoices, credit notes). */
  payments: z.array(paymentEntrySchema).optional(),
  shipments: z.array(shipmentSchema).optional(),
  paymentStatus: z.enum(['paid', 'partially_paid', 'unpaid', 'cash_on_delivery']).optional(),
  /** A marketplace seller's cycle: its orders, refunds and adjustments, and the payout (connector/statements). */
  statement: statementSchema.optional(),
});
export type DocumentModel = z.output<typeof documentSchema>;
export type DocumentModelInput = z.input<typeof documentSchema>;
