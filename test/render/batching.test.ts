import { afterAll, describe, expect, it } from 'vitest';
import { createChromiumRenderer } from '../../connector/render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { sampleInvoice } from './fixtures/sample-invoice.ts';
import { pdfNotdefGlyphs } from './helpers/pdf-glyphs.ts';
import { differingRatio, rasterPage } from './helpers/pdf-raster.ts';
import { pdfFontTable, pdfInfo, pdfPages, pdfText } from './helpers/pdf-text.ts';
import { sample } from './helpers/samples.ts';

// Two renderers on the same HTML: one prints every document alone, the other batches.
const alone = createChromiumRenderer({ batch: false });
const batching = createChromiumRenderer({ batch: { windowMs: 20 } });
afterAll(() => Promise.all([alone.close(), batching.close()]));

describe('batching renderer (several documents per page.pdf call, split back per document)', () => {
  it('gives each document exactly the pages, text per page and "Page X of Y" it has when printed alone', async () => {
    const htmls = [
      renderDocumentHtml(sampleInvoice({ lineCount: 3, buyerName: 'Alpha Buyer' }), { locale: 'en-GB' }).html,
      renderDocumentHtml(sampleInvoice({ lineCount: 120, buyerName: 'Beta Buyer' }), { locale: 'de-DE' }).html,
      renderDocumentHtml(sample('credit_note'), { locale: 'ar' }).html,
      renderDocumentHtml(sample('payment_receipt'), { locale: 'ja' }).html,
      renderDocumentHtml(sampleInvoice({ lineCount: 45, buyerName: 'Gamma Buyer' }), { locale: 'zh' }).html,
      renderDocumentHtml(sample('shipment_note'), { locale: 'he' }).html,
    ];
    const before = batching.stats();
    const batched = await Promise.all(htmls.map((html) => batching.renderPdf(html)));
    const after = batching.stats();
    // They really were printed together.
    expect(after.batches - before.batches).toBeGreaterThanOrEqual(1);
    expect(after.batchedDocuments - before.batchedDocuments + (after.reprinted - before.reprinted)).toBeGreaterThanOrEqual(htmls.length - 1);
    for (const [index, html] of htmls.entries()) {
      const single = await alone.renderPdf(html);
      // The characters on each page, whitespace dropped and sorted: pdftotext orders CJK words by glyph
      // spacing, which can differ between the batch's and the lone print's font subsets (编号 vs 号…编).
      const pageTexts = async (pdf: Buffer) =>
        Promise.all(
          Array.from({ length: (await pdfInfo(pdf)).pages }, async (_, i) =>
            [...(await pdfText(pdf, { page: i + 1, layout: false })).replace(/\s+/g, '')].sort().join(''),
          ),
        );
      const [ownPages, singlePages] = [await pageTexts(batched[index] as Buffer), await pageTexts(single)];
      expect(ownPages.length, `document ${index}`).toBe(singlePages.length);
      expect(ownPages, `document ${index}`).toEqual(singlePages);
      expect((await pdfInfo(batched[index] as Buffer)).pages).toBe(singlePages.length);
      // A split PDF carries the fonts its pages use, all embedded.
      const fonts = await pdfFontTable(batched[index] as Buffer);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.every((font) => font.embedded)).toBe(true);
      // Text cannot show .notdef boxes (pdftotext reads the ActualText over them): glyph ids and pixels can.
      expect(await pdfNotdefGlyphs(batched[index] as Buffer), `document ${index} batched`).toEqual([]);
      expect(await pdfNotdefGlyphs(single), `document ${index} alone`).toEqual([]);
      // Left-to-right documents print pixel-identical (right-to-left lines land a fraction of a pixel apart).
      if (!html.includes('dir="rtl"')) {
        const [ownFirst, singleFirst] = [await rasterPage(batched[index] as Buffer, 1, 100), await rasterPage(single, 1, 100)];
        expect(differingRatio(ownFirst.pixels, singleFirst.pixels), `document ${index} page 1 pixels`).toBeLessThan(0.0005);
      }
    }
    // The multi-page German invoice numbers its own pages from 1.
    const german = (await pdfPages(batched[1] as Buffer)).map((page) => page.replace(/[ \u00a0]+/g, ' '));
    expect(german.length).toBeGreaterThan(2);
    german.forEach((page, i) => expect(page).toContain(`Seite ${i + 1} von ${german.length}`));
    expect(batching.stats().networkResponses).toBe(0);
  });

  it('prints HTML that is not from the shared layout alone, unchanged', async () => {
    const before = batching.stats().rendered;
    const pdf = await batching.renderPdf('<!doctype html><html><head></head><body><p>Plain page</p></body></html>');
    expect((await pdfPages(pdf))[0]).toContain('Plain page');
    expect(batching.stats().rendered).toBe(before + 1);
  });
});
