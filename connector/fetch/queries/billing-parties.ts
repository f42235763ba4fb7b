import { z } from 'zod';
import { customerNodeSchema } from '../../core/fluent-data/customer.ts';
import { orderNodeSchema } from '../../core/fluent-data/order.ts';
import { CUSTOMER_SELECTION } from './customer.ts';
import { ORDER_FIELDS } from './order.ts';

/**
 * The customer and the order of an invoice or credit memo, in one request. Invoice.order and
 * BillingAccount.customer are links ({ ref } only) in Fluent's schema, so neither can be selected inside
 * the invoice's own query; asked together, a billing document takes two round trips to Fluent instead of
 * three. A ref the document lacks is left out with @include (its variable is then an empty string).
 */
export const BILLING_PARTIES_QUERY = /* GraphQL */ `
  query FolioBillingParties($customerRef: String!, $orderRef: String!, $withCustomer: Boolean!, $withOrder: Boolean!) {
    customer(ref: $customerRef) @include(if: $withCustomer) { ${CUSTOMER_SELECTION} }
    order(ref: $orderRef) @include(if: $withOrder) { ${ORDER_FIELDS} }
  }
`;

/** A field left out by @include is absent from the answer; an unknown ref answers null. */
export const billingPartiesResultSchema = z.object({ customer: customerNodeSchema.nullish(), order: orderNodeSchema.nullish() });
