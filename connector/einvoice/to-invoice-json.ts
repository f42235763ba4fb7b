import type { Invoice } from '@e-invoice-eu/core';
import type { DocumentLine, DocumentModel, Party, TaxSummaryRow } from '../core/document-model.ts';
import { amountText, percentText } from './decimal.ts';
import { ciusOf, CUSTOMIZATION_ID, FORMAT_SPECS, PEPPOL_PROFILE_ID, type EInvoiceFormat } from './formats.ts';
import { localDate } from './issue-date.ts';
import type { EInvoiceTerms, SchemedId } from './terms.ts';

/**
 * The document model to @e-invoice-eu/core's invoice data (UBL-shaped JSON that the library writes as
 * UBL, CII, XRechnung or Factur-X). Pure: the same model, number and terms give the same data.
 *
 * How Folio's model maps to EN 16931:
 * - shipping and fee lines (the COD fee) become document-level charges (BG-21) with their own VAT
 *   category and rate, negative lines (adjustments, discounts) document-level allowances (BG-20);
 *   when nothing else is left they stay invoice lines (an invoice needs one, BR-16);
 * - the VAT breakdown (BG-23) is the model's tax summary, one row per category and rate, with the
 *   exemption reason; the totals (BG-22) are the model's, never recomputed, so the checks in
 *   business-rules.ts see exactly what the PDF shows;
 * - a credit note's preceding invoice (BG-3) is its "Invoice" reference (the Folio number written back
 *   onto the Fluent invoice) and "Invoice date".
 */

type UblInvoice = Invoice['ubl:Invoice'];
type Party1 = UblInvoice['cac:AccountingCustomerParty']['cac:Party'];
type SellerParty = UblInvoice['cac:AccountingSupplierParty']['cac:Party'];
type Line = UblInvoice['cac:InvoiceLine'][number];
type AllowanceCharge = NonNullable<UblInvoice['cac:AllowanceCharge']>[number];
type Currency = UblInvoice['cbc:DocumentCurrencyCode'];

/** UNTDID 1001 codes: commercial invoice, debit note, credit note. */
export const TYPE_CODE = { invoice: '380', debit_note: '383', credit_note: '381' } as const;

/** Reference labels the credit note builder (compose/credit-note.ts) gives the invoice it corrects. */
export const PRECEDING_INVOICE_LABEL = 'Invoice';
export const PRECEDING_INVOICE_DATE_LABEL = 'Invoice date';

/** Categories whose breakdown needs an exemption reason (BR-E-10, BR-AE-10, BR-IC-10, BR-G-10, BR-O-10), and the default text where EN 16931 fixes one. */
const EXEMPTION_DEFAULTS: Readonly<Record<string, string | undefined>> = {
  E: undefined,
  AE: 'Reverse charge',
  K: 'Intra-community supply',
  G: 'Export outside the EU',
  O: 'Not subject to VAT',
};

/** UN/ECE Recommendation 20 unit codes Folio passes through; anything else is "one" (C62). */
const UNIT_CODES = new Set(['EA', 'C62', 'H87', 'KGM', 'GRM', 'MTR', 'LTR', 'MTK', 'MTQ', 'HUR', 'DAY', 'MON', 'SET', 'PR', 'XPP']);

export interface MappingInput {
  model: DocumentModel;
  /** The document number (the model's may still be unassigned when checking before numbering). */
  number: string;
  terms: EInvoiceTerms;
  format: EInvoiceFormat;
}

/** Which document type Folio maps: invoice, debit_note or credit_note. */
export type EInvoiceDocumentType = keyof typeof TYPE_CODE;

