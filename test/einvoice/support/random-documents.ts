import fc from 'fast-check';
import { buildCreditNote } from '../../../connector/compose/credit-note.ts';
import { buildDebitNote } from '../../../connector/compose/debit-note.ts';
import { buildInvoice } from '../../../connector/compose/invoice.ts';
import type { DocumentContext } from '../../../connector/compose/context.ts';
import type { CreditMemoNode } from '../../../connector/core/fluent-data/credit-memo.ts';
import type { CustomerNode } from '../../../connector/core/fluent-data/customer.ts';
import type { InvoiceNode } from '../../../connector/core/fluent-data/invoice.ts';
import type { DocumentModel } from '../../../connector/core/document-model.ts';
import type { EInvoiceTerms } from '../../../connector/einvoice/terms.ts';
import { buyerTerms } from '../../../connector/einvoice/buyer-attributes.ts';
import { CURRENCIES, decimalString } from '../../compose/support/arbitraries.ts';

/**
 * Random invoices, debit notes and credit notes built by the money engine itself (compose/), from
 * Fluent-shaped data drawn with fast-check: JPY/EUR/KWD, several VAT rates, zero-rated, exempt with a
 * reason, reverse charge, shipping and a COD fee, tax-exclusive and tax-inclusive prices, part-paid.
 * Used by the e-invoice tests and by scripts/einvoice/validate-random.ts (the official rules).
 */

export interface RandomDocument {
  name: string;
  model: DocumentModel;
  /** What Folio reads from Fluent: the buyer's e-invoice attributes are on the customer. */
  data: { customer: CustomerNode };
  terms: EInvoiceTerms;
}

/** The seller's e-invoice configuration (FOLIO_EINVOICE_SELLER) the random documents are issued under. */
export const SELLER_TERMS = {
  endpoint: { scheme: '0088', id: '5790000435975' },
  legalId: { scheme: '0088', id: '5790000435975' },
  contact: { name: 'Buchhaltung', phone: '+49 40 1234567', email: 'rechnung@nordwind.example' },
  iban: 'DE02120300000000202051',
  bic: 'BYLADEM1001',
  accountName: 'Nordwind Outdoor GmbH',
} as const;

export const SELLER_CONTEXT: DocumentContext = {
  seller: {
    name: 'Nordwind Outdoor GmbH',
    vatId: 'DE123456789',
    email: 'billing@nordwind.example',
    phone: '+49 40 1234567',
    address: { street: 'Hafenstraße 12', city: 'Hamburg', postcode: '20457', country: 'DE' },
  },
  locale: 'de-DE',
  timeZone: 'Europe/Berlin',
  origin: { accountId: 'NORDWIND', retailerId: '1' },
};

type Treatment = { group: string; tariff: string };
const STANDARD: Treatment[] = ['20', '19', '7.7', '5.5', '10', '7'].map((tariff) => ({ group: 'STANDARD', tariff }));
const ZERO: Treatment = { group: 'ZERO', tariff: '0' };
const EXEMPT: Treatment = { group: 'EXEMPT', tariff: '0' };
const REVERSE: Treatment = { group: 'REVERSE_CHARGE', tariff: '0' };
/** Rates at which whole dinars give a tax in whole tens of fils (EN 16931 writes two decimals). */
const KWD_SAFE: Treatment[] = ['20', '19', '10'].map((tariff) => ({ group: 'STANDARD', tariff }));

const itemArb = (treatments: Treatment[], maxUnit: number, step: number) =>
  fc.record({
    quantity: fc.integer({ min: 0, max: 20 }),
    unit: fc.integer({ min: 0, max: Math.floor(maxUnit / step) }).map((n) => n * step),
    treatment: fc.constantFrom(...treatments),
  });

const caseArb = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    kind: fc.constantFrom('invoice', 'invoice', 'credit_note', 'debit_note') as fc.Arbitrary<'invoice' | 'credit_note' | 'debit_note'>,
    regime: fc.constantFrom('mixed', 'mixed', 'mixed', 'zero', 'exempt', 'reverse') as fc.Arbitrary<'mixed' | 'zero' | 'exempt' | 'reverse'>,
    /** KWD documents in whole dinars (issuable) or in fils (most refused under BR-DEC: EN 16931 has two decimals). */
    wholeDinars: fc.boolean(),
    mode: fc.constantFrom('tax_exclusive', 'tax_exclusive', 'tax_inclusive') as fc.Arbitrary<'tax_exclusive' | 'tax_inclusive'>,
    items: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer({ min: 0, max: 2 ** 30 }),
    shipping: fc.boolean(),
    codFee: fc.boolean(),
    paid: fc.constantFrom('none', 'all', 'part') as fc.Arbitrary<'none' | 'all' | 'part'>,
    day: fc.integer({ min: 1, max: 28 }),
  })
  .chain((c) => {
    const exponent = c.currency.exponent;
    const kwdWhole = c.currency.code === 'KWD' && c.wholeDinars;
    const step = kwdWhole ? 1000 : 1;
    const maxUnit = exponent === 0 ? 300_000 : exponent === 2 ? 250_000 : 400_000;
    const treatments =
      c.regime === 'zero' ? [ZERO] : c.regime === 'exempt' ? [EXEMPT] : c.regime === 'reverse' ? [REVERSE] : kwdWhole ? [...KWD_SAFE, ZERO, EXEMPT] : [...STANDARD, ZERO, EXEMPT];
    const chargeTreatments = c.regime === 'mixed' ? (kwdWhole ? KWD_SAFE : STANDARD) : treatments;
    return fc.record({
      c: fc.constant(c),
      lines: fc.array(itemArb(treatments, maxUnit, step), { minLength: c.items, maxLength: c.items }),
      shippingMinor: fc.integer({ min: 0, max: Math.floor((exponent === 0 ? 2000 : 2000 * 10 ** (exponent - 2)) / step) }).map((n) => n * step),
      codMinor: fc.integer({ min: 1, max: Math.floor((exponent === 0 ? 500 : 500 * 10 ** (exponent - 2)) / step) }).map((n) => Math.max(n * step, step)),
      chargeTreatment: fc.constantFrom(...chargeTreatments),
    });
  });

