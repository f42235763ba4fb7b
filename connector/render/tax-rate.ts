/// <reference lib="es2023.intl" />
import { minorToDecimalString } from './money.ts';

// A NumberFormat costs ≈ 30 µs to build and a page of lines needs one per line otherwise.
const formats = new Map<string, Intl.NumberFormat>();

/**
 * Formats a tax rate held in basis points of a percent as a locale percentage: 2000 → "20 %" in de,
 * "20%" in en; 770 → "7,7 %". The fraction is built from the integer, so 7.7 never prints as 7.700000001.
 */
export function formatTaxRate(basisPoints: number, locale: string): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
    formats.set(locale, format);
  }
  // 2000 bp = 20 % = 0.2000 as a fraction: four decimal places.
  return format.format(minorToDecimalString(basisPoints, 4));
}
