import { z } from 'zod';
import { addressSchema } from '../core/document-model.ts';

/**
 * A marketplace seller: a merchant whose goods the operator sells on Fluent, modelled as a Fluent
 * retailer of the account (its orders carry that retailer). Everything a billing cycle needs to invoice
 * its commissions and pay it out: its legal identity, VAT status, commission rates, subscription and
 * billing cycle. Read from the retailer's `folio.seller` setting, or from FOLIO_STATEMENT_SELLERS.
 */

/** Basis points of a percent: 12.5% = 1250. */
const basisPoints = z.number().int().min(0).max(10_000);

export const timeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone such as Europe/Berlin');

export const billingCycleSchema = z.object({
  frequency: z.enum(['weekly', 'biweekly', 'monthly']),
  /** Cycles end (and the next starts) at the cut-off hour, local time in this zone. */
  timeZone: timeZoneSchema,
  cutOffHour: z.number().int().min(0).max(23).default(0),
  /** Biweekly: a Monday some cycle starts on (the fortnights are counted from it). */
  anchor: z.iso.date().default('2024-01-01'),
});
export type BillingCycle = z.output<typeof billingCycleSchema>;

export const commissionRateSchema = z.object({
  /** The product category (the order item's category attribute); absent: any. */
  category: z.string().min(1).optional(),
  /** The sales channel (the order's channel attribute); absent: any. */
  channel: z.string().min(1).optional(),
  rateBp: basisPoints,
});
export type CommissionRate = z.output<typeof commissionRateSchema>;

/**
 * How the seller is charged VAT on the commission invoice. `auto`: reverse charge (art. 196 VAT
 * Directive) for a seller established in another EU country with a VAT id, none outside the EU,
 * the marketplace's rate at home.
 */
export const vatStatusSchema = z.enum(['auto', 'standard', 'reverse_charge', 'outside_scope', 'exempt']);
export type VatStatus = z.output<typeof vatStatusSchema>;

export const sellerSchema = z
  .object({
    /** The seller's own id in Folio: names its statements, documents and number of each. */
    ref: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)'),
    /** The Fluent retailer whose orders are this seller's sales. */
    retailerId: z.string().regex(/^\d+$/, 'a Fluent retailer id'),
    legalName: z.string().min(1),
    address: addressSchema.extend({ country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 country code such as DE') }),
    vatId: z.string().min(4).optional(),
    companyRegistrationNumber: z.string().min(1).optional(),
    /** Where statements and commission invoices are e-mailed. */
    email: z.email().optional(),
    locale: z.string().min(2).default('en'),
    payoutCurrency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
    vatStatus: vatStatusSchema.default('auto'),
    commission: z.object({
      /** When no rate below matches an item. */
      defaultRateBp: basisPoints,
      /** Most specific wins: category and channel, then category, then channel. */
      rates: z.array(commissionRateSchema).default([]),
      /** Whether shipping the seller charged is commissioned too (at the rate of the order's channel). */
      shippingIncluded: z.boolean().default(false),
    }),
    /** Charged once per cycle, in minor units of the payout currency (as paid: VAT included where charged). */
    subscriptionFeeMinor: z.number().int().nonnegative().default(0),
    billingCycle: billingCycleSchema,
  })
  .superRefine((seller, ctx) => {
    if (seller.vatStatus === 'reverse_charge' && !seller.vatId) {
      ctx.addIssue({ code: 'custom', path: ['vatId'], message: 'reverse charge needs the seller\'s VAT id on the invoice (art. 226(4))' });
    }
    const seen = new Set<string>();
    seller.commission.rates.forEach((rate, index) => {
      const key = `${rate.category ?? '*'}|${rate.channel ?? '*'}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['commission', 'rates', index], message: `a second rate for category ${rate.category ?? 'any'} and channel ${rate.channel ?? 'any'}` });
      seen.add(key);
    });
  });
export type Seller = z.output<typeof sellerSchema>;
export type SellerInput = z.input<typeof sellerSchema>;

/** The fallback list (FOLIO_STATEMENT_SELLERS): seller refs must be unique. */
export const sellerListSchema = z.array(sellerSchema).superRefine((sellers, ctx) => {
  const seen = new Set<string>();
  sellers.forEach((seller, index) => {
    if (seen.has(seller.ref)) ctx.addIssue({ code: 'custom', path: [index, 'ref'], message: `seller ${seller.ref} is listed twice` });
    seen.add(seller.ref);
  });
});
