import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBusinessRules } from '../../connector/einvoice/business-rules.ts';
import { readEInvoice } from '../../connector/einvoice/read-einvoice.ts';
import { ATTRIBUTE, STATUS } from '../../connector/fluent/contract.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { startLoop, type Loop } from '../e2e/loop-harness.ts';

const PEPPOL_SELLER = JSON.stringify({ endpoint: '0088:5790000435975', legalId: '0088:5790000435975', contact: { name: 'Billing', phone: '+44 20 7946 0000', email: 'billing@folio-demo.example' }, iban: 'GB33BUKB20201555555555' });
const amount = (minor: number) => ({ amount: minor / 100, scale: 2, unscaledValue: minor });

/**
 * The whole loop with e-invoices on (emulated Fluent, real connector, PGlite, local files): files beside
 * the PDF and linked on the invoice; a reverse-charge invoice without the buyer's VAT id refused with
 * BR-AE-02 on the Fluent entity, nothing numbered or stored.
 */
describe('e-invoices through the loop', () => {
  let loop: Loop;
  beforeAll(async () => {
    loop = await startLoop({ FOLIO_EINVOICE_FORMATS: '{"*": ["ubl", "cii", "factur-x"]}', FOLIO_EINVOICE_SELLER: PEPPOL_SELLER });
  });
  afterAll(async () => {
    await loop?.close();
  });

  const business = { firstName: 'Ada', lastName: 'Lovelace', email: 'ap@analytical.example', attributes: { 'folio.endpointId': '0088:7300010000001', vatId: 'GB987654321' } };

  it('stores UBL, CII and Factur-X beside the PDF and writes their links onto the invoice', async () => {
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'EI-OK', customer: business });
    const state = await loop.documentFor(created.invoiceRef);
    expect(state.status, String(state.attributes[ATTRIBUTE.failureReason])).toBe(STATUS.generated);
    const einvoices = state.attributes[ATTRIBUTE.einvoices] as Record<string, { fileName: string; downloadUrl: string; path: string }>;
    expect(Object.keys(einvoices)).toEqual(['ubl', 'cii', 'factur-x']);
    const number = state.attributes[ATTRIBUTE.documentNumber] as string;
    expect(einvoices.ubl!.fileName).toBe(`${number}.ubl.xml`);
    for (const [format, entry] of Object.entries(einvoices)) {
      expect(existsSync(entry.path), entry.path).toBe(true);
      const view = await readEInvoice(readFileSync(entry.path));
      expect(view.number).toBe(number);
      expect(checkBusinessRules(view, format === 'ubl' ? 'peppol' : 'en16931', { creditNote: false }).map((v) => `${v.id} ${v.message}`), format).toEqual([]);
      const response = await fetch(entry.downloadUrl);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(format === 'factur-x' ? 'application/pdf' : 'application/xml');
    }
  });

  it('refuses a reverse-charge invoice without the buyer\'s VAT id: BR-AE-02 on the entity, nothing numbered or stored', async () => {
    const first = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'EI-AE', customer: { ...business, attributes: { 'folio.endpointId': '0088:7300010000001' } } });
    await loop.documentFor(first.invoiceRef);
    const ref = 'INV-EI-AE-RC';
    await loop.fluent.graphql(`mutation($input: CreateInvoiceInput) { createInvoice(input: $input) { id ref } }`, {
      input: {
        ref, type: 'INVOICE', billingAccount: { ref: first.billingAccountRef }, order: { ref: first.orderRef, retailer: { id: loop.emulator.retailerId } },
        issueDate: '2026-11-24T09:30:00.000Z', currency: { alphabeticCode: 'GBP' }, defaultTaxType: { country: 'GB', group: 'REVERSE_CHARGE', tariff: '0' },
        items: [{ ref: `${ref}-1`, type: 'INVOICE_ITEM', description: 'Consulting day', unitQuantity: { quantity: 2, unit: 'EA' }, unitTaxType: { country: 'GB', group: 'REVERSE_CHARGE', tariff: '0' }, unitAmount: amount(60000), amount: amount(120000), taxAmount: amount(0) }],
        subTotalAmount: amount(120000), totalTax: amount(0), totalAmount: amount(120000), totalBalance: amount(120000), attributes: [],
      },
    });
    const state = await loop.documentFor(ref);
    expect(state.status).toBe(STATUS.failed);
    expect(state.attributes[ATTRIBUTE.failureReason]).toMatch(/^e-invoice \(ubl\) refused, EN 16931 rules BR-AE-02: BR-AE-02 reverse charge \(AE\) needs the Buyer VAT identifier/);
    const { rows } = await loop.connector.db.query<{ number: string | null; storage: unknown }>('SELECT number, storage FROM folio_documents WHERE entity_ref = $1', [ref]);
    expect(rows).toEqual([]);
  });
});
