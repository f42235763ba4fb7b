import { afterAll, describe, expect, it } from 'vitest';
import { createChromiumRenderer } from '../../connector/render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import type { DocumentModel } from '../../connector/core/document-model.ts';
import { sampleInvoice } from './fixtures/sample-invoice.ts';
import { pdfFonts, pdfInfo, pdfPages, pdfText } from './helpers/pdf-text.ts';

// One browser for the file, as in production; every test also checks nothing reached the network.
const renderer = createChromiumRenderer();
afterAll(() => renderer.close());

async function renderInvoice(doc: DocumentModel): Promise<Buffer> {
  const pdf = await renderer.renderPdf(renderDocumentHtml(doc).html);
  expect(renderer.stats().networkResponses).toBe(0);
  expect(renderer.stats().blockedRequests).toBe(0);
  return pdf;
}

/** pdftotext output with runs of spaces folded, so assertions do not depend on column layout. */
const squeeze = (text: string) => text.replace(/[ \u00a0]+/g, ' ');

describe('invoice PDF (real Chromium, read back with pdftotext)', () => {
  it('contains the number, the parties, every line and the formatted totals', async () => {
    const doc = sampleInvoice();
    const text = squeeze(await pdfText(await renderInvoice(doc)));
    // The fixture is de-DE: German labels, German number formats.
    expect(text).toContain('Nummer INV-2026-000123');
    expect(text).toContain('Erika Mustermann');
    expect(text).toContain('USt-IdNr.: DE129273398');
    for (const line of doc.lines) expect(text).toContain(line.description);
    expect(text).toMatch(/Summe netto 110,77 €/);
    expect(text).toMatch(/Gesamtbetrag 122,92 €/);
    expect(text).toContain('Single-purpose voucher: outside the scope of VAT');
    expect(text).toContain('Seite 1 von 1');
  });

  it('prints hostile customer data as inert text', async () => {
    const doc = sampleInvoice({ buyerName: '<script>alert(1)</script>' });
    doc.buyer.address = { ...doc.buyer.address, companyName: '<img src="http://example.com/x.png">' };
    doc.lines[0] = { ...doc.lines[0]!, description: '{{ 7*7 }}' };
    const text = await pdfText(await renderInvoice(doc));
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('<img src="http://example.com/x.png">');
    expect(text).toContain('{{ 7*7 }}');
    expect(text).not.toMatch(/(^|\s)49(\s|$)/);
  });

  it('prints Japanese, Arabic and Hebrew names with real glyphs, not boxes', async () => {
    // pdftotext returns CJK text even when it was drawn as empty boxes: the embedded fonts are the proof.
    const pdf = await renderInvoice(sampleInvoice({ buyerName: '山田太郎 / محمد أحمد / דוד כהן' }));
    expect(await pdfText(pdf)).toContain('山田太郎');
    const fonts = await pdfFonts(pdf);
    expect(fonts.some((font) => font.startsWith('NotoSansJP'))).toBe(true);
    expect(fonts.some((font) => font.startsWith('NotoSansArabic'))).toBe(true);
    expect(fonts.some((font) => font.startsWith('NotoSansHebrew'))).toBe(true);
  });

  it('keeps bidi override characters from reversing the text next to them', async () => {
    const doc = sampleInvoice();
    // U+202E RIGHT-TO-LEFT OVERRIDE, unterminated: without isolation the city after it prints as "nlöK".
    doc.buyer.address = { ...doc.buyer.address, postcode: '51147\u202e' };
    const text = await pdfText(await renderInvoice(doc));
    expect(text).toContain('Köln');
    expect(text).not.toContain('nlöK');
  });

  it('wraps a 10,000-character name across pages without losing a character', async () => {
    const name = '0123456789'.repeat(1_000);
    const pdf = await renderInvoice(sampleInvoice({ buyerName: name }));
    const { pages } = await pdfInfo(pdf);
    const text = await pdfText(pdf, { layout: false });
    const flattened = text.replace(/\s/g, '').replace(/Seite\d+von\d+/g, '').replaceAll('RechnungINV-2026-000123', '');
    expect(pages).toBeGreaterThan(1);
    expect(flattened).toContain(name);
    expect(text).toContain('Gesamtbetrag');
    expect(text).toContain('122,92 €');
  });

  it('spreads 300 lines over several pages with the column headings and "Page N of M" on each', async () => {
    const pdf = await renderInvoice(sampleInvoice({ lineCount: 300 }));
    const pages = (await pdfPages(pdf)).map(squeeze);
    expect(pages.length).toBe((await pdfInfo(pdf)).pages);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    pages.forEach((page, index) => {
      expect(page).toContain(`Seite ${index + 1} von ${pages.length}`);
      expect(page).toContain('Rechnung INV-2026-000123');
      // Every page that carries invoice lines starts them under the repeated heading row.
      if (/Line item \d+/.test(page)) expect(page).toMatch(/Beschreibung Menge Einzelpreis USt-Satz Nettobetrag/);
    });
    expect(pages.filter((page) => /Line item \d+/.test(page)).length).toBeGreaterThanOrEqual(pages.length - 1);
    expect(pages.join('\n')).toContain('Line item 300');
  });
});
