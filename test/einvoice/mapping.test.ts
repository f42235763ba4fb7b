import { FormatFactoryService, invoiceSchema, type Invoice } from '@e-invoice-eu/core';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { checkFormat } from '../../connector/einvoice/einvoice-issuer.ts';
import { EINVOICE_FORMATS, FORMAT_SPECS } from '../../connector/einvoice/formats.ts';
import { readInvoiceXml } from '../../connector/einvoice/read-einvoice.ts';
import { renderEInvoice } from '../../connector/einvoice/render-einvoice.ts';
import { toInvoiceJson } from '../../connector/einvoice/to-invoice-json.ts';
import { randomDocuments } from './support/random-documents.ts';

const documents = randomDocuments(120);
const find = (predicate: (d: (typeof documents)[number]) => boolean) => {
  const found = documents.find(predicate);
  if (!found) throw new Error('no such random document');
  return found;
};

/** The JSON schema check @e-invoice-eu/core's InvoiceService runs (Folio calls the format services directly). */
function schemaErrors(invoice: Invoice, library: string): unknown[] {
  const schema = structuredClone(invoiceSchema);
  new FormatFactoryService().createFormatService(library, console).patchSchema(schema as never);
  const validate = new Ajv2019({ strict: true, allErrors: true, useDefaults: true }).compile(schema);
  // BillingReference also carries BG-3 one level up for the library's CII writer (to-invoice-json.ts).
  const clean = structuredClone(invoice);
  for (const ref of clean['ubl:Invoice']['cac:BillingReference'] ?? []) {
    delete (ref as unknown as Record<string, unknown>)['cbc:ID'];
    delete (ref as unknown as Record<string, unknown>)['cbc:IssueDate'];
  }
  return validate(clean) ? [] : (validate.errors ?? []);
}

describe('the document model to EN 16931 invoice data', () => {
  it.each(EINVOICE_FORMATS)('is valid %s data under the library\'s JSON schema, for every random document Folio issues', async (format) => {
    let checked = 0;
    for (const doc of documents.slice(0, 50)) {
      // KWD amounts in fils are refused before this (BR-DEC, business-rules.test.ts); the schema says the same.
      if ((await checkFormat(doc.model, doc.model.number!, doc.terms, format)).length > 0) continue;
      checked += 1;
      const invoice = toInvoiceJson({ model: doc.model, number: doc.model.number!, terms: doc.terms, format });
      expect(schemaErrors(invoice, FORMAT_SPECS[format].library), doc.name).toEqual([]);
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('maps parties with VAT ids, legal ids, electronic addresses with their schemes, contact and the buyer reference', async () => {
    const doc = find((d) => d.model.type === 'invoice' && d.model.currency === 'EUR');
    const view = readInvoiceXml((await renderEInvoice(toInvoiceJson({ model: doc.model, number: 'INV-1', terms: doc.terms, format: 'ubl' }), 'ubl')).toString());
    expect(view.customizationId).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    expect(view.seller).toMatchObject({ name: 'Nordwind Outdoor GmbH', vatId: 'DE123456789', legalId: '5790000435975', endpoint: { scheme: '0088', id: '5790000435975' } });
    expect(view.seller.contact).toEqual({ name: 'Buchhaltung', phone: '+49 40 1234567', email: 'rechnung@nordwind.example' });
    expect(view.buyer.vatId).toMatch(/^DE\d{9}$/);
    expect(view.buyer.endpoint?.scheme).toBe('9930');
    expect(view.buyerReference).toMatch(/^04011000-\d{5}-03$/);
    expect(view.paymentMeans).toEqual([{ code: '58', account: 'DE02120300000000202051' }]);
    expect(view.paymentTerms).toBeTruthy();
  });

  it('makes shipping and the COD fee document-level charges with their VAT category', async () => {
    const doc = find((d) => d.model.lines.some((l) => l.kind === 'shipping') && d.model.lines.some((l) => l.kind === 'fee'));
    for (const format of ['ubl', 'cii'] as const) {
      const view = readInvoiceXml((await renderEInvoice(toInvoiceJson({ model: doc.model, number: 'INV-1', terms: doc.terms, format }), format)).toString());
      const shipping = doc.model.lines.find((l) => l.kind === 'shipping')!;
      expect(view.allowanceCharges).toContainEqual(expect.objectContaining({ charge: true, reasonCode: 'FC', reason: 'Standard delivery', category: shipping.taxCategory }));
      expect(view.allowanceCharges).toContainEqual(expect.objectContaining({ charge: true, reason: 'Cash on delivery fee' }));
      expect(view.lines).toHaveLength(doc.model.lines.filter((l) => l.kind !== 'shipping' && l.kind !== 'fee').length);
    }
  });

  it('names the corrected invoice on a credit note (BG-3), in UBL and in CII', async () => {
    const doc = find((d) => d.model.type === 'credit_note');
    const invoiceNumber = doc.model.references.find((r) => r.label === 'Invoice')!.value;
    for (const format of ['ubl', 'cii'] as const) {
      const xml = (await renderEInvoice(toInvoiceJson({ model: doc.model, number: 'CN-1', terms: doc.terms, format }), format)).toString();
      const view = readInvoiceXml(xml);
      expect(view.typeCode).toBe('381');
      expect(view.precedingInvoices).toEqual([invoiceNumber]);
      if (format === 'ubl') expect(xml).toMatch(/^<CreditNote /m);
      if (format === 'cii') expect(xml).toContain('<udt:DateTimeString format="102">20260220</udt:DateTimeString>');
    }
  });

  it('gives 0 % categories their exemption reason and standard rates none', async () => {
    const doc = find((d) => d.model.taxSummary.some((r) => r.taxCategory === 'E') && d.model.taxSummary.some((r) => r.taxCategory === 'S'));
    const view = readInvoiceXml((await renderEInvoice(toInvoiceJson({ model: doc.model, number: 'INV-1', terms: doc.terms, format: 'cii' }), 'cii')).toString());
    expect(view.breakdown.find((r) => r.category === 'E')).toMatchObject({ rate: '0', tax: expect.stringMatching(/^0(\.0+)?$/), exemptionReason: 'Exempt from VAT' });
    expect(view.breakdown.filter((r) => r.category === 'S').every((r) => r.exemptionReason === undefined)).toBe(true);
  });

  it('writes the same figures as the PDF: totals in the currency\'s minor units, JPY without decimals', async () => {
    const doc = find((d) => d.model.currency === 'JPY' && d.model.totals.grossMinor > 0);
    const view = readInvoiceXml((await renderEInvoice(toInvoiceJson({ model: doc.model, number: 'INV-1', terms: doc.terms, format: 'ubl' }), 'ubl')).toString());
    expect(view.totals.taxInclusive).toBe(String(doc.model.totals.grossMinor));
    expect(view.totals.taxExclusive).toBe(String(doc.model.totals.netMinor));
    expect(view.totals.tax).toBe(String(doc.model.totals.taxMinor));
  });
});
