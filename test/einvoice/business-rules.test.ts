import { describe, expect, it } from 'vitest';
import { checkBusinessRules } from '../../connector/einvoice/business-rules.ts';
import { checkFormat } from '../../connector/einvoice/einvoice-issuer.ts';
import type { InvoiceView } from '../../connector/einvoice/invoice-view.ts';
import { readInvoiceXml } from '../../connector/einvoice/read-einvoice.ts';
import { renderEInvoice } from '../../connector/einvoice/render-einvoice.ts';
import { toInvoiceJson } from '../../connector/einvoice/to-invoice-json.ts';
import { randomDocuments } from './support/random-documents.ts';

const documents = randomDocuments(150, 7);
const figures = (view: InvoiceView) => ({ totals: view.totals, breakdown: view.breakdown, lines: view.lines.map((l) => l.net), charges: view.allowanceCharges.map((a) => [a.charge, a.amount, a.category, a.rate]) });

describe('Folio\'s EN 16931 checks over random documents from the money engine', () => {
  it('pass every document Folio issues, and UBL and CII carry the same figures', async () => {
    let issued = 0;
    for (const doc of documents) {
      const refused = await checkFormat(doc.model, doc.model.number!, doc.terms, 'ubl');
      if (refused.length > 0) {
        // Only KWD amounts in fils are refused: EN 16931 writes two decimals.
        expect(doc.model.currency, `${doc.name}: ${refused.map((r) => r.id).join(', ')}`).toBe('KWD');
        expect(refused.every((r) => r.id.startsWith('BR-DEC-'))).toBe(true);
        continue;
      }
      issued += 1;
      const ubl = readInvoiceXml((await renderEInvoice(toInvoiceJson({ model: doc.model, number: doc.model.number!, terms: doc.terms, format: 'ubl' }), 'ubl')).toString());
      const cii = readInvoiceXml((await renderEInvoice(toInvoiceJson({ model: doc.model, number: doc.model.number!, terms: doc.terms, format: 'cii' }), 'cii')).toString());
      expect(checkBusinessRules(ubl, 'peppol', { creditNote: doc.model.type === 'credit_note' }), doc.name).toEqual([]);
      expect(figures(cii), doc.name).toEqual(figures(ubl));
    }
    expect(issued).toBeGreaterThan(100);
  });

  it('names each rule a changed figure breaks', async () => {
    const doc = documents.find((d) => d.model.currency === 'EUR' && d.model.type === 'invoice' && d.model.taxSummary.some((r) => r.taxCategory === 'E'))!;
    const view = readInvoiceXml((await renderEInvoice(toInvoiceJson({ model: doc.model, number: 'X', terms: doc.terms, format: 'cii' }), 'cii')).toString());
    const ids = (changed: InvoiceView) => checkBusinessRules(changed, 'en16931', { creditNote: false }).map((v) => v.id);
    const bump = (text: string | undefined) => (Number(text) + 1).toFixed(2);
    expect(ids({ ...view, totals: { ...view.totals, lineNet: bump(view.totals.lineNet) } })).toEqual(expect.arrayContaining(['BR-CO-10', 'BR-CO-13']));
    expect(ids({ ...view, totals: { ...view.totals, tax: bump(view.totals.tax) } })).toEqual(expect.arrayContaining(['BR-CO-14', 'BR-CO-15']));
    expect(ids({ ...view, breakdown: view.breakdown.map((r) => (r.category === 'E' ? { ...r, exemptionReason: undefined } : r)) })).toEqual(['BR-E-10']);
    expect(ids({ ...view, seller: { ...view.seller, vatId: undefined } })).toEqual(expect.arrayContaining(['BR-E-02']));
    expect(ids({ ...view, paymentTerms: undefined, dueDate: undefined, totals: view.totals })).toEqual(Number(view.totals.payable) > 0 ? ['BR-CO-25'] : []);
  });
});
