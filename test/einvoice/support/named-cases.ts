import type { DocumentModel } from '../../../connector/core/document-model.ts';
import { BUYER_ATTRIBUTE, buyerTerms } from '../../../connector/einvoice/buyer-attributes.ts';
import { CURRENCIES } from '../../compose/support/arbitraries.ts';
import { TAX, toDocument, type DocumentCase, type RandomDocument } from './random-documents.ts';

/**
 * Named documents kept with their official validator verdicts in test/fixtures/einvoice/ (written by
 * scripts/einvoice/write-fixtures.ts). Valid ones must pass the official rules and Folio's; broken ones
 * are what Folio refuses, each with the rule ids the official rules name for it.
 */
const [JPY, EUR, KWD] = CURRENCIES;

function named(index: number, c: Partial<DocumentCase['c']>, lines: DocumentCase['lines'], extra: Partial<Omit<DocumentCase, 'c' | 'lines'>> = {}): RandomDocument {
  return toDocument(
    {
      c: { currency: EUR, kind: 'invoice', regime: 'mixed', wholeDinars: false, mode: 'tax_exclusive', items: lines.length, seed: index, shipping: false, codFee: false, paid: 'none', day: 12, ...c },
      lines,
      shippingMinor: 495,
      codMinor: 300,
      chargeTreatment: TAX.standard('19'),
      ...extra,
    },
    index,
  );
}

export interface NamedCase {
  name: string;
  document: RandomDocument;
  /** The formats the case is written in. */
  formats: readonly ('ubl' | 'cii' | 'xrechnung-ubl' | 'xrechnung-cii' | 'factur-x')[];
  /** Rule ids Folio refuses it with; empty for a valid case. */
  refusedWith: readonly string[];
}

const ALL = ['ubl', 'cii', 'xrechnung-ubl', 'xrechnung-cii', 'factur-x'] as const;

const mixedEur = named(
  1,
  { shipping: true, codFee: true, paid: 'part' },
  [
    { quantity: 3, unit: 1260, treatment: TAX.standard('19') },
    { quantity: 1, unit: 7999, treatment: TAX.standard('19') },
    { quantity: 2, unit: 671, treatment: TAX.standard('7') },
    { quantity: 1, unit: 1500, treatment: TAX.ZERO },
    { quantity: 4, unit: 2500, treatment: TAX.EXEMPT },
  ],
);
const reverseCharge = named(5, { regime: 'reverse' }, [{ quantity: 10, unit: 12_000, treatment: TAX.REVERSE }], { chargeTreatment: TAX.REVERSE });
const kwdFils = named(7, { currency: KWD }, [{ quantity: 3, unit: 1_255, treatment: TAX.standard('5.5') }]);
const creditNote = named(4, { kind: 'credit_note', shipping: true }, [{ quantity: 1, unit: 7999, treatment: TAX.standard('19') }, { quantity: 2, unit: 1260, treatment: TAX.standard('7') }]);

/** The case without one of the buyer's Fluent attributes (and so without the term it carries). */
function withoutAttribute(document: RandomDocument, name: string, seller = document.terms.seller): RandomDocument {
  const customer = { ...document.data.customer, attributes: (document.data.customer.attributes ?? []).filter((a) => a?.name !== name) };
  return { ...document, data: { customer }, terms: { seller, buyer: buyerTerms({ customer }) } };
}

function broken(document: RandomDocument, change: (model: DocumentModel) => DocumentModel, terms = document.terms): RandomDocument {
  return { ...document, model: change(structuredClone(document.model)), terms };
}

export const NAMED_CASES: readonly NamedCase[] = [
  { name: 'eur-invoice-rates-exempt-shipping-cod-part-paid', document: mixedEur, formats: ALL, refusedWith: [] },
  { name: 'jpy-invoice-tax-inclusive', document: named(2, { currency: JPY, mode: 'tax_inclusive', paid: 'all' }, [{ quantity: 2, unit: 3980, treatment: TAX.standard('10') }, { quantity: 1, unit: 1200, treatment: TAX.standard('7.7') }]), formats: ALL, refusedWith: [] },
  { name: 'kwd-invoice-whole-dinars', document: named(3, { currency: KWD, wholeDinars: true, shipping: true }, [{ quantity: 2, unit: 15_000, treatment: TAX.standard('20') }, { quantity: 1, unit: 4_000, treatment: TAX.ZERO }], { shippingMinor: 2_000, chargeTreatment: TAX.standard('10') }), formats: ALL, refusedWith: [] },
  { name: 'eur-credit-note', document: creditNote, formats: ALL, refusedWith: [] },
  { name: 'eur-reverse-charge', document: reverseCharge, formats: ALL, refusedWith: [] },
  { name: 'eur-debit-note', document: named(6, { kind: 'debit_note' }, [{ quantity: 1, unit: 2500, treatment: TAX.standard('19') }]), formats: ['ubl', 'cii', 'factur-x'], refusedWith: [] },
  {
    name: 'broken-totals',
    document: broken(mixedEur, (model) => ({ ...model, totals: { ...model.totals, netMinor: model.totals.netMinor + 100, grossMinor: model.totals.grossMinor + 100 } })),
    formats: ['ubl', 'cii'],
    refusedWith: ['BR-CO-13', 'BR-CO-16'],
  },
  {
    name: 'reverse-charge-without-buyer-vat-id',
    document: broken(reverseCharge, (model) => ({ ...model, buyer: { ...model.buyer, vatId: undefined } as never })),
    formats: ['ubl', 'cii'],
    refusedWith: ['BR-AE-02'],
  },
  {
    name: 'xrechnung-without-buyer-reference',
    document: withoutAttribute(mixedEur, BUYER_ATTRIBUTE.reference),
    formats: ['xrechnung-ubl', 'xrechnung-cii'],
    refusedWith: ['BR-DE-15'],
  },
  // A buyer outside Peppol (no participant id): EN 16931 UBL addressed by e-mail instead of Peppol BIS.
  { name: 'ubl-for-a-buyer-outside-peppol', document: withoutAttribute(mixedEur, BUYER_ATTRIBUTE.endpoint), formats: ['ubl', 'xrechnung-ubl'], refusedWith: [] },
  { name: 'kwd-amounts-in-fils', document: kwdFils, formats: ['ubl', 'cii'], refusedWith: ['BR-DEC-09', 'BR-DEC-23'] },
  {
    name: 'credit-note-without-invoice-reference',
    document: broken(creditNote, (model) => ({ ...model, references: model.references.filter((r) => r.label !== 'Invoice' && r.label !== 'Invoice date') })),
    formats: ['ubl'],
    refusedWith: ['FOLIO-CN-01'],
  },
];
