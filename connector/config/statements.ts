import { z } from 'zod';
import { sellerListSchema } from '../sellers/seller.ts';
import { jsonText, nonNegativeInt } from './values.ts';

/**
 * Marketplace seller statements (connector/statements): the sellers when Fluent has no `folio.seller`
 * setting for them, how their orders are read, the marketplace's VAT rate on its services, and how
 * often the connector looks for cycles that have ended.
 */
export const statementOptionsSchema = z.object({
  /** Order statuses that count as confirmed (with settled payments covering the order, it is a sale). */
  orderStatuses: z.array(z.string().min(1)).min(1).default(['CONFIRMED', 'BOOKED', 'COMPLETE', 'COMPLETED', 'FULFILLED', 'SHIPPED', 'DELIVERED']),
  /** Order item attribute holding the product category commission rates are chosen by. */
  categoryAttribute: z.string().min(1).default('category'),
  /** Order attribute holding the sales channel. */
  channelAttribute: z.string().min(1).default('channel'),
  /** How far before a cycle's start Fluent is searched for late payments and refunds (days). */
  lookbackDays: z.number().int().min(0).max(366).default(62),
  /** The marketplace's VAT rate on commissions to sellers at home, basis points (23% = 2300). */
  vatRateBp: z.number().int().min(0).max(10_000).default(2000),
});
export type StatementOptions = z.output<typeof statementOptionsSchema>;

const SELLER_EXAMPLE = '[{"ref":"S1","retailerId":"2","legalName":"…","address":{"country":"DE"},"vatId":"DE…","payoutCurrency":"EUR","commission":{"defaultRateBp":1000},"billingCycle":{"frequency":"monthly","timeZone":"Europe/Berlin"}}]';

export const statementVariables = {
  FOLIO_STATEMENT_SELLERS: jsonText(sellerListSchema, SELLER_EXAMPLE).prefault('[]'),
  FOLIO_STATEMENTS: jsonText(statementOptionsSchema, '{"vatRateBp":2300,"channelAttribute":"salesChannel"}').prefault('{}'),
  /** How often ended cycles are looked for and queued (0 = never: run them with `folio statements run`). */
  FOLIO_STATEMENTS_INTERVAL_MS: nonNegativeInt(3_600_000),
};
