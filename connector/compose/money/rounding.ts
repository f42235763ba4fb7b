import { PermanentError } from '../../core/errors.ts';

/**
 * Integer rounding for money. "Half-up" is applied to the magnitude (half away from zero), so that
 * rounding commutes with negation: a credit note of an invoice rounds to exactly its negative.
 * Everything is BigInt inside so products like taxable × basis points never lose precision.
 */

/** round(numerator / denominator), half away from zero. */
export function divHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divHalfUp(-numerator, -denominator);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

/** A BigInt result back to a JS number; money beyond 2^53 minor units is refused, not corrupted. */
export function toSafeInteger(value: bigint, what = 'amount'): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new PermanentError(`${what} is too large to represent exactly`);
  }
  return Number(value);
}

/** round(value × numerator / denominator), half away from zero, exactly. */
export function mulDivHalfUp(value: number, numerator: number | bigint, denominator: number | bigint): number {
  return toSafeInteger(divHalfUp(BigInt(value) * BigInt(numerator), BigInt(denominator)));
}

/** The tax on a net amount at a rate in basis points of a percent (20% = 2000): round(net × bp / 10 000). */
export function taxOnNet(netMinor: number, rateBp: number): number {
  return mulDivHalfUp(netMinor, rateBp, 10_000);
}

/** The tax contained in a gross amount: round(gross × bp / (10 000 + bp)). */
export function taxInGross(grossMinor: number, rateBp: number): number {
  return mulDivHalfUp(grossMinor, rateBp, 10_000 + rateBp);
}