export function toInvoiceJson({ model, number, terms, format }: MappingInput): Invoice {
  const currency = model.currency as Currency;
  const money = (minor: number) => amountText(minor, model.currency);
  const date = (instant: string) => localDate(instant, model.timeZone);
  const { lines, allowances, charges } = splitLines(model.lines);
  const typeCode = TYPE_CODE[model.type as EInvoiceDocumentType] ?? TYPE_CODE.invoice;
  const cius = ciusOfTerms(format, terms);
  const paid = model.totals.paidMinor ?? 0;
  const payable = model.totals.balanceMinor ?? model.totals.grossMinor - paid;
  const preceding = precedingInvoice(model);
  const buyerReference = terms.buyer.reference ?? (cius === 'xrechnung' ? undefined : model.orderRef);
  const sum = (list: DocumentLine[]) => list.reduce((total, line) => total + Math.abs(line.netMinor), 0);

  const invoice: UblInvoice = {
    ...(format !== 'factur-x' && { 'cbc:CustomizationID': CUSTOMIZATION_ID[cius] }),
    'cbc:ProfileID': PEPPOL_PROFILE_ID,
    'cbc:ID': number,
    'cbc:IssueDate': date(model.issueDate),
    ...(model.dueDate && model.type !== 'credit_note' && { 'cbc:DueDate': date(model.dueDate) }),
    'cbc:InvoiceTypeCode': typeCode,
    ...(model.notes.length > 0 && { 'cbc:Note': [...model.notes] }),
    'cbc:DocumentCurrencyCode': currency,
    ...(buyerReference && { 'cbc:BuyerReference': buyerReference }),
    ...((terms.buyer.purchaseOrder || model.orderRef) && {
      'cac:OrderReference': {
        'cbc:ID': terms.buyer.purchaseOrder ?? 'NA',
        ...(model.orderRef && { 'cbc:SalesOrderID': model.orderRef }),
      },
    }),
    ...(preceding && { 'cac:BillingReference': [billingReference(preceding.number, preceding.date && date(preceding.date))] }),
    'cac:AccountingSupplierParty': { 'cac:Party': sellerParty(model.seller, terms, cius) },
    'cac:AccountingCustomerParty': { 'cac:Party': buyerParty(model.buyer, terms, cius) },
    ...(model.supplyDate && { 'cac:Delivery': { 'cbc:ActualDeliveryDate': date(model.supplyDate) } }),
    'cac:PaymentMeans': [paymentMeans(model, terms, number)],
    'cac:PaymentTerms': { 'cbc:Note': paymentTerms(model, terms, payable, date) },
    ...(allowances.length + charges.length > 0 && {
      'cac:AllowanceCharge': [
        ...allowances.map((line) => allowanceCharge(line, false, money, currency)),
        ...charges.map((line) => allowanceCharge(line, true, money, currency)),
      ],
    }),
    'cac:TaxTotal': [
      {
        'cbc:TaxAmount': money(model.totals.taxMinor),
        'cbc:TaxAmount@currencyID': currency,
        'cac:TaxSubtotal': model.taxSummary.map((row) => taxSubtotal(row, money, currency)),
      },
    ],
    'cac:LegalMonetaryTotal': {
      'cbc:LineExtensionAmount': money(lines.reduce((total, line) => total + line.netMinor, 0)),
      'cbc:LineExtensionAmount@currencyID': currency,
      'cbc:TaxExclusiveAmount': money(model.totals.netMinor),
      'cbc:TaxExclusiveAmount@currencyID': currency,
      'cbc:TaxInclusiveAmount': money(model.totals.grossMinor),
      'cbc:TaxInclusiveAmount@currencyID': currency,
      ...(allowances.length > 0 && { 'cbc:AllowanceTotalAmount': money(sum(allowances)), 'cbc:AllowanceTotalAmount@currencyID': currency }),
      ...(charges.length > 0 && { 'cbc:ChargeTotalAmount': money(sum(charges)), 'cbc:ChargeTotalAmount@currencyID': currency }),
      ...(paid !== 0 && { 'cbc:PrepaidAmount': money(paid), 'cbc:PrepaidAmount@currencyID': currency }),
      'cbc:PayableAmount': money(payable),
      'cbc:PayableAmount@currencyID': currency,
    },
    'cac:InvoiceLine': lines.map((line, index) => invoiceLine(line, index, money, currency)) as UblInvoice['cac:InvoiceLine'],
  };
  return { 'ubl:Invoice': invoice };
}

