import { z } from 'zod';

/**
 * A marketplace seller's statement for one billing cycle, as documents carry it (the `statement` block
 * of the document model): every order, refund and adjustment counted in the cycle, and the payout
 * computed from them. Integer minor units of the payout currency; dates with their offset.
 */
const minor = z.number().int();
const zoned = z.iso.datetime({ offset: true });

export const commissionPartSchema = z.object({
  category: z.string().optional(),
  channel: z.string().optional(),
  /** What the rate applied to: items (gross) or shipping. */
  on: z.enum(['items', 'shipping']),
  rateBp: z.number().int().nonnegative(),
  baseMinor: minor,
  commissionMinor: minor,
});
export type CommissionPart = z.infer<typeof commissionPartSchema>;

export const statementEntrySchema = z.object({
  /** `sale:<order ref>`, `refund:<credit memo ref>`, `adjustment:<id>`: each is counted in one cycle, ever. */
  key: z.string().min(1),
  kind: z.enum(['sale', 'refund', 'adjustment']),
  ref: z.string().min(1),
  orderRef: z.string().optional(),
  date: zoned,
  description: z.string(),
  /** Goods sold, or refunded (as a positive amount). */
  goodsMinor: minor,
  /** Shipping charged, or refunded. */
  shippingMinor: minor,
  /** Commission charged on a sale, or reversed on a refund (positive either way). */
  commissionMinor: minor,
  /** What the entry adds to the payout (negative for refunds and debits). */
  amountMinor: minor,
  commissions: z.array(commissionPartSchema).default([]),
  author: z.string().optional(),
});
export type StatementEntry = z.output<typeof statementEntrySchema>;

/** payout = sales + shipping − refunds − commissions + reversals ± adjustments − subscription. */
export const payoutSchema = z.object({
  salesMinor: minor,
  shippingMinor: minor,
  refundsMinor: minor,
  commissionsMinor: minor,
  reversalsMinor: minor,
  adjustmentsMinor: minor,
  subscriptionMinor: minor,
  payoutMinor: minor,
});
export type Payout = z.output<typeof payoutSchema>;

export const statementSchema = z.object({
  sellerRef: z.string().min(1),
  /** [start, end); `through` is its last instant (end − 1 ms), the last day printed. */
  cycle: z.object({ id: z.string().min(1), start: zoned, end: zoned, through: zoned }),
  entries: z.array(statementEntrySchema),
  payout: payoutSchema,
  /** The seller's company registration number, printed with its legal name (art. 226 asks for the VAT id; registers ask for this). */
  companyRegistrationNumber: z.string().optional(),
  /** How the commission invoice charges VAT: standard, reverse_charge, outside_scope or exempt. */
  vatStatus: z.enum(['standard', 'reverse_charge', 'outside_scope', 'exempt']).optional(),
  /** The commission invoice of the same cycle, which the statement's commissions and subscription are on. */
  commissionInvoiceNumber: z.string().optional(),
  /** On the commission invoice: the statement of the same cycle. */
  statementNumber: z.string().optional(),
});
export type Statement = z.output<typeof statementSchema>;