function money(minor: number, exponent: number) {
  return { amount: Number(decimalString(minor, exponent)), scale: exponent, unscaledValue: minor };
}

/** N random documents, the same N for the same seed. */
export function randomDocuments(count: number, seed = 19): RandomDocument[] {
  return fc.sample(caseArb, { numRuns: count, seed }).map((drawn, index) => toDocument(drawn, index));
}

/** What one random document is drawn from; named cases (named-cases.ts) spell one out. */
export type DocumentCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;
export const TAX = { standard: (tariff: string): Treatment => ({ group: 'STANDARD', tariff }), ZERO, EXEMPT, REVERSE };

export function toDocument({ c, lines, shippingMinor, codMinor, chargeTreatment }: DocumentCase, index: number): RandomDocument {
  const { code, exponent } = c.currency;
  const item = (ref: string, type: string, description: string, quantity: number, unit: number, treatment: Treatment) => ({
    node: {
      ref, type, description, product: type === 'PRODUCT' ? { ref: `SKU-${ref}` } : null,
      unitQuantity: { quantity, unit: 'EA' }, unitTaxType: { country: 'DE', ...treatment },
      unitAmount: money(unit, exponent), amount: money(quantity * unit, exponent), taxAmount: null,
    },
  });
  const edges = [
    ...lines.map((l, i) => item(`L${i + 1}`, 'PRODUCT', `Article ${c.seed % 997}-${i + 1}`, l.quantity, l.unit, l.treatment)),
    ...(c.shipping ? [item('SHIP', 'SHIPPING', 'Standard delivery', 1, shippingMinor, chargeTreatment)] : []),
    ...(c.codFee && c.kind !== 'credit_note' ? [item('COD', 'COD_FEE', 'Cash on delivery fee', 1, codMinor, chargeTreatment)] : []),
  ];
  const issueDate = `2026-03-${String(c.day).padStart(2, '0')}T10:00:00Z`;
  const billingAccount = {
    ref: `BA-${index}`, type: 'CUSTOMER', name: `Kunde ${index} GmbH`,
    address: { companyName: `Kunde ${index} GmbH`, name: 'Einkauf', street: 'Lindenweg 4', city: 'Bremen', state: null, postcode: '28195', region: null, country: 'DE' },
    attributes: [{ name: 'vatId', type: 'STRING', value: `DE${String(100_000_000 + index).slice(-9)}` }],
    customer: { ref: `CUST-${index}` },
  };
  const customer: CustomerNode = {
    id: String(index), ref: `CUST-${index}`, firstName: 'Erika', lastName: 'Muster', primaryEmail: `einkauf${index}@kunde.example`,
    primaryPhone: '+49 421 555 0101', country: 'DE', timezone: 'Europe/Berlin',
    attributes: [
      { name: 'folio.endpointId', type: 'STRING', value: `9930:DE${String(100_000_000 + index).slice(-9)}` },
      { name: 'folio.buyerReference', type: 'STRING', value: `04011000-${String(10_000 + index).slice(-5)}-03` },
    ],
  };
  const header = {
    id: String(5000 + index), status: 'ISSUED', issueDate, currency: { alphabeticCode: code }, defaultTaxType: null,
    subTotalAmount: null, totalTax: null, totalAmount: null, attributes: [], billingAccount, order: { ref: `ORD-${index}` },
  };
  const context = { ...SELLER_CONTEXT, priceMode: c.mode };
  const name = `${c.kind}-${code}-${c.regime}-${index}`;
  let model: DocumentModel;
  if (c.kind === 'credit_note') {
    const creditMemo = {
      ...header, ref: `CM-${index}`, type: 'RETURN', totalBalance: null,
      invoice: { ref: `INV-${index}`, issueDate: '2026-02-20T09:00:00Z', attributes: [{ name: 'folioDocumentNumber', type: 'STRING', value: `DE2026-${String(index).padStart(6, '0')}` }] },
      returnOrder: { ref: `RET-${index}` },
      items: { edges: edges.map((e) => ({ node: { ...e.node, creditReasonCode: { value: 'RETURNED', label: 'Returned' }, orderItem: null } })) },
    } as unknown as CreditMemoNode;
    model = buildCreditNote({ ...context, creditMemo, customer });
  } else {
    const invoice = { ...header, ref: `INV-${index}`, type: c.kind === 'debit_note' ? 'DEBIT' : 'CUSTOMER', dueDate: '2026-04-30T22:00:00Z', totalBalance: null, items: { edges } } as unknown as InvoiceNode;
    const build = c.kind === 'debit_note' ? buildDebitNote : buildInvoice;
    const unpaid = build({ ...context, invoice, customer });
    const gross = unpaid.totals.grossMinor;
    const paid = c.paid === 'all' ? gross : c.paid === 'part' ? Math.floor(gross / 3) : 0;
    model = paid === 0 ? unpaid : build({ ...context, invoice: { ...invoice, totalAmount: money(gross, exponent), totalBalance: money(gross - paid, exponent) }, customer });
  }
  const data = { customer };
  return { name, model: { ...model, number: `${c.kind === 'credit_note' ? 'CN' : 'INV'}-2026-${String(index + 1).padStart(6, '0')}` }, data, terms: { seller: SELLER_TERMS, buyer: buyerTerms(data) } };
}
