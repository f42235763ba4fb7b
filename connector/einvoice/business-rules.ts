import { atScale, parseScaled, type Scaled } from './decimal.ts';
import type { FormatSpec } from './formats.ts';
import type { InvoiceView, ViewTaxed } from './invoice-view.ts';

/**
 * Folio's own check of an e-invoice against the EN 16931 business rules its data can break, before it
 * is issued: the totals arithmetic (BR-CO-*), the VAT breakdown per category and rate (BR-S/Z/E/AE/IC/G/O-*),
 * mandatory parties and addresses, decimals (BR-DEC-*), and the CIUS rules Folio's data decides
 * (Peppol electronic addresses and buyer reference; XRechnung BR-DE-*). Ids are the official ones, so
 * a refusal names what the official validators would name. One Folio rule has no EN 16931 id: a credit
 * note must name the invoice it corrects (EU VAT Directive art. 219), FOLIO-CN-01.
 */
export interface RuleViolation {
  id: string;
  message: string;
}

export type Cius = FormatSpec['cius'];

const TWO_DECIMALS = 2;
/** Categories whose VAT breakdown carries an exemption reason (text or code). */
const NEEDS_EXEMPTION = new Set(['E', 'AE', 'K', 'G', 'O']);
/** Categories whose rate is zero and tax nothing. */
const ZERO_RATED = new Set(['Z', 'E', 'AE', 'K', 'G']);
/** Rule id prefix per category (K is "intra-community", BR-IC-*). */
const PREFIX: Readonly<Record<string, string>> = { S: 'BR-S', Z: 'BR-Z', E: 'BR-E', AE: 'BR-AE', K: 'BR-IC', G: 'BR-G', O: 'BR-O', L: 'BR-AF', M: 'BR-AG' };

export function checkBusinessRules(view: InvoiceView, cius: Cius, options: { creditNote: boolean }): RuleViolation[] {
  const found: RuleViolation[] = [];
  const fail = (id: string, message: string) => found.push({ id, message });
  mandatory(view, fail);
  decimals(view, fail);
  totals(view, fail);
  vatBreakdown(view, fail);
  if (options.creditNote && view.precedingInvoices.length === 0) {
    fail('FOLIO-CN-01', 'a credit note shall reference the invoice it corrects (BG-3 Preceding invoice reference)');
  }
  if (cius === 'peppol') peppol(view, fail);
  if (cius === 'xrechnung') xrechnung(view, fail);
  return found;
}

type Fail = (id: string, message: string) => void;

function mandatory(view: InvoiceView, fail: Fail): void {
  const need = (value: unknown, id: string, what: string) => {
    if (value === undefined || value === '') fail(id, `${what} is missing`);
  };
  need(view.customizationId, 'BR-01', 'Specification identifier (BT-24)');
  need(view.number, 'BR-02', 'Invoice number (BT-1)');
  need(view.issueDate, 'BR-03', 'Invoice issue date (BT-2)');
  need(view.typeCode, 'BR-04', 'Invoice type code (BT-3)');
  need(view.currency, 'BR-05', 'Invoice currency code (BT-5)');
  need(view.seller.name, 'BR-06', 'Seller name (BT-27)');
  need(view.buyer.name, 'BR-07', 'Buyer name (BT-44)');
  need(view.seller.address.country, 'BR-09', 'Seller country code (BT-40)');
  need(view.buyer.address.country, 'BR-11', 'Buyer country code (BT-55)');
  need(view.totals.lineNet, 'BR-12', 'Sum of Invoice line net amount (BT-106)');
  need(view.totals.taxExclusive, 'BR-13', 'Invoice total amount without VAT (BT-109)');
  need(view.totals.taxInclusive, 'BR-14', 'Invoice total amount with VAT (BT-112)');
  need(view.totals.payable, 'BR-15', 'Amount due for payment (BT-115)');
  if (view.lines.length === 0) fail('BR-16', 'an invoice shall have at least one invoice line (BG-25)');
  view.lines.forEach((line, i) => {
    const at = `line ${line.id ?? i + 1}`;
    need(line.id, 'BR-21', `${at}: Invoice line identifier (BT-126)`);
    need(line.quantity, 'BR-22', `${at}: Invoiced quantity (BT-129)`);
    need(line.net, 'BR-24', `${at}: Invoice line net amount (BT-131)`);
    need(line.name, 'BR-25', `${at}: Item name (BT-153)`);
    need(line.price, 'BR-26', `${at}: Item net price (BT-146)`);
    const price = scaled(line.price);
    if (price && price.value < 0n) fail('BR-27', `${at}: Item net price (BT-146) ${line.price} is negative`);
    need(line.category, 'BR-CO-04', `${at}: Invoiced item VAT category code (BT-151)`);
  });
  view.allowanceCharges.forEach((ac) => {
    const what = ac.charge ? 'charge' : 'allowance';
    need(ac.amount, ac.charge ? 'BR-36' : 'BR-31', `document level ${what} amount (${ac.charge ? 'BT-99' : 'BT-92'})`);
    need(ac.category, ac.charge ? 'BR-37' : 'BR-32', `document level ${what} VAT category code (${ac.charge ? 'BT-102' : 'BT-95'})`);
    if (!ac.reason && !ac.reasonCode) fail(ac.charge ? 'BR-38' : 'BR-33', `document level ${what} has neither a reason nor a reason code`);
  });
}

