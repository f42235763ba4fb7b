import { z } from 'zod';
import type { DocumentContext } from '../../build/context.ts';
import type { TaxType } from './common.ts';
import { connectionSchema, idSchema } from './common.ts';
import { ORDER_FIELDS, orderNodeFields } from './order.ts';

/**
 * An order with all its fulfilments (packages), for per-package invoices: each package's share of
 * items, shipping and COD fee depends on the packages before it, so all of them are fetched.
 */
export const PACKAGE_INVOICE_QUERY = /* GraphQL */ `
  query FolioPackageInvoice($ref: String!) {
    order(ref: $ref) {
      ${ORDER_FIELDS}
      fulfilments(first: 100) {
        pageInfo { hasNextPage }
        edges {
          node {
            id
            ref
            status
            createdOn
            items(first: 500) { pageInfo { hasNextPage } edges { node { filledQuantity orderItem { id ref } } } }
          }
        }
      }
    }
  }
`;

export const packageSchema = z.object({
  id: idSchema,
  ref: z.string().nullish(),
  status: z.string().nullish(),
  createdOn: z.string().nullish(),
  items: connectionSchema(
    z.object({ filledQuantity: z.number().int(), orderItem: z.object({ id: idSchema, ref: z.string().nullish() }).nullish() }),
  ),
});
export type PackageNode = z.infer<typeof packageSchema>;

export const packageOrderNodeSchema = z.object({ ...orderNodeFields, fulfilments: connectionSchema(packageSchema) });
export type PackageOrderNode = z.infer<typeof packageOrderNodeSchema>;

export const packageInvoiceQueryResultSchema = z.object({ order: packageOrderNodeSchema.nullish() });

export const packageInvoiceConfigSchema = z.object({
  /** Shipping on the first package, or split over packages in proportion to their value. */
  shipping: z.enum(['first_package', 'proportional']).default('proportional'),
  /** COD fee charged per package (gross minor units) when the order is paid cash on delivery. */
  codFeePerPackageMinor: z.number().int().nonnegative().default(0),
  /** Tenders that are cash on delivery. */
  codTenders: z.array(z.string()).default(['COD', 'CASH_ON_DELIVERY']),
});
export type PackageInvoiceConfig = z.output<typeof packageInvoiceConfigSchema>;

export interface PackageInvoiceSource extends DocumentContext {
  order: PackageOrderNode;
  /** The package this invoice is for (fulfilment id). */
  fulfilmentId: string;
  config: PackageInvoiceConfig;
  /** Tax type of shipping and the COD fee when the items do not share one rate. */
  shippingTaxType?: TaxType;
  currency?: string;
}