/** Items stay lines; shipping and fees become charges, negative lines allowances, unless no line would be left. */
export function splitLines(all: readonly DocumentLine[]): { lines: DocumentLine[]; allowances: DocumentLine[]; charges: DocumentLine[] } {
  const allowances = all.filter((line) => line.netMinor < 0);
  const charges = all.filter((line) => line.netMinor >= 0 && (line.kind === 'shipping' || line.kind === 'fee'));
  const lines = all.filter((line) => !allowances.includes(line) && !charges.includes(line));
  if (lines.length > 0) return { lines, allowances, charges };
  return { lines: all.filter((line) => line.netMinor >= 0), allowances, charges: [] };
}

function precedingInvoice(model: DocumentModel): { number: string; date?: string } | undefined {
  if (model.type !== 'credit_note') return undefined;
  const number = model.references.find((r) => r.label === PRECEDING_INVOICE_LABEL)?.value;
  if (!number) return undefined;
  const date = model.references.find((r) => r.label === PRECEDING_INVOICE_DATE_LABEL)?.value;
  return { number, ...(date && !Number.isNaN(Date.parse(date)) && { date }) };
}

/**
 * BG-3. @e-invoice-eu/core 2.3.4 writes CII's InvoiceReferencedDocument from BillingReference/ID, one
 * level above where UBL (and its own schema) has it, so the number and date are given there too; the
 * UBL writer keeps only what its schema knows (sortBySchema). test/einvoice checks both outputs.
 */
function billingReference(number: string, issueDate: string | undefined) {
  const reference = { 'cbc:ID': number, ...(issueDate && { 'cbc:IssueDate': issueDate }) };
  // That path also copies the date as text, where CII's format 102 wants YYYYMMDD (CII-DT-097).
  const forCii = { 'cbc:ID': number, ...(issueDate && { 'cbc:IssueDate': issueDate.replaceAll('-', '') }) };
  return { 'cac:InvoiceDocumentReference': reference, ...forCii } as NonNullable<UblInvoice['cac:BillingReference']>[number];
}

/** The CIUS this document is written under in `format` (formats.ts ciusOf). */
export function ciusOfTerms(format: EInvoiceFormat, terms: EInvoiceTerms) {
  return ciusOf(format, { seller: terms.seller.endpoint?.scheme, buyer: terms.buyer.endpoint?.scheme });
}

function endpointOf(endpoint: SchemedId | undefined, email: string | undefined, cius: string): { id: string; scheme: string } | undefined {
  if (endpoint?.scheme) return { id: endpoint.id, scheme: endpoint.scheme };
  // No configured address: the party's e-mail address (EAS code EM), which Peppol does not route.
  return email && cius !== 'peppol' ? { id: email, scheme: 'EM' } : undefined;
}

function postalAddress(party: Party) {
  const address = party.address ?? {};
  return {
    ...(address.street && { 'cbc:StreetName': address.street }),
    ...(address.city && { 'cbc:CityName': address.city }),
    ...(address.postcode && { 'cbc:PostalZone': address.postcode }),
    ...(address.region && { 'cbc:CountrySubentity': address.region }),
    'cac:Country': { 'cbc:IdentificationCode': (address.country ?? '').toUpperCase() },
  } as SellerParty['cac:PostalAddress'];
}

