import type { PriceMode } from './context.ts';
import type { DocumentLine, TaxSummaryRow, Totals } from '../core/document-model.ts';
import { PermanentError } from '../core/errors.ts';
import { divHalfUp, mulDivHalfUp, taxInGross, toSafeInteger, type TaxTreatment } from './money.ts';
import { compact } from './party.ts';
import { computeTaxes } from './tax-summary.ts';

/**
 * Builders describe lines in the source's terms (amounts as priced, the tax treatment, Fluent's line
 * tax if any); this turns them into model lines plus the reconciled tax summary and totals.
 */
export interface DraftLine {
  ref: string;
  description: string;
  sku?: string | undefined;
  quantity: number;
  unit?: string | undefined;
  /** Unit price as priced (net or gross per the price mode). */
  unitAmountMinor: number;
  /** Line amount as priced. */
  amountMinor: number;
  treatment: TaxTreatment;
  sourceTaxMinor?: number | undefined;
  reason?: string | undefined;
  kind?: DocumentLine['kind'];
}

export interface PricedLines {
  lines: DocumentLine[];
  taxSummary: TaxSummaryRow[];
  totals: Totals;
  diagnostics: string[];
}

/** Quantities are counts of goods: a negative one is bad data, not a refund. */
export function checkedQuantity(quantity: number | null | undefined, what: string): number {
  if (quantity == null) throw new PermanentError(`${what}: quantity missing`);
  if (!Number.isInteger(quantity)) throw new PermanentError(`${what}: quantity ${quantity} is not a whole number`);
  if (quantity < 0) throw new PermanentError(`${what}: negative quantity ${quantity}`);
  return quantity;
}

/** Net unit price for a tax-inclusive line: the line net over the quantity, rounded half-up. */
function netUnitPrice(draft: DraftLine, netMinor: number): number {
  if (draft.quantity > 0) return toSafeInteger(divHalfUp(BigInt(netMinor), BigInt(draft.quantity)));
  return draft.unitAmountMinor - taxInGross(draft.unitAmountMinor, draft.treatment.rateBp);
}

export function priceLines(drafts: readonly DraftLine[], mode: PriceMode): PricedLines {
  const computed = computeTaxes(
    drafts.map((d) => ({ amountMinor: d.amountMinor, treatment: d.treatment, sourceTaxMinor: d.sourceTaxMinor })),
    mode,
  );
  const lines = drafts.map((draft, index): DocumentLine => {
    const amounts = computed.lines[index] as { netMinor: number; taxMinor: number; grossMinor: number };
    return compact({
      ref: draft.ref,
      description: draft.description,
      sku: draft.sku,
      quantity: draft.quantity,
      unit: draft.unit,
      unitPriceMinor: mode === 'tax_exclusive' ? draft.unitAmountMinor : netUnitPrice(draft, amounts.netMinor),
      unitPriceGrossMinor: mode === 'tax_inclusive' ? draft.unitAmountMinor : undefined,
      netMinor: amounts.netMinor,
      taxMinor: amounts.taxMinor,
      grossMinor: amounts.grossMinor,
      taxRateBp: draft.treatment.rateBp,
      taxCategory: draft.treatment.category,
      taxExemptionReason: draft.treatment.exemptionReason,
      reason: draft.reason,
      kind: draft.kind,
    });
  });
  return { lines, taxSummary: computed.taxSummary, totals: computed.totals, diagnostics: computed.diagnostics };
}

/** quantity × unit price, exactly (used when the source gives no line amount). */
export function extend(quantity: number, unitMinor: number): number {
  return mulDivHalfUp(unitMinor, quantity, 1);
}

/** The priced part of a document as the model has it: lines, tax summary, totals and the price mode. */
export function pricedContent(priced: PricedLines, mode: PriceMode): Pick<PricedLines, 'lines' | 'taxSummary' | 'totals'> & { priceMode: PriceMode } {
  return { lines: priced.lines, taxSummary: priced.taxSummary, totals: priced.totals, priceMode: mode };
}
