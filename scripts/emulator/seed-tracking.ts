import type { EntityStore } from './store.ts';

/**
 * Shipment tracking as Fluent holds it: a fulfilment of the order, an article in it, and the consignment
 * (parcel) the article travels in, with its carrier and tracking number. The emulator has no mutations
 * for articles, consignments and carriers (Fluent's come from carrier integrations), so tests and the
 * demo seed them here. A carrier's `trackingUrl` attribute, with `{trackingNumber}`, makes its tracking link.
 */
export interface SeededShipment {
  orderRef: string;
  fulfilmentRef: string;
  carrier: { ref: string; name: string; trackingUrl?: string };
  trackingNumber: string;
  status?: string;
  /** ISO date-time the parcel is expected. */
  eta?: string;
}

export function seedShipment(store: EntityStore, shipment: SeededShipment): { fulfilmentId: string; consignmentId: string } {
  const order = store.find('Order', (row) => row.ref === shipment.orderRef);
  if (!order) throw new Error(`seedShipment: no order ${shipment.orderRef}`);
  const status = shipment.status ?? 'SHIPPED';
  const carrier =
    store.find('Carrier', (row) => row.ref === shipment.carrier.ref) ??
    store.insert('Carrier', {
      ref: shipment.carrier.ref,
      name: shipment.carrier.name,
      type: 'DEFAULT',
      status: 'ACTIVE',
      attributes: shipment.carrier.trackingUrl ? [{ name: 'trackingUrl', type: 'STRING', value: shipment.carrier.trackingUrl }] : [],
    });
  const fulfilment = store.insert('Fulfilment', {
    ref: shipment.fulfilmentRef, orderId: order.id, type: 'HD', deliveryType: 'STANDARD', status, ...(shipment.eta && { eta: shipment.eta }),
  });
  const article = store.insert('Article', {
    ref: `${shipment.fulfilmentRef}-ART`, name: 'Parcel', type: 'DEFAULT', status, height: 1, length: 1, weight: 1, width: 1,
    workflowRef: 'ORDER::HD', workflowVersion: 1, fulfilmentIds: [fulfilment.id],
  });
  const consignment = store.insert('Consignment', {
    ref: `${shipment.fulfilmentRef}-CON`, consignmentReference: shipment.trackingNumber, trackingLabel: shipment.trackingNumber, status,
    carrierId: carrier.id, articleIds: [article.id], workflowRef: 'ORDER::HD', workflowVersion: 1,
  });
  return { fulfilmentId: String(fulfilment.id), consignmentId: String(consignment.id) };
}
