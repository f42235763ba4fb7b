/// <reference lib="es2023.intl" />
// ES2023 Intl formats decimal *strings* exactly; the project's ES2022 lib lacks that overload.
import { PermanentError } from '../core/errors.ts';

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));
const exponents = new Map<string, number>();
// Building a NumberFormat costs far more than using one; documents reuse a handful of locale/currency pairs.
const formats = new Map<string, Intl.NumberFormat>();

/**
 * Digits after the decimal point for an ISO 4217 currency (JPY 0, EUR 2, KWD 3), from the ICU data
 * behind Intl. Minor units in the document model use the same exponent, so both sides must agree.
 */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  const cached = exponents.get(code);
  if (cached !== undefined) return cached;
  if (!knownCurrencies.has(code)) throw new PermanentError(`Unknown ISO 4217 currency: ${JSON.stringify(currency)}`);
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
    .maximumFractionDigits;
  const exponent = digits ?? 2;
  exponents.set(code, exponent);
  return exponent;
}

/** Exact decimal string for an integer scaled by 10^-exponent: (-12345, 2) → "-123.45". No floats involved. */
export function minorToDecimalString(minor: number | bigint, exponent: number): `${number}` {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) {
    throw new PermanentError(`Amount must be a safe integer of minor units, got ${minor}`);
  }
  const value = BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  const unsigned = exponent === 0 ? whole : `${whole}.${fraction}`;
  return (negative ? `-${unsigned}` : unsigned) as `${number}`;
}

/** Formats integer minor units as money in a locale: (123456, 'EUR', 'de') → "1.234,56 €" (NBSP before €). */
export function formatMoney(minor: number | bigint, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  const key = `${locale}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: currency.toUpperCase(),
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    formats.set(key, format);
  }
  return format.format(minorToDecimalString(minor, exponent));
}
