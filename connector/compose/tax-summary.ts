import type { PriceMode } from './context.ts';
import type { TaxSummaryRow, Totals } from '../core/document-model.ts';
import { PermanentError } from '../core/errors.ts';
import { taxInGross, taxOnNet, toSafeInteger, type TaxTreatment } from './money.ts';

/**
 * Tax at document level, EN 16931 style. Per (category, rate, exemption reason) the taxable amount
 * is the sum of line nets and the tax is rounded once: BR-CO-17 tax = round(taxable × rate). Line
 * taxes (Fluent's, or each line rounded on its own) rarely sum to that, so the difference, the
 * residue, is recorded on the row and spread over the lines one minor unit at a time, to the lines
 * whose tax is furthest from exact. Then lines, rate rows and totals reconcile by construction:
 *   Σ line net = Σ row taxable = total net;  Σ line tax = Σ row tax = total tax;  net + tax = gross.
 */

export interface TaxableLine {
  /** The line amount as priced: net when tax-exclusive, gross when tax-inclusive. */
  amountMinor: number;
  treatment: TaxTreatment;
  /** Tax the source computed for the line, if any: kept up to the residue, never blindly trusted. */
  sourceTaxMinor?: number | undefined;
}

export interface ReconciledAmounts {
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
}

export interface TaxComputation {
  lines: ReconciledAmounts[];
  taxSummary: TaxSummaryRow[];
  totals: Totals;
  /** For logs, not for the customer: e.g. a tax-inclusive row that cannot meet BR-CO-17 exactly. */
  diagnostics: string[];
}

interface Group {
  treatment: TaxTreatment;
  indexes: number[];
}

function groupKey(t: TaxTreatment): string {
  return `${t.category}|${t.rateBp}|${t.exemptionReason ?? ''}`;
}

function groupsOf(lines: readonly TaxableLine[]): Group[] {
  const groups = new Map<string, Group>();
  lines.forEach((line, index) => {
    const key = groupKey(line.treatment);
    const group = groups.get(key) ?? { treatment: line.treatment, indexes: [] };
    group.indexes.push(index);
    groups.set(key, group);
  });
  return [...groups.values()];
}

/**
 * The taxable part T of a tax-inclusive gross G with T + round(T × rate) = G, so the row satisfies
 * BR-CO-17 exactly. Some G have no such T (T + round(T·r) can step by 2); then the nearest split is
 * used and a note says the row is one unit off BR-CO-17, because the price the buyer paid is fixed.
 */
function inclusiveTaxable(gross: number, rateBp: number): { taxable: number; exact: boolean } {
  const start = gross - taxInGross(gross, rateBp);
  const exactScaled = BigInt(gross) * 10_000n; // T_exact × (10 000 + bp)
  const candidates = [start, start - 1, start + 1].filter((t) => t + taxOnNet(t, rateBp) === gross);
  if (candidates.length === 0) return { taxable: start, exact: false };
  const distance = (t: number) => {
    const d = BigInt(t) * BigInt(10_000 + rateBp) - exactScaled;
    return d < 0n ? -d : d;
  };
  candidates.sort((a, b) => (distance(a) === distance(b) ? 0 : distance(a) < distance(b) ? -1 : 1));
  return { taxable: candidates[0] as number, exact: true };
}

/** Spreads `residue` units over the lines, each step to the line whose tax is furthest from exact. */
function spreadResidue(taxes: number[], deficits: bigint[], unit: bigint, residue: number): void {
  const step = residue > 0 ? 1 : -1;
  for (let left = Math.abs(residue); left > 0; left--) {
    // deficit = exact − current (scaled); adding tax goes to the largest deficit, removing to the smallest.
    let best = 0;
    for (let i = 1; i < deficits.length; i++) {
      const better = step > 0 ? (deficits[i] as bigint) > (deficits[best] as bigint) : (deficits[i] as bigint) < (deficits[best] as bigint);
      if (better) best = i;
    }
    taxes[best] = (taxes[best] as number) + step;
    deficits[best] = (deficits[best] as bigint) - BigInt(step) * unit;
  }
}

function describe(t: TaxTreatment): string {
  return `${t.category} ${t.rateBp / 100}%`;
}

export function computeTaxes(lines: readonly TaxableLine[], mode: PriceMode = 'tax_exclusive'): TaxComputation {
  const result: ReconciledAmounts[] = lines.map(() => ({ netMinor: 0, taxMinor: 0, grossMinor: 0 }));
  const taxSummary: TaxSummaryRow[] = [];
  const diagnostics: string[] = [];
  for (const { treatment, indexes } of groupsOf(lines)) {
    const bp = treatment.rateBp;
    const amounts = indexes.map((i) => (lines[i] as TaxableLine).amountMinor);
    const sum = amounts.reduce((a, b) => a + b, 0);
    let taxable: number;
    if (mode === 'tax_exclusive') {
      taxable = sum;
    } else {
      const split = inclusiveTaxable(sum, bp);
      taxable = split.taxable;
      if (!split.exact) diagnostics.push(`Tax for ${describe(treatment)} is one minor unit from taxable × rate: tax-inclusive prices are kept as paid.`);
    }
    const rowTax = mode === 'tax_exclusive' ? taxOnNet(taxable, bp) : sum - taxable;
    // Exact line tax = amount × bp / unit, where unit is 10 000 (on net) or 10 000 + bp (in gross).
    const unit = BigInt(mode === 'tax_exclusive' ? 10_000 : 10_000 + bp);
    const given = indexes.map((i) => (lines[i] as TaxableLine).sourceTaxMinor);
    const taxes = amounts.map((a, k) => given[k] ?? (mode === 'tax_exclusive' ? taxOnNet(a, bp) : taxInGross(a, bp)));
    const residue = taxes.reduce((a, b) => a + b, 0) - rowTax;
    // A source line tax rounded any way is less than one unit from exact, and the row tax within one
    // more (1.5 for a tax-inclusive split): a larger residue is not rounding but contradictory data.
    if (given.some((g) => g !== undefined) && Math.abs(residue) > indexes.length + 1) {
      throw new PermanentError(
        `line taxes for ${describe(treatment)} sum to ${rowTax + residue} but the rate's tax is ${rowTax}: the difference is more than rounding`,
      );
    }
    const deficits = amounts.map((a, k) => BigInt(a) * BigInt(bp) - BigInt(taxes[k] as number) * unit);
    spreadResidue(taxes, deficits, unit, -residue);
    indexes.forEach((lineIndex, k) => {
      const amount = amounts[k] as number;
      const tax = taxes[k] as number;
      result[lineIndex] =
        mode === 'tax_exclusive'
          ? { netMinor: amount, taxMinor: tax, grossMinor: amount + tax }
          : { netMinor: amount - tax, taxMinor: tax, grossMinor: amount };
    });
    taxSummary.push({
      taxCategory: treatment.category,
      taxRateBp: bp,
      taxableMinor: taxable,
      taxMinor: rowTax,
      ...(treatment.exemptionReason ? { exemptionReason: treatment.exemptionReason } : {}),
      ...(residue !== 0 ? { roundingResidueMinor: residue } : {}),
    });
  }
  const net = taxSummary.reduce((a, r) => a + BigInt(r.taxableMinor), 0n);
  const tax = taxSummary.reduce((a, r) => a + BigInt(r.taxMinor), 0n);
  const totals = { netMinor: toSafeInteger(net, 'total'), taxMinor: toSafeInteger(tax, 'total tax'), grossMinor: toSafeInteger(net + tax, 'total') };
  return { lines: result, taxSummary, totals, diagnostics };
}
