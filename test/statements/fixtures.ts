import { sellerSchema, type Seller } from '../../connector/sellers/seller.ts';
import type { Activity } from '../../connector/statements/ledger.ts';

/**
 * Three marketplace sellers (invented, for tests): a German seller under reverse charge from an Irish
 * marketplace, a domestic Irish one charged VAT, and a Turkish one outside the EU, each with its own
 * rates, cycle and subscription.
 */
export const MARKETPLACE = { name: 'Marketplace Europe Ltd', vatId: 'IE6388047V', address: { street: '1 Dock Road', city: 'Dublin', postcode: 'D02 X285', country: 'IE' } };

export const SELLERS: Seller[] = [
  sellerSchema.parse({
    ref: 'S-BERLIN', retailerId: '2', legalName: 'Berliner Buchhandel GmbH', locale: 'de',
    address: { street: 'Friedrichstraße 12', city: 'Berlin', postcode: '10117', country: 'DE' },
    vatId: 'DE811907980', companyRegistrationNumber: 'HRB 123456 B', email: 'abrechnung@buchhandel.example', payoutCurrency: 'EUR',
    commission: { defaultRateBp: 1000, rates: [{ category: 'books', rateBp: 800 }, { category: 'books', channel: 'app', rateBp: 700 }, { channel: 'app', rateBp: 1100 }], shippingIncluded: true },
    subscriptionFeeMinor: 3900, billingCycle: { frequency: 'monthly', timeZone: 'Europe/Berlin' },
  }),
  sellerSchema.parse({
    ref: 'S-DUBLIN', retailerId: '3', legalName: 'Liffey Outdoor Ltd', locale: 'en',
    address: { street: '8 Quay Street', city: 'Dublin', postcode: 'D08 T6Y2', country: 'IE' },
    vatId: 'IE3668997OH', companyRegistrationNumber: '654321', email: 'accounts@liffey.example', payoutCurrency: 'EUR',
    commission: { defaultRateBp: 1500, rates: [{ category: 'electronics', rateBp: 600 }], shippingIncluded: false },
    subscriptionFeeMinor: 2500, billingCycle: { frequency: 'monthly', timeZone: 'Europe/Dublin' },
  }),
  sellerSchema.parse({
    ref: 'S-ISTANBUL', retailerId: '4', legalName: 'Boğaziçi Tekstil A.Ş.', locale: 'tr',
    address: { street: 'İstiklal Caddesi 45', city: 'İstanbul', postcode: '34430', country: 'TR' },
    vatId: 'TR1234567890', companyRegistrationNumber: 'İTO 998877', email: 'muhasebe@bogazici.example', payoutCurrency: 'EUR',
    commission: { defaultRateBp: 1200, rates: [{ category: 'fashion', channel: 'web', rateBp: 1350 }], shippingIncluded: true },
    subscriptionFeeMinor: 1900, billingCycle: { frequency: 'monthly', timeZone: 'Europe/Istanbul' },
  }),
];

/** A month of activity for a seller: two sales, a refund, a credit adjustment. */
export function sampleActivities(prefix: string): Activity[] {
  return [
    { kind: 'sale', ref: `${prefix}-ORD-1`, at: '2026-11-03T09:15:00.000Z', currency: 'EUR', channel: 'web', lines: [{ ref: `${prefix}-ORD-1-1`, category: 'books', goodsMinor: 4590 }, { ref: `${prefix}-ORD-1-2`, category: 'fashion', goodsMinor: 12999 }], shippingMinor: 495 },
    { kind: 'sale', ref: `${prefix}-ORD-2`, at: '2026-11-12T17:40:00.000Z', currency: 'EUR', channel: 'app', lines: [{ ref: `${prefix}-ORD-2-1`, category: 'electronics', goodsMinor: 24900 }], shippingMinor: 0 },
    { kind: 'refund', ref: `${prefix}-CM-1`, orderRef: `${prefix}-ORD-1`, at: '2026-11-20T11:00:00.000Z', currency: 'EUR', channel: 'web', lines: [{ ref: `${prefix}-ORD-1-2`, category: 'fashion', goodsMinor: 12999 }], shippingMinor: 495 },
    { kind: 'adjustment', ref: `${prefix}-ADJ-1`, at: '2026-11-25T08:00:00.000Z', currency: 'EUR', amountMinor: 1500, reason: 'Goodwill: late delivery by marketplace carrier', author: 'ops@marketplace.example' },
  ];
}
