import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { themedHtmlRenderer } from '../../connector/app/themes-from-config.ts';
import { orderLinkFor, orderPageUrl, qrSvgDataUrl } from '../../connector/portal/order-link.ts';
import { orderStatusOf, PORTAL_ORDER_QUERY } from '../../connector/portal/order-status.ts';
import { emulatorSchema } from '../../scripts/emulator/graphql/executor.ts';
import { sampleInvoice } from '../render/fixtures/sample-invoice.ts';

describe('the order page’s data from Fluent', () => {
  it('asks Fluent only for fields its schema has', () => {
    expect(validate(emulatorSchema(), parse(PORTAL_ORDER_QUERY)).map((error) => error.message)).toEqual([]);
  });

  it('turns consignments into parcels with carrier and tracking, each parcel once, https links only', () => {
    const consignment = (ref: string, tracking: string, url: string) => ({
      consignment: { ref, status: 'SHIPPED', consignmentReference: tracking, carrier: { name: 'Royal Mail', attributes: [{ name: 'trackingUrl', value: url }] } },
    });
    const status = orderStatusOf({
      ref: 'ORD-1',
      status: 'SHIPPED',
      retailer: { id: '1' },
      attributes: [{ name: 'language', value: 'de' }],
      fulfilments: {
        edges: [
          {
            node: {
              ref: 'F-1',
              status: 'FULFILLED',
              eta: '2026-12-09T12:00:00Z',
              articles: {
                edges: [
                  { node: { consignmentArticles: { edges: [{ node: consignment('C-1', 'RM 1', 'https://track.example/{trackingNumber}') }] } } },
                  { node: { consignmentArticles: { edges: [{ node: consignment('C-1', 'RM 1', 'https://track.example/{trackingNumber}') }] } } },
                  { node: { consignmentArticles: { edges: [{ node: consignment('C-2', 'RM2', 'javascript:alert({trackingNumber})') }] } } },
                ],
              },
            },
          },
          { node: { ref: 'F-2', status: 'AWAITING_WAVE', articles: { edges: [] } } },
        ],
      },
    });
    expect(status).toEqual({
      ref: 'ORD-1',
      status: 'SHIPPED',
      retailerId: '1',
      language: 'de',
      shipments: [
        { fulfilmentRef: 'F-1', status: 'SHIPPED', eta: '2026-12-09T12:00:00Z', carrier: 'Royal Mail', trackingNumber: 'RM 1', trackingUrl: 'https://track.example/RM%201' },
        { fulfilmentRef: 'F-1', status: 'SHIPPED', eta: '2026-12-09T12:00:00Z', carrier: 'Royal Mail', trackingNumber: 'RM2', trackingUrl: undefined },
        { fulfilmentRef: 'F-2', status: 'AWAITING_WAVE', eta: undefined, carrier: undefined, trackingNumber: undefined, trackingUrl: undefined },
      ],
    });
  });
});

describe('the order link and QR code on documents', () => {
  it('is a short, deterministic link naming the retailer and order', () => {
    expect(orderPageUrl('https://folio.acme.example/', 'ACME', '1', 'ORD 1/2')).toBe('https://folio.acme.example/portal/ACME/1/o/ORD%201%2F2');
    expect(orderLinkFor('https://f.example', { accountId: 'ACME', retailerId: '1' }, 'ORD-1')).toEqual(orderLinkFor('https://f.example', { accountId: 'ACME', retailerId: '1' }, 'ORD-1'));
    expect(orderLinkFor('https://f.example', { accountId: 'ACME', retailerId: '1' }, undefined)).toBeUndefined();
  });

  it('draws exactly the dark modules of the QR code, and reuses the code of an order already drawn', () => {
    const url = orderPageUrl('https://folio.acme.example', 'ACME', '1', 'ORD-QR-1');
    const dataUrl = qrSvgDataUrl(url);
    const svg = Buffer.from(dataUrl.replace('data:image/svg+xml;base64,', ''), 'base64').toString('utf8');
    const drawn = new Set<string>();
    for (const [, x, y, run] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
      for (let i = 0; i < Number(run); i++) drawn.add(`${Number(x) + i - 4},${Number(y) - 4}`);
    }
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const dark = new Set<string>();
    for (let row = 0; row < modules.size; row++) for (let column = 0; column < modules.size; column++) if (modules.get(row, column)) dark.add(`${column},${row}`);
    expect(drawn.size).toBeGreaterThan(0);
    expect([...drawn].sort()).toEqual([...dark].sort());
    expect(qrSvgDataUrl(url)).toBe(dataUrl);
  });

  it('prints on documents with an order, in the document language, unless the theme turns it off', () => {
    const links = (source: { accountId: string; retailerId: string }, orderRef: string | undefined) => orderLinkFor('https://folio.acme.example', source, orderRef);
    const document = sampleInvoice();
    const url = orderPageUrl('https://folio.acme.example', document.source.accountId, document.source.retailerId, document.orderRef!);
    const on = themedHtmlRenderer({ '*': { brandName: 'ACME', primaryColor: '#123456' } }, links).render(document).html;
    expect(on).toContain(url);
    expect(on).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt=""/);
    const german = themedHtmlRenderer({}, links).render({ ...document, locale: 'de-DE' }).html;
    expect(german).toContain('Ihre Bestellung online');
    const off = themedHtmlRenderer({ '*': { brandName: 'ACME', primaryColor: '#123456', orderLink: false } }, links).render(document).html;
    expect(off).not.toContain('/portal/');
    expect(themedHtmlRenderer({}, undefined).render(document).html).not.toContain('/portal/');
    const { orderRef: _none, ...withoutOrder } = document;
    expect(themedHtmlRenderer({}, links).render(withoutOrder).html).not.toContain('/portal/');
  });
});
