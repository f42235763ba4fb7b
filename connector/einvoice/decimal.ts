import { currencyExponent } from '../compose/money.ts';

/**
 * Amounts in e-invoices are decimal text. Folio's figures are integers in minor units, written here
 * exactly as the PDF shows them: no float ever touches them.
 */

/** Decimal text of `minor` at `exponent` digits: (1234, 2) → "12.34", (5, 0) → "5", (-7, 3) → "-0.007". */
export function decimalText(minor: number | bigint, exponent: number): string {
  const value = BigInt(minor);
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(exponent + 1, '0');
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * An amount of the document's currency as an e-invoice writes it. EN 16931 allows at most two
 * decimals (BR-DEC-*): a three-decimal currency (KWD) loses its trailing zero ("12.340" → "12.34"),
 * and an amount that really has a third decimal keeps it, so the product's checks refuse it rather
 * than round a figure away from the PDF.
 */
export function amountText(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const text = decimalText(minor, exponent);
  if (exponent <= 2) return text;
  let trimmed = text;
  for (let drop = exponent - 2; drop > 0 && trimmed.endsWith('0'); drop -= 1) trimmed = trimmed.slice(0, -1);
  return trimmed;
}

/** A rate in basis points of a percent as EN 16931 writes a percentage: 2000 → "20", 770 → "7.7", 550 → "5.5". */
export function percentText(rateBp: number): string {
  return decimalText(rateBp, 2).replace(/\.?0+$/, '') || '0';
}

/** A decimal number as an exact scaled integer, for arithmetic checks on amounts read back from XML. */
export interface Scaled {
  value: bigint;
  scale: number;
}

export function parseScaled(text: string): Scaled | undefined {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const fraction = match[3] ?? '';
  const value = BigInt(`${match[2] || '0'}${fraction}`) * (match[1] === '-' ? -1n : 1n);
  return { value, scale: fraction.length };
}

/** `value` brought to `scale` digits (scale ≥ value's). */
export function atScale(scaled: Scaled, scale: number): bigint {
  return scaled.value * 10n ** BigInt(scale - scaled.scale);
}
