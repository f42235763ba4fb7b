import type { TaxType } from '../../core/fluent-data/fluent-types.ts';
import { PermanentError } from '../../core/errors.ts';

/**
 * Fluent's TaxType {country, group, tariff} to a rate in basis points of a percent and an EN 16931
 * VAT category. Fluent leaves both fields free text, so the parsing is deliberately narrow: a number
 * in the tariff is a percentage ("20", "20%", "VAT20", "7.7"); the group names the special regimes.
 */

export interface TaxTreatment {
  /** Basis points of a percent: 20% = 2000, 7.7% = 770. */
  rateBp: number;
  /** EN 16931 VAT category code (UNCL5305). */
  category: string;
  /** Required by EN 16931 for E, AE, K, G and O; printed under the tax summary. */
  exemptionReason?: string;
}

/** Special regimes recognised in the group (or tariff) text, with their default exemption reasons. */
const REGIMES: readonly { category: string; pattern: RegExp; reason: string }[] = [
  { category: 'AE', pattern: /reverse|^AE$/i, reason: 'Reverse charge' },
  { category: 'K', pattern: /intra.?(community|eu)|^K$/i, reason: 'Intra-community supply' },
  { category: 'G', pattern: /export|^G$/i, reason: 'Export outside the EU' },
  { category: 'O', pattern: /out.?of.?scope|not.?subject|outside|^O$/i, reason: 'Not subject to VAT' },
  { category: 'E', pattern: /exempt|^E$/i, reason: 'Exempt from VAT' },
];

/** "20" → 2000, "20%" → 2000, "VAT20" → 2000, "7.7" → 770, "VAT" → undefined. */
export function parseTariffBp(tariff: string | null | undefined): number | undefined {
  if (tariff == null) return undefined;
  const match = /(\d+)(?:[.,](\d+))?/.exec(tariff);
  if (!match) return undefined;
  const [, whole = '0', fraction = ''] = match;
  // Basis points hold two decimals of a percent; a finer rate would silently round, so refuse it.
  if (fraction.replace(/0+$/, '').length > 2) {
    throw new PermanentError(`tax tariff ${tariff} is finer than 0.01%`);
  }
  const bp = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  if (bp > 10_000) throw new PermanentError(`tax tariff ${tariff} is above 100%`);
  return bp;
}

/** Optional per-group overrides of the exemption reason text (configuration). */
export type ExemptionReasons = Readonly<Record<string, string>>;

export function taxTreatment(taxType: TaxType, reasons: ExemptionReasons = {}): TaxTreatment {
  const label = `${taxType.country}/${taxType.group}/${taxType.tariff ?? ''}`;
  const regime = REGIMES.find((r) => r.pattern.test(taxType.group) || r.pattern.test(taxType.tariff ?? ''));
  const zeroGroup = /zero|^Z$/i.test(taxType.group);
  const parsed = parseTariffBp(taxType.tariff);
  const rateBp = parsed ?? (regime || zeroGroup ? 0 : undefined);
  if (rateBp === undefined) throw new PermanentError(`tax type ${label} has no rate in its tariff`);
  if (regime) {
    if (rateBp !== 0) throw new PermanentError(`tax type ${label} is ${regime.reason} but has a non-zero rate`);
    return { rateBp: 0, category: regime.category, exemptionReason: reasons[taxType.group] ?? regime.reason };
  }
  return rateBp === 0 ? { rateBp: 0, category: 'Z' } : { rateBp, category: 'S' };
}

/**
 * OrderItem.taxType is a bare String in the SDL ("VAT20", "GST"). It is read like a tariff; the
 * product's TaxType is preferred by callers when present.
 */
export function taxTreatmentFromText(text: string, country = ''): TaxTreatment {
  return taxTreatment({ country, group: text, tariff: text });
}
