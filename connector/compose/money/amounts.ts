import type { AmountType } from '../../core/fluent-data/fluent-types.ts';
import { PermanentError } from '../../core/errors.ts';
import { currencyExponent } from './currency.ts';
import { divHalfUp, toSafeInteger } from './rounding.ts';

/**
 * Fluent money to integer minor units, exactly. Fluent sends AmountType {amount: Float, scale,
 * unscaledValue} (a Java BigDecimal) and, on orders, bare Floats. Floats are never multiplied:
 * a number is read through its shortest decimal string (what the server serialised), and decimals
 * are rescaled in BigInt with half-up rounding only when they carry more digits than the currency.
 */

/** A decimal as BigDecimal would hold it: value = unscaled × 10^-scale (scale may be negative). */
export interface Decimal {
  unscaled: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses "19.99", "-0.5", "1e-7" (how JS prints small floats) into an exact Decimal. */
export function parseDecimal(text: string, what: string): Decimal {
  const match = DECIMAL.exec(text.trim());
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match ?? [];
  if (!match || whole + fraction === '') throw new PermanentError(`${what}: not a decimal number: ${text}`);
  const digits = BigInt(whole + fraction);
  return { unscaled: sign === '-' ? -digits : digits, scale: fraction.length - Number(exponent) };
}

/** Rescales a decimal to `exponent` digits: exact when it has no more digits, half-up otherwise. */
export function rescale(decimal: Decimal, exponent: number, what = 'amount'): number {
  const shift = exponent - decimal.scale;
  const minor =
    shift >= 0 ? decimal.unscaled * 10n ** BigInt(shift) : divHalfUp(decimal.unscaled, 10n ** BigInt(-shift));
  return toSafeInteger(minor, what);
}

/** A JS number (an Order Float) to minor units via its decimal string, never by float arithmetic. */
export function floatToMinor(value: number, currency: string, what: string): number {
  if (!Number.isFinite(value)) throw new PermanentError(`${what}: not a finite number`);
  return rescale(parseDecimal(String(value), what), currencyExponent(currency), what);
}

/**
 * AmountType to minor units. unscaledValue+scale is the exact BigDecimal, so it wins; `amount` is
 * the fallback. When both are present they must agree, or the data contradicts itself.
 */
export function amountToMinor(amount: AmountType | null | undefined, currency: string, what: string): number {
  const exponent = currencyExponent(currency);
  const fromFloat = amount?.amount != null ? floatToMinor(amount.amount, currency, what) : undefined;
  if (amount?.unscaledValue != null && amount.scale != null) {
    const exact = rescale({ unscaled: BigInt(amount.unscaledValue), scale: amount.scale }, exponent, what);
    if (fromFloat !== undefined && fromFloat !== exact) {
      throw new PermanentError(
        `${what}: amount ${amount.amount} disagrees with unscaledValue ${amount.unscaledValue} at scale ${amount.scale}`,
      );
    }
    return exact;
  }
  if (fromFloat !== undefined) return fromFloat;
  throw new PermanentError(`${what}: amount missing`);
}

/** Same as amountToMinor, but an absent amount is undefined rather than an error. */
export function optionalAmountToMinor(
  amount: AmountType | null | undefined,
  currency: string,
  what: string,
): number | undefined {
  if (amount == null || (amount.amount == null && (amount.unscaledValue == null || amount.scale == null))) {
    return undefined;
  }
  return amountToMinor(amount, currency, what);
}