function sellerParty(seller: Party, terms: EInvoiceTerms, cius: string): SellerParty {
  const endpoint = endpointOf(terms.seller.endpoint, terms.seller.contact?.email ?? seller.email, cius);
  const contact = { name: terms.seller.contact?.name, phone: terms.seller.contact?.phone ?? seller.phone, email: terms.seller.contact?.email ?? seller.email };
  const legal = terms.seller.legalId;
  return {
    ...(endpoint && { 'cbc:EndpointID': endpoint.id, 'cbc:EndpointID@schemeID': endpoint.scheme as SellerParty['cbc:EndpointID@schemeID'] }),
    ...(terms.seller.tradingName && { 'cac:PartyName': { 'cbc:Name': terms.seller.tradingName } }),
    'cac:PostalAddress': postalAddress(seller),
    ...(seller.vatId && { 'cac:PartyTaxScheme': [{ 'cbc:CompanyID': seller.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }] }),
    'cac:PartyLegalEntity': {
      'cbc:RegistrationName': seller.name,
      ...(legal && { 'cbc:CompanyID': legal.id, ...(legal.scheme && { 'cbc:CompanyID@schemeID': legal.scheme as never }) }),
    },
    ...((contact.name || contact.phone || contact.email) && {
      'cac:Contact': {
        ...(contact.name && { 'cbc:Name': contact.name }),
        ...(contact.phone && { 'cbc:Telephone': contact.phone }),
        ...(contact.email && { 'cbc:ElectronicMail': contact.email }),
      },
    }),
  };
}

function buyerParty(buyer: Party, terms: EInvoiceTerms, cius: string): Party1 {
  const endpoint = endpointOf(terms.buyer.endpoint, buyer.email, cius);
  const legal = terms.buyer.legalId;
  return {
    ...(endpoint && { 'cbc:EndpointID': endpoint.id, 'cbc:EndpointID@schemeID': endpoint.scheme as Party1['cbc:EndpointID@schemeID'] }),
    ...(buyer.address?.companyName && buyer.address.companyName !== buyer.name && { 'cac:PartyName': { 'cbc:Name': buyer.name } }),
    'cac:PostalAddress': postalAddress(buyer),
    ...(buyer.vatId && { 'cac:PartyTaxScheme': { 'cbc:CompanyID': buyer.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } }),
    'cac:PartyLegalEntity': {
      'cbc:RegistrationName': buyer.address?.companyName ?? buyer.name,
      ...(legal && { 'cbc:CompanyID': legal.id, ...(legal.scheme && { 'cbc:CompanyID@schemeID': legal.scheme as never }) }),
    },
    ...((buyer.email || buyer.phone) && {
      'cac:Contact': { ...(buyer.phone && { 'cbc:Telephone': buyer.phone }), ...(buyer.email && { 'cbc:ElectronicMail': buyer.email }) },
    }),
  };
}

/** UNTDID 4461: 10 in cash (cash on delivery), 58 SEPA / 30 other credit transfer, 48 bank card, 1 not defined. */
export function paymentMeansCode(model: DocumentModel, terms: EInvoiceTerms): string {
  const methods = (model.payments ?? []).map((p) => p.method.toUpperCase());
  if (model.paymentStatus === 'cash_on_delivery' || methods.some((m) => m === 'COD' || m.includes('CASH_ON_DELIVERY'))) return '10';
  if (terms.seller.iban) return model.currency === 'EUR' ? '58' : '30';
  if (methods.some((m) => m.includes('CARD') || m === 'CREDITCARD')) return '48';
  return '1';
}

function paymentMeans(model: DocumentModel, terms: EInvoiceTerms, number: string) {
  const code = paymentMeansCode(model, terms);
  const transfer = code === '58' || code === '30';
  return {
    'cbc:PaymentMeansCode': code as never,
    ...(transfer && { 'cbc:PaymentID': number }),
    ...(transfer && {
      'cac:PayeeFinancialAccount': {
        'cbc:ID': terms.seller.iban!,
        ...(terms.seller.accountName && { 'cbc:Name': terms.seller.accountName }),
        ...(terms.seller.bic && { 'cac:FinancialInstitutionBranch': { 'cbc:ID': terms.seller.bic } }),
      },
    }),
  };
}

