import { z } from 'zod';
import { nodesOf } from '../core/fluent-data/connection.ts';
import { idSchema } from '../core/fluent-data/fluent-types.ts';
import type { PackageInvoiceData } from '../core/fluent-data/document-data.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../core/errors.ts';
import { fetchQuery } from './fetch-query.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { PACKAGE_INVOICE_QUERY, packageInvoiceQueryResultSchema } from './queries/package-invoice.ts';

/** Fluent's current Invoice.fulfilment link (not in the 2020 SDL). */
const INVOICE_FULFILMENT_QUERY = /* GraphQL */ `
  query FolioInvoiceFulfilment($ref: String!) {
    invoice(ref: $ref) { ref order { ref } fulfilment { ref order { ref } } }
  }
`;
const invoiceFulfilmentSchema = z.object({
  invoice: z
    .object({
      ref: z.string(),
      order: z.object({ ref: z.string().nullish() }).nullish(),
      fulfilment: z.object({ ref: z.string().nullish(), order: z.object({ ref: z.string().nullish() }).nullish() }).nullish(),
    })
    .nullish(),
});

export async function invoiceFulfilmentLink(fluent: FluentClient, ref: string): Promise<{ fulfilmentRef: string; orderRef: string } | undefined> {
  const { invoice } = await fetchQuery(fluent, INVOICE_FULFILMENT_QUERY, { ref }, invoiceFulfilmentSchema, `invoice ${ref} fulfilment`);
  const fulfilmentRef = invoice?.fulfilment?.ref;
  if (!fulfilmentRef) return undefined;
  const orderRef = invoice.fulfilment?.order?.ref ?? invoice.order?.ref;
  if (!orderRef) throw new PermanentError(`invoice ${ref} is for package ${fulfilmentRef} but names no order`);
  return { fulfilmentRef, orderRef };
}

const FULFILMENT_ORDER_QUERY = /* GraphQL */ `
  query FolioFulfilmentOrder($id: ID!) {
    fulfilmentById(id: $id) { id ref order { ref } }
  }
`;
const fulfilmentOrderSchema = z.object({
  fulfilmentById: z.object({ id: idSchema, ref: z.string().nullish(), order: z.object({ ref: z.string().nullish() }).nullish() }).nullish(),
});

/** The order with all its packages; the package is named by fulfilment id or ref. */
export async function loadPackageInvoice(fluent: FluentClient, orderRef: string, pkg: { id: string } | { ref: string }): Promise<PackageInvoiceData> {
  const { order } = await fetchQuery(fluent, PACKAGE_INVOICE_QUERY, { ref: orderRef }, packageInvoiceQueryResultSchema, `order ${orderRef} packages`);
  if (!order) throw new PermanentError(`order ${orderRef} does not exist in Fluent`);
  const packages = nodesOf(order.fulfilments, `order ${orderRef} fulfilments`);
  const found = 'id' in pkg ? packages.find((p) => p.id === pkg.id) : packages.find((p) => p.ref === pkg.ref);
  if (!found) throw new PermanentError(`order ${orderRef} has no fulfilment ${'id' in pkg ? `id ${pkg.id}` : pkg.ref}`);
  return { order, fulfilmentId: found.id };
}

/** Per-package mode on a FULFILMENT event: the fulfilment (by id, as Fluent addresses it) and its order. */
export async function loadPackageInvoiceForFulfilment(fluent: FluentClient, event: FluentEvent): Promise<PackageInvoiceData> {
  const id = event.entityId;
  if (!id) throw new PermanentError(`the ${event.entityType} event ${event.id} has no entityId; fulfilments are addressed by id`);
  const { fulfilmentById } = await fetchQuery(fluent, FULFILMENT_ORDER_QUERY, { id }, fulfilmentOrderSchema, `fulfilment ${id}`);
  if (!fulfilmentById) throw new PermanentError(`fulfilment ${id} does not exist in Fluent`);
  const orderRef = fulfilmentById.order?.ref;
  if (!orderRef) throw new PermanentError(`fulfilment ${fulfilmentById.ref ?? id} has no order`);
  return loadPackageInvoice(fluent, orderRef, { id: fulfilmentById.id });
}