/** BR-DEC-*: EN 16931 amounts have at most two decimals, whatever the currency (a KWD amount in fils cannot be written). */
function decimals(view: InvoiceView, fail: Fail): void {
  const check = (value: string | undefined, id: string, what: string) => {
    const parsed = scaled(value);
    if (parsed && parsed.scale > TWO_DECIMALS) fail(id, `${what} ${value} has more than two decimals`);
  };
  check(view.totals.lineNet, 'BR-DEC-09', 'Sum of Invoice line net amount (BT-106)');
  check(view.totals.allowances, 'BR-DEC-10', 'Sum of allowances (BT-107)');
  check(view.totals.charges, 'BR-DEC-11', 'Sum of charges (BT-108)');
  check(view.totals.taxExclusive, 'BR-DEC-12', 'Invoice total amount without VAT (BT-109)');
  check(view.totals.tax, 'BR-DEC-13', 'Invoice total VAT amount (BT-110)');
  check(view.totals.taxInclusive, 'BR-DEC-14', 'Invoice total amount with VAT (BT-112)');
  check(view.totals.prepaid, 'BR-DEC-16', 'Paid amount (BT-113)');
  check(view.totals.rounding, 'BR-DEC-17', 'Rounding amount (BT-114)');
  check(view.totals.payable, 'BR-DEC-18', 'Amount due for payment (BT-115)');
  view.breakdown.forEach((row) => {
    check(row.taxable, 'BR-DEC-19', `VAT category taxable amount (BT-116) of ${label(row)}`);
    check(row.tax, 'BR-DEC-20', `VAT category tax amount (BT-117) of ${label(row)}`);
  });
  view.lines.forEach((line, i) => check(line.net, 'BR-DEC-23', `line ${line.id ?? i + 1}: Invoice line net amount (BT-131)`));
  view.allowanceCharges.forEach((ac) =>
    check(ac.amount, ac.charge ? 'BR-DEC-05' : 'BR-DEC-01', `document level ${ac.charge ? 'charge amount (BT-99)' : 'allowance amount (BT-92)'}`),
  );
}

