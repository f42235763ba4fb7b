import fc from 'fast-check';
import type { TaxTreatment } from '../../../connector/compose/money.ts';

/** The three exponents the issue names: JPY 0, EUR 2, KWD 3. */
export const CURRENCIES = [
  { code: 'JPY', exponent: 0 },
  { code: 'EUR', exponent: 2 },
  { code: 'KWD', exponent: 3 },
] as const;
export const currencyArb = fc.constantFrom(...CURRENCIES);

/** Rates seen in practice, zero-rated and exempt included. */
export const treatmentArb: fc.Arbitrary<TaxTreatment> = fc.constantFrom(
  { rateBp: 2000, category: 'S' },
  { rateBp: 1900, category: 'S' },
  { rateBp: 770, category: 'S' },
  { rateBp: 550, category: 'S' },
  { rateBp: 1000, category: 'S' },
  { rateBp: 0, category: 'Z' },
  { rateBp: 0, category: 'E', exemptionReason: 'Exempt from VAT' },
);

/** Minor-unit amounts up to ten million major units in a 3-decimal currency. */
export const minorArb = fc.integer({ min: 0, max: 10_000_000_000 });

/** The decimal string of `minor` minor units at `exponent` decimals ("1234", 2 → "12.34"). */
export function decimalString(minor: number, exponent: number): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
