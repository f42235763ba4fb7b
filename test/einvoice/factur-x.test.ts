import { afterAll, describe, expect, it } from 'vitest';
import { checkBusinessRules } from '../../connector/einvoice/business-rules.ts';
import { createEInvoiceIssuer } from '../../connector/einvoice/einvoice-issuer.ts';
import { embeddedFiles, xmpMetadata } from '../../connector/einvoice/pdf-parts.ts';
import { facturXml, readEInvoice, readInvoiceXml } from '../../connector/einvoice/read-einvoice.ts';
import { createChromiumRenderer } from '../../connector/render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { fluentEvent } from '../pipeline/support/in-memory-ports.ts';
import { NAMED_CASES } from './support/named-cases.ts';
import { SELLER_TERMS } from './support/random-documents.ts';

const renderer = createChromiumRenderer({ batch: false });
afterAll(() => renderer.close());

describe('Factur-X from the PDF Folio renders', () => {
  it('embeds factur-x.xml that passes Folio\'s EN 16931 checks, with the PDF\'s figures, and declares PDF/A-3 with the Factur-X XMP', async () => {
    const { model, data } = NAMED_CASES.find((c) => c.name === 'eur-invoice-rates-exempt-shipping-cod-part-paid')!.document;
    const pdf = await renderer.renderPdf(renderDocumentHtml(model, { locale: 'de-DE' }).html);
    const issuer = createEInvoiceIssuer({ formats: { '*': ['factur-x'] }, seller: SELLER_TERMS });
    const event = fluentEvent({ entityType: 'INVOICE', entityRef: 'INV-FX' });
    const targets = await issuer.check({ model, data, event });
    expect(targets).toEqual([{ format: 'factur-x', suffix: '.factur-x.pdf', contentType: 'application/pdf' }]);
    const [file] = await issuer.issue({ model, data, event, number: model.number!, pdf }, targets);

    const bytes = file!.bytes;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect([...(await embeddedFiles(bytes)).keys()]).toEqual(['factur-x.xml']);
    const view = readInvoiceXml(await facturXml(bytes));
    expect(checkBusinessRules(view, 'en16931', { creditNote: false })).toEqual([]);
    expect(view).toMatchObject({ syntax: 'CII', number: model.number, customizationId: 'urn:cen.eu:en16931:2017', currency: 'EUR' });
    const euros = (minor: number) => (minor / 100).toFixed(2);
    expect(view.totals).toMatchObject({ taxExclusive: euros(model.totals.netMinor), tax: euros(model.totals.taxMinor), taxInclusive: euros(model.totals.grossMinor), payable: euros(model.totals.balanceMinor!) });
    expect(await readEInvoice(bytes)).toEqual(view);

    const xmp = (await xmpMetadata(bytes))!;
    expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(xmp).toMatch(/<fx:DocumentFileName>factur-x\.xml<\/fx:DocumentFileName>/);
    expect(xmp).toMatch(/<fx:ConformanceLevel>EN 16931<\/fx:ConformanceLevel>/);
    expect(xmp).toMatch(/<fx:DocumentType>INVOICE<\/fx:DocumentType>/);
    expect(xmp).toContain('urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#');
  });
});
