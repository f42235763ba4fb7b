import { z } from 'zod';
import { attributesSchema, idSchema } from '../../core/fluent-data/fluent-types.ts';
import { ATTRIBUTE_FIELDS } from './common.ts';

/**
 * Pages of invoices or credit memos, filtered the way Fluent's search queries filter (status list,
 * createdOn / updatedOn DateRange, Relay paging): what the reconciliation sweep and `folio backfill`
 * look for. Fluent's invoice and credit-memo searches take no retailer argument, so each node names its
 * billing account's retailer and the caller keeps its own. Checked against the 2020 SDL by
 * test/reconcile/queries-validate.test.ts. (Payments have no search query in that SDL.)
 */
const NODE_FIELDS = `
  id
  ref
  type
  status
  createdOn
  updatedOn
  attributes ${ATTRIBUTE_FIELDS}
  billingAccount { id ref retailer { id } }
`;

const pageQuery = (name: string, field: string) => /* GraphQL */ `
  query ${name}($status: [String], $createdOn: DateRange, $updatedOn: DateRange, $first: Int, $after: String) {
    ${field}(status: $status, createdOn: $createdOn, updatedOn: $updatedOn, first: $first, after: $after) {
      pageInfo { hasNextPage }
      edges { cursor node { ${NODE_FIELDS} } }
    }
  }
`;

export const INVOICE_PAGE_QUERY = pageQuery('FolioInvoicePage', 'invoices');
export const CREDIT_MEMO_PAGE_QUERY = pageQuery('FolioCreditMemoPage', 'creditMemoes');

export const billingEntityNodeSchema = z.object({
  id: idSchema,
  ref: z.string(),
  type: z.string().nullish(),
  status: z.string().nullish(),
  createdOn: z.string().nullish(),
  updatedOn: z.string().nullish(),
  attributes: attributesSchema,
  billingAccount: z.object({ id: idSchema, ref: z.string(), retailer: z.object({ id: idSchema.nullish() }).nullish() }).nullish(),
});
export type BillingEntityNode = z.infer<typeof billingEntityNodeSchema>;

const pageSchema = z.object({
  pageInfo: z.object({ hasNextPage: z.boolean().nullish() }).nullish(),
  edges: z.array(z.object({ cursor: z.string().nullish(), node: billingEntityNodeSchema.nullish() }).nullish()).nullish(),
});

/** Both searches answer the same page shape under their own field; the schemas hand back the page. */
export const invoicePageResultSchema = z.object({ invoices: pageSchema.nullish() }).transform((result) => result.invoices);
export const creditMemoPageResultSchema = z.object({ creditMemoes: pageSchema.nullish() }).transform((result) => result.creditMemoes);
