import { fetchQuery } from '../fetch/fetch-query.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import {
  CREDIT_MEMO_PAGE_QUERY,
  INVOICE_PAGE_QUERY,
  creditMemoPageResultSchema,
  invoicePageResultSchema,
  type BillingEntityNode,
} from '../fetch/queries/billing-entity-pages.ts';
import { ATTRIBUTE, SEARCH_PAGE_SIZE } from '../fluent/contract.ts';
import type { BillingEntity, ReconciledEntityType } from './billing-entity.ts';

export interface EntitySearch {
  /** Any of these statuses; all when absent. */
  statuses?: readonly string[];
  /** ISO timestamps bounding createdOn / updatedOn (Fluent's DateRange: both ends inclusive). */
  createdOn?: { from?: string; to?: string };
  updatedOn?: { from?: string; to?: string };
  /** Page size asked of Fluent (at most SEARCH_PAGE_SIZE). */
  pageSize?: number;
}

const QUERIES = {
  INVOICE: { query: INVOICE_PAGE_QUERY, schema: invoicePageResultSchema },
  CREDIT_MEMO: { query: CREDIT_MEMO_PAGE_QUERY, schema: creditMemoPageResultSchema },
} as const;

/**
 * Pages through Fluent's invoice or credit-memo search, yielding one page of entities at a time, those
 * of `retailerId` only (the search has no retailer argument, so the billing account's retailer decides).
 */
export async function* searchBillingEntities(
  fluent: FluentClient,
  entityType: ReconciledEntityType,
  retailerId: string,
  search: EntitySearch,
): AsyncGenerator<BillingEntity[]> {
  const { query, schema } = QUERIES[entityType];
  let after: string | undefined;
  for (;;) {
    const variables = {
      status: search.statuses ? [...search.statuses] : null,
      createdOn: search.createdOn ?? null,
      updatedOn: search.updatedOn ?? null,
      first: Math.min(search.pageSize ?? SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE),
      after: after ?? null,
    };
    const page = await fetchQuery(fluent, query, variables, schema, `${entityType} search`);
    const edges = page?.edges ?? [];
    const entities = edges.flatMap((edge) => (edge?.node ? [toEntity(entityType, edge.node)] : [])).filter((e) => e.retailerId === undefined || e.retailerId === retailerId);
    yield entities;
    const last = edges.at(-1)?.cursor;
    if (!page?.pageInfo?.hasNextPage || !last) return;
    after = last;
  }
}

function toEntity(entityType: ReconciledEntityType, node: BillingEntityNode): BillingEntity {
  const number = node.attributes?.find((a) => a?.name === ATTRIBUTE.documentNumber)?.value;
  const retailerId = node.billingAccount?.retailer?.id ?? undefined;
  return {
    entityType,
    id: node.id,
    ref: node.ref,
    status: node.status ?? '',
    ...(node.type && { subtype: node.type }),
    ...(node.createdOn && { createdOn: node.createdOn }),
    ...(node.updatedOn && { updatedOn: node.updatedOn }),
    ...(typeof number === 'string' && number !== '' && { documentNumber: number }),
    ...(retailerId && { retailerId }),
    ...(node.billingAccount && { root: { id: node.billingAccount.id, ref: node.billingAccount.ref } }),
  };
}