function totals(view: InvoiceView, fail: Fail): void {
  const t = view.totals;
  const lineNet = sum(view.lines.map((line) => line.net));
  const allowances = sum(view.allowanceCharges.filter((ac) => !ac.charge).map((ac) => ac.amount));
  const charges = sum(view.allowanceCharges.filter((ac) => ac.charge).map((ac) => ac.amount));
  const expect = (id: string, stated: string | undefined, computed: Scaled | undefined, what: string) => {
    if (!computed) return;
    const value = stated === undefined ? zero : scaled(stated);
    if (value && !same(value, computed)) fail(id, `${what}: stated ${stated ?? '(none)'}, computed ${format(computed)}`);
  };
  expect('BR-CO-10', t.lineNet, lineNet, 'Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131)');
  expect('BR-CO-11', t.allowances, allowances, 'Sum of allowances on document level (BT-107) = Σ document level allowance amount (BT-92)');
  expect('BR-CO-12', t.charges, charges, 'Sum of charges on document level (BT-108) = Σ document level charge amount (BT-99)');
  const base = scaled(t.lineNet);
  if (base) {
    const exclusive = add(add(base, negate(scaled(t.allowances) ?? zero)), scaled(t.charges) ?? zero);
    expect('BR-CO-13', t.taxExclusive, exclusive, 'Invoice total amount without VAT (BT-109) = BT-106 − BT-107 + BT-108');
  }
  if (view.breakdown.length === 0) fail('BR-CO-18', 'an invoice shall have at least one VAT breakdown group (BG-23)');
  else expect('BR-CO-14', t.tax, sum(view.breakdown.map((row) => row.tax)), 'Invoice total VAT amount (BT-110) = Σ VAT category tax amount (BT-117)');
  const exclusive = scaled(t.taxExclusive);
  if (exclusive) expect('BR-CO-15', t.taxInclusive, add(exclusive, scaled(t.tax) ?? zero), 'Invoice total amount with VAT (BT-112) = BT-109 + BT-110');
  const inclusive = scaled(t.taxInclusive);
  if (inclusive) {
    const due = add(add(inclusive, negate(scaled(t.prepaid) ?? zero)), scaled(t.rounding) ?? zero);
    expect('BR-CO-16', t.payable, due, 'Amount due for payment (BT-115) = BT-112 − BT-113 + BT-114');
  }
  const payable = scaled(t.payable);
  if (payable && payable.value > 0n && !view.dueDate && !view.paymentTerms) {
    fail('BR-CO-25', 'a positive Amount due for payment (BT-115) needs a Payment due date (BT-9) or Payment terms (BT-20)');
  }
}

function vatBreakdown(view: InvoiceView, fail: Fail): void {
  const used = [...view.lines, ...view.allowanceCharges];
  const categories = new Set(used.map((item) => item.category).filter((c): c is string => !!c));
  for (const category of categories) {
    const prefix = PREFIX[category];
    if (!prefix) continue;
    if (!view.breakdown.some((row) => row.category === category)) {
      fail(`${prefix}-01`, `items of VAT category ${category} but no VAT breakdown (BG-23) for it`);
    }
    if (category !== 'O' && !view.seller.vatId) fail(`${prefix}-02`, `VAT category ${category} needs the Seller VAT identifier (BT-31)`);
    if (category === 'O' && view.seller.vatId) fail('BR-O-02', 'not subject to VAT (O) shall not carry the Seller VAT identifier (BT-31)');
    if (category === 'AE' && !view.buyer.vatId && !view.buyer.legalId) {
      fail('BR-AE-02', 'reverse charge (AE) needs the Buyer VAT identifier (BT-48) or legal registration identifier (BT-47)');
    }
    if (category === 'K' && !view.buyer.vatId) fail('BR-IC-02', 'an intra-community supply (K) needs the Buyer VAT identifier (BT-48)');
  }
  for (const row of view.breakdown) {
    const prefix = row.category ? PREFIX[row.category] : undefined;
    if (!row.category || !prefix) continue;
    const matches = (item: ViewTaxed) => item.category === row.category && sameRate(item.rate, row.rate);
    const computed = add(
      add(sum(view.lines.filter(matches).map((line) => line.net)) ?? zero, sum(view.allowanceCharges.filter((ac) => ac.charge && matches(ac)).map((ac) => ac.amount)) ?? zero),
      negate(sum(view.allowanceCharges.filter((ac) => !ac.charge && matches(ac)).map((ac) => ac.amount)) ?? zero),
    );
    const taxable = scaled(row.taxable);
    if (taxable && row.category !== 'O' && !same(taxable, computed)) {
      fail(`${prefix}-08`, `VAT category taxable amount (BT-116) of ${label(row)}: stated ${row.taxable}, Σ line nets + charges − allowances ${format(computed)}`);
    }
    const tax = scaled(row.tax);
    const rate = scaled(row.rate);
    if (ZERO_RATED.has(row.category)) {
      if (rate && rate.value !== 0n) fail(`${prefix}-05`, `VAT category ${row.category} shall have rate 0, not ${row.rate}`);
      if (tax && tax.value !== 0n) fail(`${prefix}-09`, `VAT category tax amount (BT-117) of ${row.category} shall be 0, not ${row.tax}`);
    }
    if (row.category === 'S') {
      if (!rate || rate.value <= 0n) fail('BR-S-05', `standard rated (S) needs a VAT rate above 0, not ${row.rate ?? '(none)'}`);
      else if (taxable && tax && !withinOneUnit(tax, taxable, rate)) {
        fail('BR-S-09', `VAT category tax amount (BT-117) ${row.tax} of ${label(row)} ≠ taxable ${row.taxable} × ${row.rate}%`);
      }
      if (row.exemptionReason || row.exemptionCode) fail('BR-S-10', `standard rated (S) shall have no VAT exemption reason`);
    }
    if (row.category === 'Z' && (row.exemptionReason || row.exemptionCode)) fail('BR-Z-10', 'zero rated (Z) shall have no VAT exemption reason');
    if (NEEDS_EXEMPTION.has(row.category) && !row.exemptionReason && !row.exemptionCode) {
      fail(`${prefix}-10`, `VAT category ${row.category} needs a VAT exemption reason (BT-120) or code (BT-121)`);
    }
  }
}

