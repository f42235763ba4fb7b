import type { TaxTreatment } from '../compose/money.ts';
import type { Seller } from './seller.ts';

/** EU member states (ISO 3166-1 alpha-2; Greece is GR here, EL only in VAT ids). */
const EU = new Set(['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK']);

export type CommissionVatStatus = Exclude<Seller['vatStatus'], 'auto'>;

/**
 * The VAT status of the marketplace's services (commission, subscription) to a seller. Services to a
 * business are taxed where the business is (art. 44 VAT Directive): at home, the marketplace's VAT; in
 * another EU country, the seller accounts for it (reverse charge, art. 196) if it has a VAT id; outside
 * the EU, not in scope of the marketplace's VAT. A status configured on the seller wins.
 */
export function commissionVatStatus(seller: Pick<Seller, 'vatStatus' | 'vatId' | 'address'>, marketplaceCountry: string): CommissionVatStatus {
  if (seller.vatStatus !== 'auto') return seller.vatStatus;
  const country = seller.address.country;
  if (country === marketplaceCountry) return 'standard';
  if (EU.has(country) && EU.has(marketplaceCountry)) return seller.vatId ? 'reverse_charge' : 'standard';
  return 'outside_scope';
}

/** The tax treatment of commission invoice lines for that status; `standardRateBp` is the marketplace's rate. */
export function commissionTaxTreatment(status: CommissionVatStatus, standardRateBp: number): TaxTreatment {
  switch (status) {
    case 'standard':
      return standardRateBp === 0 ? { rateBp: 0, category: 'Z' } : { rateBp: standardRateBp, category: 'S' };
    case 'reverse_charge':
      return { rateBp: 0, category: 'AE', exemptionReason: 'Reverse charge: VAT to be accounted for by the recipient (art. 196 Directive 2006/112/EC)' };
    case 'outside_scope':
      return { rateBp: 0, category: 'O', exemptionReason: 'Not subject to VAT: service supplied outside the EU (art. 44 Directive 2006/112/EC)' };
    case 'exempt':
      return { rateBp: 0, category: 'E', exemptionReason: 'Exempt from VAT' };
  }
}
