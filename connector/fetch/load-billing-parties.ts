import type { CustomerNode } from '../core/fluent-data/customer.ts';
import type { OrderNode } from '../core/fluent-data/order.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { fetchQuery } from './fetch-query.ts';
import { BILLING_PARTIES_QUERY, billingPartiesResultSchema } from './queries/billing-parties.ts';

export interface BillingParties {
  customer: CustomerNode | null;
  order: OrderNode | null;
}

/** A billing document's customer and order by their refs, in one request (none when it has neither). */
export async function loadBillingParties(fluent: FluentClient, refs: { customerRef?: string | null; orderRef?: string | null }, what: string): Promise<BillingParties> {
  const { customerRef, orderRef } = refs;
  if (!customerRef && !orderRef) return { customer: null, order: null };
  const variables = { customerRef: customerRef ?? '', orderRef: orderRef ?? '', withCustomer: Boolean(customerRef), withOrder: Boolean(orderRef) };
  const { customer, order } = await fetchQuery(fluent, BILLING_PARTIES_QUERY, variables, billingPartiesResultSchema, `${what}'s customer and order`);
  return { customer: customer ?? null, order: order ?? null };
}
