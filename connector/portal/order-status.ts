import { z } from 'zod';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { fetchQuery } from '../fetch/fetch-query.ts';
import { ATTRIBUTE_FIELDS } from '../fetch/queries/common.ts';

/** What the order page shows from Fluent: the order's status and its parcels, with carrier and tracking. */
export const PORTAL_ORDER_QUERY = /* GraphQL */ `
  query FolioPortalOrder($ref: String!) {
    order(ref: $ref) {
      ref
      status
      createdOn
      retailer { id }
      attributes ${ATTRIBUTE_FIELDS}
      customer { attributes ${ATTRIBUTE_FIELDS} }
      fulfilments(first: 50) {
        edges {
          node {
            ref
            status
            eta
            articles(first: 50) {
              edges {
                node {
                  consignmentArticles(first: 10) {
                    edges { node { consignment { ref status consignmentReference trackingLabel carrier { name attributes ${ATTRIBUTE_FIELDS} } } } }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

type Attributes = ({ name: string; value?: unknown } | null)[] | null | undefined;
type Connection<T> = { edges?: ({ node?: T | null | undefined } | null | undefined)[] | null | undefined } | null | undefined;
interface Consignment {
  ref?: string | null | undefined;
  status?: string | null | undefined;
  consignmentReference?: string | null | undefined;
  trackingLabel?: string | null | undefined;
  carrier?: { name?: string | null | undefined; attributes?: Attributes } | null | undefined;
}
interface PortalOrder {
  ref: string;
  status?: string | null | undefined;
  createdOn?: string | null | undefined;
  retailer?: { id: string } | null | undefined;
  attributes?: Attributes;
  customer?: { attributes?: Attributes } | null | undefined;
  fulfilments?: Connection<{ ref?: string | null | undefined; status?: string | null | undefined; eta?: string | null | undefined; articles?: Connection<{ consignmentArticles?: Connection<{ consignment?: Consignment | null | undefined }> }> }>;
}

// Declared types above, schemas below: zod's inferred type of this nesting is too deep for the compiler.
const attributes: z.ZodType<Attributes> = z.array(z.object({ name: z.string(), value: z.unknown() }).nullable()).nullish();
const text = z.string().nullish();
function connection<T>(node: z.ZodType<T>): z.ZodType<Connection<T>> {
  return z.object({ edges: z.array(z.object({ node: node.nullish() }).nullish()).nullish() }).nullish() as z.ZodType<Connection<T>>;
}
const consignment: z.ZodType<Consignment> = z.object({
  ref: text,
  status: text,
  consignmentReference: text,
  trackingLabel: text,
  carrier: z.object({ name: text, attributes }).nullish(),
});
const portalOrderSchema: z.ZodType<PortalOrder> = z.object({
  ref: z.string(),
  status: text,
  createdOn: text,
  retailer: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).nullish(),
  attributes,
  customer: z.object({ attributes }).nullish(),
  fulfilments: connection(
    z.object({
      ref: text,
      status: text,
      eta: text,
      articles: connection(z.object({ consignmentArticles: connection(z.object({ consignment: consignment.nullish() })) })),
    }),
  ),
}) as z.ZodType<PortalOrder>;
export const portalOrderResultSchema: z.ZodType<{ order?: PortalOrder | null | undefined }> = z.object({ order: portalOrderSchema.nullish() });

export interface Shipment {
  fulfilmentRef: string | undefined;
  status: string | undefined;
  eta: string | undefined;
  carrier: string | undefined;
  trackingNumber: string | undefined;
  trackingUrl: string | undefined;
}

export interface OrderStatus {
  ref: string;
  status: string | undefined;
  retailerId: string | undefined;
  /** The shopper's language as Fluent holds it on the order or the customer. */
  language: string | undefined;
  shipments: Shipment[];
}

/** Reads the order from Fluent through Folio's GraphQL client; undefined when Fluent has no such order. */
export async function loadOrderStatus(fluent: FluentClient, orderRef: string): Promise<OrderStatus | undefined> {
  const { order } = await fetchQuery(fluent, PORTAL_ORDER_QUERY, { ref: orderRef }, portalOrderResultSchema, `order ${orderRef}`);
  return order ? orderStatusOf(order) : undefined;
}

const nodes = <T>(connection: { edges?: ({ node?: T | null | undefined } | null | undefined)[] | null | undefined } | null | undefined): T[] =>
  (connection?.edges ?? []).flatMap((edge) => (edge?.node ? [edge.node] : []));

function attribute(list: Attributes, names: readonly string[]): string | undefined {
  const found = (list ?? []).find((entry) => entry && names.includes(entry.name) && typeof entry.value === 'string' && entry.value.length > 0);
  return found ? String(found.value) : undefined;
}

/**
 * Pure: the order page's model from Fluent's answer. A parcel is a consignment (deduplicated across the
 * articles it holds); a carrier's `trackingUrl` attribute with `{trackingNumber}` makes the tracking link,
 * and only an https link is offered.
 */
export function orderStatusOf(order: PortalOrder): OrderStatus {
  const shipments: Shipment[] = [];
  const seen = new Set<string>();
  for (const fulfilment of nodes(order.fulfilments)) {
    const consignments = nodes(fulfilment.articles).flatMap((article) => nodes(article.consignmentArticles).flatMap((pair) => (pair.consignment ? [pair.consignment] : [])));
    if (consignments.length === 0) {
      shipments.push({ fulfilmentRef: fulfilment.ref ?? undefined, status: fulfilment.status ?? undefined, eta: fulfilment.eta ?? undefined, carrier: undefined, trackingNumber: undefined, trackingUrl: undefined });
    }
    for (const parcel of consignments) {
      const id = parcel.ref ?? parcel.consignmentReference ?? '';
      if (seen.has(id)) continue;
      seen.add(id);
      const trackingNumber = parcel.consignmentReference ?? parcel.trackingLabel ?? undefined;
      const template = attribute(parcel.carrier?.attributes, ['trackingUrl', 'TRACKING_URL']);
      const url = template && trackingNumber ? template.replaceAll('{trackingNumber}', encodeURIComponent(trackingNumber)) : undefined;
      shipments.push({
        fulfilmentRef: fulfilment.ref ?? undefined,
        status: parcel.status ?? fulfilment.status ?? undefined,
        eta: fulfilment.eta ?? undefined,
        carrier: parcel.carrier?.name ?? undefined,
        trackingNumber,
        trackingUrl: url && /^https:\/\//.test(url) ? url : undefined,
      });
    }
  }
  return {
    ref: order.ref,
    status: order.status ?? undefined,
    retailerId: order.retailer?.id,
    language: attribute(order.attributes, ['preferredLanguage', 'language', 'locale']) ?? attribute(order.customer?.attributes, ['preferredLanguage', 'language', 'locale']),
    shipments,
  };
}