function peppol(view: InvoiceView, fail: Fail): void {
  endpoint(view, fail, true);
  if (!view.buyerReference && !view.purchaseOrder) fail('PEPPOL-EN16931-R003', 'a buyer reference (BT-10) or purchase order reference (BT-13) must be provided');
  if (!view.profileId) fail('PEPPOL-EN16931-R001', 'Business process (BT-23) must be provided');
  lineArithmetic(view, fail);
}

function xrechnung(view: InvoiceView, fail: Fail): void {
  endpoint(view, fail, false);
  if (!view.buyerReference) fail('BR-DE-15', 'XRechnung needs the Buyer reference (BT-10), for public buyers the Leitweg-ID');
  if (view.paymentMeans.length === 0) fail('BR-DE-1', 'XRechnung needs payment instructions (BG-16)');
  const contact = view.seller.contact;
  if (!contact.name && !contact.phone && !contact.email) fail('BR-DE-2', 'XRechnung needs the seller contact (BG-6)');
  if (!view.seller.address.city) fail('BR-DE-3', 'XRechnung needs the Seller city (BT-37)');
  if (!view.seller.address.postcode) fail('BR-DE-4', 'XRechnung needs the Seller post code (BT-38)');
  if (!contact.name) fail('BR-DE-5', 'XRechnung needs the Seller contact point (BT-41)');
  if (!contact.phone) fail('BR-DE-6', 'XRechnung needs the Seller contact telephone number (BT-42)');
  if (!contact.email) fail('BR-DE-7', 'XRechnung needs the Seller contact email address (BT-43)');
  if (!view.buyer.address.city) fail('BR-DE-8', 'XRechnung needs the Buyer city (BT-52)');
  if (!view.buyer.address.postcode) fail('BR-DE-9', 'XRechnung needs the Buyer post code (BT-53)');
  for (const means of view.paymentMeans) {
    if ((means.code === '30' || means.code === '58') && !means.account) fail('BR-DE-23-a', 'a credit transfer (30, 58) needs the Payment account identifier (BT-84)');
  }
  lineArithmetic(view, fail);
}

/** PEPPOL-EN16931-R010/R020: both parties' electronic addresses; Peppol accepts only its numeric EAS schemes (CL008). */
function endpoint(view: InvoiceView, fail: Fail, peppolSchemes: boolean): void {
  const check = (party: InvoiceView['seller'], id: string, who: string, bt: string) => {
    if (!party.endpoint) return fail(id, `${who} electronic address (${bt}) must be provided`);
    if (!party.endpoint.scheme) return fail('BR-62', `${who} electronic address (${bt}) needs its scheme identifier`);
    if (peppolSchemes && !/^[0-9]{4}$/.test(party.endpoint.scheme)) {
      fail('PEPPOL-EN16931-CL008', `${who} electronic address scheme ${party.endpoint.scheme} is not a Peppol EAS code (configure a participant id such as 0088:…)`);
    }
  };
  check(view.buyer, 'PEPPOL-EN16931-R010', 'Buyer', 'BT-49');
  check(view.seller, 'PEPPOL-EN16931-R020', 'Seller', 'BT-34');
}