function paymentTerms(model: DocumentModel, terms: EInvoiceTerms, payable: number, date: (instant: string) => string): string {
  if (terms.seller.paymentTerms) return terms.seller.paymentTerms;
  if (model.type === 'credit_note') return payable > 0 ? 'Refund of the amount credited' : 'Nothing to pay';
  if (payable <= 0) return 'Paid in full';
  return model.dueDate ? `Payment due by ${date(model.dueDate)}` : 'Payable on receipt';
}

function taxCategory<T>(category: string, rateBp: number): T {
  return { 'cbc:ID': category, ...(category !== 'O' && { 'cbc:Percent': percentText(rateBp) }), 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } as T;
}

function allowanceCharge(line: DocumentLine, charge: boolean, money: (minor: number) => string, currency: Currency): AllowanceCharge {
  const code = charge ? (line.kind === 'shipping' ? 'FC' : undefined) : '95';
  return {
    'cbc:ChargeIndicator': charge ? 'true' : 'false',
    ...(code && { 'cbc:AllowanceChargeReasonCode': code as never }),
    'cbc:AllowanceChargeReason': line.description,
    'cbc:Amount': money(Math.abs(line.netMinor)),
    'cbc:Amount@currencyID': currency,
    'cac:TaxCategory': taxCategory(line.taxCategory, line.taxRateBp),
  };
}

function taxSubtotal(row: TaxSummaryRow, money: (minor: number) => string, currency: Currency) {
  const needsReason = row.taxCategory in EXEMPTION_DEFAULTS;
  const reason = needsReason ? (row.exemptionReason ?? EXEMPTION_DEFAULTS[row.taxCategory]) : undefined;
  return {
    'cbc:TaxableAmount': money(row.taxableMinor),
    'cbc:TaxableAmount@currencyID': currency,
    'cbc:TaxAmount': money(row.taxMinor),
    'cbc:TaxAmount@currencyID': currency,
    'cac:TaxCategory': { ...taxCategory<Record<string, unknown>>(row.taxCategory, row.taxRateBp), ...(reason && { 'cbc:TaxExemptionReason': reason }) } as never,
  };
}

/**
 * The price (BT-146) is the unit net price when the line's net divides by its quantity; otherwise the
 * line's net for its whole quantity (base quantity BT-149 = quantity), so quantity × price / base is
 * the line net exactly (Peppol R120) without rounding a price.
 */
function invoiceLine(line: DocumentLine, index: number, money: (minor: number) => string, currency: Currency): Line {
  const unit = line.unit && UNIT_CODES.has(line.unit.toUpperCase()) ? line.unit.toUpperCase() : 'C62';
  const divisible = line.quantity > 0 && line.netMinor % line.quantity === 0;
  const price = line.quantity === 0 ? line.unitPriceMinor : divisible ? line.netMinor / line.quantity : line.netMinor;
  return {
    'cbc:ID': String(index + 1),
    ...(line.reason && { 'cbc:Note': line.reason }),
    'cbc:InvoicedQuantity': String(line.quantity),
    'cbc:InvoicedQuantity@unitCode': unit as never,
    'cbc:LineExtensionAmount': money(line.netMinor),
    'cbc:LineExtensionAmount@currencyID': currency,
    'cac:Item': {
      'cbc:Name': line.description,
      ...(line.sku && { 'cac:SellersItemIdentification': { 'cbc:ID': line.sku } }),
      'cac:ClassifiedTaxCategory': taxCategory(line.taxCategory, line.taxRateBp),
    },
    'cac:Price': {
      'cbc:PriceAmount': money(price),
      'cbc:PriceAmount@currencyID': currency,
      ...(line.quantity > 0 && !divisible && { 'cbc:BaseQuantity': String(line.quantity), 'cbc:BaseQuantity@unitCode': unit as never }),
    },
  };
}
