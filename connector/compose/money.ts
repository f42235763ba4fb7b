/**
 * The money engine: currencies, exact conversion from Fluent amounts, integer rounding, tax rates
 * and allocation. Each idea lives in its own file under money/; this is the one import for builders.
 */
export { currencyCode, currencyExponent } from './money/currency.ts';
export { amountToMinor, floatToMinor, optionalAmountToMinor, parseDecimal, rescale, type Decimal } from './money/amounts.ts';
export { divHalfUp, mulDivHalfUp, taxInGross, taxOnNet, toSafeInteger } from './money/rounding.ts';
export {
  parseTariffBp,
  taxTreatment,
  taxTreatmentFromText,
  type ExemptionReasons,
  type TaxTreatment,
} from './money/tax-rate.ts';
export { allocateByWeights, cumulativeShare } from './money/allocation.ts';
