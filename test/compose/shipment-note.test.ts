import { describe, expect, it } from 'vitest';
import { buildShipmentNote } from '../../connector/compose/shipment-note.ts';
import type { FulfilmentNode } from '../../connector/core/fluent-data/fulfilment.ts';
import { fulfilmentQueryResultSchema } from '../../connector/fetch/queries/fulfilment.ts';
import { context } from './fixtures/context.ts';
import { orderResult } from './fixtures/order.ts';

const orderItems = orderResult.items!.edges!.map((e) => e!.node!);

/** The first package of the fixture order: one of the two shirts and the tote, sent with Colissimo. */
const fulfilment = fulfilmentQueryResultSchema.parse({
  fulfilmentById: {
    id: '601', ref: 'F-HD_387_56-1', status: 'FULFILLED', type: 'HD_PFDC', deliveryType: 'STANDARD',
    createdOn: '2024-04-03T08:00:00Z', updatedOn: '2024-04-03T16:30:00Z', eta: '2', attributes: [],
    fromAddress: { name: 'DC Lyon', street: '1 quai Perrache', city: 'Lyon', postcode: '69002', country: 'FR' },
    toAddress: { name: 'Camille Martin', street: '8 rue des Lilas', city: 'Lyon', postcode: '69003', country: 'FR' },
    order: { id: '3786', ref: 'HD_387_56', customer: orderResult.customer },
    items: { edges: [
      { node: { id: '1', ref: 'FI-1', status: 'FULFILLED', requestedQuantity: 2, filledQuantity: 1, rejectedQuantity: 0, orderItem: orderItems[0] } },
      { node: { id: '2', ref: 'FI-2', status: 'FULFILLED', requestedQuantity: 1, filledQuantity: 1, rejectedQuantity: 0, orderItem: orderItems[1] } },
    ] },
    articles: { edges: [{ node: { ref: 'ART-1', name: 'Box S', consignmentArticles: { edges: [
      { node: { consignment: { ref: 'C-1', status: 'ACTIVE', consignmentReference: '6A12345678901', trackingLabel: '6A12345678901', labelUrl: null, carrier: { name: 'Colissimo' } } } },
    ] } } }] },
  },
}).fulfilmentById as FulfilmentNode;

describe('buildShipmentNote', () => {
  it('lists items and filled quantities without prices, with carrier and tracking', () => {
    const doc = buildShipmentNote({ ...context, fulfilment });
    expect(doc.type).toBe('shipment_note');
    expect(doc.showPrices).toBe(false);
    expect(doc.lines.map((l) => [l.description, l.quantity, l.grossMinor])).toEqual([['Linen shirt', 1, 0], ['Canvas tote', 1, 0]]);
    expect(doc.taxSummary).toEqual([]);
    expect(doc.shipments).toEqual([{ ref: '6A12345678901', carrier: 'Colissimo', trackingNumber: '6A12345678901', status: 'ACTIVE' }]);
    expect(doc.source).toMatchObject({ entityType: 'FULFILMENT', entityRef: 'F-HD_387_56-1', rootEntityRef: 'HD_387_56' });
  });

  it('prices the package share of each line when asked', () => {
    const doc = buildShipmentNote({ ...context, fulfilment, showPrices: true });
    expect(doc.lines.map((l) => [l.quantity, l.netMinor, l.taxMinor])).toEqual([[1, 3995, 799], [1, 1999, 400]]);
    expect(doc.currency).toBe('EUR');
  });

  it('takes tracking from Fluent webhook attributes when there is no consignment', () => {
    const bare = { ...fulfilment, articles: null, attributes: [
      { name: 'TrackingNumber', type: 'STRING', value: 'TRACKING123' },
      { name: 'ShippingPartner', type: 'STRING', value: 'Awesome Shipping Co.' },
      { name: 'TrackingURL', type: 'STRING', value: 'https://track.example/TRACKING123' },
    ] };
    expect(buildShipmentNote({ ...context, fulfilment: bare }).shipments).toEqual([
      { trackingNumber: 'TRACKING123', carrier: 'Awesome Shipping Co.', trackingUrl: 'https://track.example/TRACKING123' },
    ]);
  });
});
