import { z } from 'zod';
import { partySchema } from '../core/document-model.ts';

/**
 * What every builder needs besides the Fluent data: who issues the document (configuration), how to
 * present it (locale, time zone), and which event asked for it (account, retailer, root entity).
 */

/** The seller is configured, not fetched: Fluent holds no legal identity for the retailer. */
export const sellerConfigSchema = partySchema;
export type SellerConfig = z.infer<typeof sellerConfigSchema>;

/**
 * Whether source prices include tax. Fluent does not say (it depends on the retailer's market),
 * so it is configuration passed with the source; invoices default to exclusive because the SDL
 * documents InvoiceItem.amount as "excluding tax".
 */
export const priceModeSchema = z.enum(['tax_exclusive', 'tax_inclusive']);
export type PriceMode = z.infer<typeof priceModeSchema>;

/** Where the request came from: copied into DocumentModel.source. */
export const documentOriginSchema = z.object({
  accountId: z.string(),
  retailerId: z.string(),
  entityId: z.string().optional(),
  rootEntityType: z.string().optional(),
  rootEntityRef: z.string().optional(),
});
export type DocumentOrigin = z.infer<typeof documentOriginSchema>;

export interface DocumentContext {
  seller: SellerConfig;
  locale: string;
  timeZone: string;
  origin: DocumentOrigin;
  priceMode?: PriceMode;
}
