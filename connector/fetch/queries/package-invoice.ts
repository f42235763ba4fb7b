import { z } from 'zod';
import { packageOrderNodeSchema } from '../../core/fluent-data/package-order.ts';
import { ORDER_FIELDS } from './order.ts';

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

export const packageInvoiceQueryResultSchema = z.object({ order: packageOrderNodeSchema.nullish() });