/** PEPPOL-EN16931-R120: line net = quantity × (price ÷ base quantity), exactly as Folio writes it. */
function lineArithmetic(view: InvoiceView, fail: Fail): void {
  view.lines.forEach((line, i) => {
    const net = scaled(line.net);
    const quantity = scaled(line.quantity);
    const price = scaled(line.price);
    if (!net || !quantity || !price) return;
    const base = scaled(line.baseQuantity) ?? { value: 1n, scale: 0 };
    if (base.value === 0n) return;
    // net × base = quantity × price, compared at a common scale.
    const left = mul(net, base);
    const right = mul(quantity, price);
    const scale = Math.max(left.scale, right.scale);
    const difference = atScale(left, scale) - atScale(right, scale);
    // Peppol allows ±0.02 for rounded prices; Folio's exact prices need none, but a received file may use it.
    const tolerance = scale >= 2 ? 2n * 10n ** BigInt(scale - 2) : 0n;
    if ((difference < 0n ? -difference : difference) > tolerance) {
      fail('PEPPOL-EN16931-R120', `line ${line.id ?? i + 1}: net ${line.net} ≠ quantity ${line.quantity} × price ${line.price}${line.baseQuantity ? ` / ${line.baseQuantity}` : ''}`);
    }
  });
}

// ---- exact decimal arithmetic on the XML's text ----

const zero: Scaled = { value: 0n, scale: 0 };

function scaled(text: string | undefined): Scaled | undefined {
  return text === undefined ? undefined : parseScaled(text);
}

function add(a: Scaled, b: Scaled): Scaled {
  const scale = Math.max(a.scale, b.scale);
  return { value: atScale(a, scale) + atScale(b, scale), scale };
}

function negate(a: Scaled): Scaled {
  return { value: -a.value, scale: a.scale };
}

function mul(a: Scaled, b: Scaled): Scaled {
  return { value: a.value * b.value, scale: a.scale + b.scale };
}

function same(a: Scaled, b: Scaled): boolean {
  const scale = Math.max(a.scale, b.scale);
  return atScale(a, scale) === atScale(b, scale);
}

function sum(texts: (string | undefined)[]): Scaled | undefined {
  let total = zero;
  for (const text of texts) {
    const value = scaled(text);
    if (!value) return texts.length === 0 ? zero : undefined;
    total = add(total, value);
  }
  return total;
}

function sameRate(a: string | undefined, b: string | undefined): boolean {
  const x = scaled(a);
  const y = scaled(b);
  if (!x || !y) return x === y;
  return same(x, y);
}

/** BR-S-09 as CEN writes it: |tax − round(taxable × rate ÷ 100, 2)| < 1. */
function withinOneUnit(tax: Scaled, taxable: Scaled, rate: Scaled): boolean {
  const product = mul(taxable, rate); // × 100 too large: divide by 100 below
  const exactScale = product.scale + 2;
  const scale = Math.max(exactScale, tax.scale);
  const expected = atScale({ value: product.value, scale: exactScale }, scale);
  const difference = atScale(tax, scale) - expected;
  const one = 10n ** BigInt(scale);
  return (difference < 0n ? -difference : difference) < one;
}

function format(value: Scaled): string {
  const negative = value.value < 0n;
  const digits = (negative ? -value.value : value.value).toString().padStart(value.scale + 1, '0');
  const text = value.scale === 0 ? digits : `${digits.slice(0, -value.scale)}.${digits.slice(-value.scale)}`;
  return `${negative ? '-' : ''}${text}`;
}

function label(row: ViewTaxed): string {
  return `${row.category ?? '?'} ${row.rate ?? ''}%`.trim();
}
