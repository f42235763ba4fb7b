import type { DocumentContext } from './context.ts';
import { nodesOf } from '../core/fluent-data/connection.ts';
import { attributeText } from '../core/fluent-data/fluent-types.ts';
import type { ShipmentNoteData } from '../core/fluent-data/document-data.ts';
import type { FulfilmentNode } from '../core/fluent-data/fulfilment.ts';
import { PermanentError } from '../core/errors.ts';
import { zonedIso } from './dates.ts';
import { documentHeader } from './document-header.ts';
import type { DocumentModel, Shipment } from '../core/document-model.ts';
import { finalizeDocument } from './finalize.ts';
import { checkedQuantity, priceLines, type DraftLine } from './lines.ts';
import { cumulativeShare, currencyCode } from './money.ts';
import { orderItemDraft } from './order-lines.ts';
import { buyerFrom, compact, fullName } from './party.ts';

/**
 * A shipment (delivery) note for one fulfilment: the items and quantities in the package, where it
 * goes, and the consignments with carrier and tracking. Prices are optional; when shown, a partly
 * filled line is priced as its share of the order line.
 */

export interface ShipmentNoteSource extends ShipmentNoteData, DocumentContext {
  /** Delivery notes usually omit prices; retailers may turn them on. */
  showPrices?: boolean;
  /** Needed only with prices: the currency of the order items when they carry none. */
  currency?: string;
}

/** Consignments of the package's articles, plus the tracking attributes Fluent webhooks carry. */
export function shipmentsOf(fulfilment: FulfilmentNode): Shipment[] {
  const seen = new Map<string, Shipment>();
  for (const article of nodesOf(fulfilment.articles, `fulfilment ${fulfilment.ref} articles`)) {
    for (const link of nodesOf(article.consignmentArticles, `article ${article.ref} consignments`)) {
      const c = link.consignment;
      if (!c || seen.has(c.consignmentReference)) continue;
      seen.set(c.consignmentReference, compact({ ref: c.consignmentReference, carrier: c.carrier?.name, trackingNumber: c.trackingLabel ?? undefined, status: c.status ?? undefined }));
    }
  }
  const trackingNumber = attributeText(fulfilment.attributes, ['TrackingNumber', 'trackingNumber']);
  if (seen.size === 0 && trackingNumber) {
    seen.set(trackingNumber, compact({
      trackingNumber,
      carrier: attributeText(fulfilment.attributes, ['ShippingPartner', 'carrier', 'Carrier']),
      trackingUrl: attributeText(fulfilment.attributes, ['TrackingURL', 'trackingUrl']),
    }));
  }
  return [...seen.values()];
}

function packageLines(source: ShipmentNoteSource, currency: string | undefined): DraftLine[] {
  const { fulfilment } = source;
  return nodesOf(fulfilment.items, `fulfilment ${fulfilment.ref} items`).map((item) => {
    const what = `fulfilment item ${item.ref ?? item.id}`;
    const filled = checkedQuantity(item.filledQuantity, what);
    const orderItem = item.orderItem;
    if (!orderItem) throw new PermanentError(`${what}: no order item`);
    if (!source.showPrices || currency === undefined) {
      return { ref: orderItem.ref ?? item.id, description: orderItem.product.name, sku: orderItem.product.ref ?? undefined, quantity: filled, unitAmountMinor: 0, amountMinor: 0, treatment: { rateBp: 0, category: 'O' }, kind: 'item' as const };
    }
    const whole = orderItemDraft(orderItem, currency);
    const ordered = checkedQuantity(orderItem.quantity, what);
    if (filled > ordered) throw new PermanentError(`${what}: filled ${filled} exceeds ordered ${ordered}`);
    const amount = ordered === 0 ? 0 : cumulativeShare(whole.amountMinor, 0, filled, ordered);
    return orderItemDraft(orderItem, currency, { quantity: filled, amountMinor: amount });
  });
}

export function buildShipmentNote(source: ShipmentNoteSource): DocumentModel {
  const { fulfilment } = source;
  const ref = fulfilment.ref ?? fulfilment.id;
  const firstItem = nodesOf(fulfilment.items, `fulfilment ${ref} items`)[0];
  const currency = source.showPrices ? currencyCode(firstItem?.orderItem?.currency ?? source.currency) : undefined;
  const mode = source.priceMode ?? 'tax_exclusive';
  const drafts = packageLines(source, currency);
  const priced = priceLines(drafts, mode);
  const customer = fulfilment.order?.customer;
  const buyer = buyerFrom({
    names: [fulfilment.toAddress?.name, fullName(customer?.firstName, customer?.lastName), fulfilment.toAddress?.companyName],
    email: customer?.primaryEmail,
    phone: customer?.primaryPhone,
    address: fulfilment.toAddress,
  });
  if (!buyer) throw new PermanentError(`fulfilment ${ref}: no recipient name`);
  const orderRef = fulfilment.order?.ref ?? undefined;
  const shipments = shipmentsOf(fulfilment);
  return finalizeDocument({
    type: 'shipment_note',
    ...documentHeader(source, {
      entity: { type: 'FULFILMENT', ref, id: fulfilment.id },
      root: { type: 'ORDER', ref: orderRef },
      issueDate: zonedIso(fulfilment.updatedOn ?? fulfilment.createdOn, `fulfilment ${ref} date`),
      // Without prices there is no money on the note; the currency field still needs a valid code.
      currency: currency ?? currencyCode(firstItem?.orderItem?.currency ?? source.currency ?? 'EUR'),
      buyer,
      orderRef,
    }),
    references: [...(orderRef ? [{ label: 'Order', value: orderRef }] : []), { label: 'Package', value: ref }],
    lines: priced.lines,
    taxSummary: source.showPrices ? priced.taxSummary : [],
    totals: priced.totals,
    notes: [],
    showPrices: Boolean(source.showPrices),
    ...(shipments.length > 0 ? { shipments } : {}),
  });
}
