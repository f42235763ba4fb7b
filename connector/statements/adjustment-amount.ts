import { currencyExponent, parseDecimal } from '../compose/money.ts';
import { PermanentError } from '../core/errors.ts';

/**
 * An operator's amount ("-12.50", "30") in minor units of the seller's currency, exactly: more
 * decimals than the currency has are refused rather than rounded, and zero is no adjustment.
 */
export function adjustmentMinor(text: string, currency: string): number {
  const digits = currencyExponent(currency);
  const decimal = parseDecimal(text, `amount "${text}"`);
  if (decimal.scale > digits) throw new PermanentError(`amount "${text}" has more decimals than ${currency} has (${digits})`);
  const minor = decimal.unscaled * 10n ** BigInt(digits - decimal.scale);
  if (minor === 0n) throw new PermanentError('an adjustment of zero changes nothing');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) throw new PermanentError(`amount "${text}" is too large`);
  return Number(minor);
}
