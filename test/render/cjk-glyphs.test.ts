import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentType } from '../../connector/core/document-model.ts';
import { createChromiumRenderer } from '../../connector/render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { sampleInvoice } from './fixtures/sample-invoice.ts';
import { pdfGlyphCounts } from './helpers/pdf-glyphs.ts';
import { crop, differingRatio, rasterPage, type GrayImage } from './helpers/pdf-raster.ts';
import { pdfFontTable, pdfWords } from './helpers/pdf-text.ts';
import { sample } from './helpers/samples.ts';

/**
 * CJK text must be drawn with CJK glyphs, never with a .notdef box, in every document and on every
 * path. pdftotext cannot see boxes (Chromium writes the text as ActualText over them), so these tests
 * read the glyph ids the PDF draws and compare rasterised pixels.
 *
 * The regression: printed one at a time, the first short CJK run of each font size/weight (the zh
 * title 发票, 编号, the first date, 销售方…) came out as Noto Sans .notdef boxes, while the same
 * characters printed fine further down the page.
 */
const alone = createChromiumRenderer({ batch: false });
const batching = createChromiumRenderer({ batch: { windowMs: 20 } });
afterAll(() => Promise.all([alone.close(), batching.close()]));

const TYPES: DocumentType[] = ['invoice', 'credit_note', 'debit_note', 'order_confirmation', 'payment_receipt', 'return_confirmation', 'shipment_note', 'custom'];

async function expectRealGlyphs(pdf: Buffer, label: string): Promise<void> {
  const fonts = await pdfFontTable(pdf);
  expect(fonts.filter((font) => !font.embedded), `${label}: fonts not embedded`).toEqual([]);
  const counts = await pdfGlyphCounts(pdf);
  // The parser really read the text (a document draws hundreds of glyphs), and CJK came from the CJK fonts.
  expect(counts.reduce((sum, count) => sum + count.glyphs, 0), label).toBeGreaterThan(100);
  expect(counts.filter((count) => /NotoSans(SC|JP)/.test(count.font)).length, `${label}: CJK fonts drew nothing`).toBeGreaterThan(0);
  const boxes = counts.filter((count) => count.notdef > 0).map(({ font, page, notdef }) => `${notdef} × .notdef in ${font} on page ${page}`);
  expect(boxes, `${label}: .notdef boxes`).toEqual([]);
}

describe('CJK glyphs in documents printed one at a time (the single-document path)', () => {
  it.each(['zh', 'ja'])('%s: every sample document draws each character with a real glyph, no .notdef box', async (locale) => {
    for (const type of TYPES) {
      const pdf = await alone.renderPdf(renderDocumentHtml(sample(type), { locale }).html);
      await expectRealGlyphs(pdf, `${locale} ${type}`);
    }
  });

  // A guard, not the regression: this case printed right before the fix too, but it shares the font stack.
  it('a Latin-script document with short CJK customer data (a two-character name) draws it too', async () => {
    const pdf = await alone.renderPdf(renderDocumentHtml(sampleInvoice({ lineCount: 2, buyerName: '王芳' }), { locale: 'en-GB' }).html);
    await expectRealGlyphs(pdf, 'en-GB invoice for 王芳');
  });

  it('zh invoice, on pixels: title and headings are glyphs, and the lone print matches the batched print', async () => {
    const { html } = renderDocumentHtml(sample('invoice'), { locale: 'zh' });
    const pdf = await alone.renderPdf(html);
    const page = await rasterPage(pdf, 1, 100);
    // What boxes look like: the same document without its inlined fonts, every CJK character a .notdef.
    const boxes = await rasterPage(await alone.renderPdf(html.replace(/<style data-folio-fonts>[\s\S]*?<\/style>/, '')), 1, 100);
    const words = await pdfWords(pdf);
    const at = (text: string) => {
      const word = words.find((candidate) => candidate.text === text && candidate.page === 1);
      if (!word) throw new Error(`"${text}" not found on page 1`);
      return word;
    };
    // Regions anchored on Latin words the defect cannot touch: the title under the brand name, each
    // party heading above the party's name. The no-font print has its boxes in the same spots (the title
    // starts at the page margin, the headings at the column starts): a glyph there differs, a box does not.
    const brand = at('Folio');
    const seller = at('Maison');
    const buyer = at('Amelia');
    const regions = {
      '发票 (title)': { x0: brand.xMin, y0: brand.yMax, x1: brand.xMin + 45, y1: brand.yMax + 30 },
      '销售方 (seller heading)': { x0: seller.xMin, y0: seller.yMin - 16, x1: seller.xMin + 26, y1: seller.yMin - 2 },
      '客户 (customer heading)': { x0: buyer.xMin, y0: buyer.yMin - 16, x1: buyer.xMin + 18, y1: buyer.yMin - 2 },
    };
    for (const [name, { x0, y0, x1, y1 }] of Object.entries(regions)) {
      const region = { left: x0 / brand.pageWidth, top: y0 / brand.pageHeight, right: x1 / brand.pageWidth, bottom: y1 / brand.pageHeight };
      expect(differingRatio(crop(page, region), crop(boxes, region)), `${name} is drawn as boxes`).toBeGreaterThan(0.05);
    }
    // The same document printed second in a batch (after another Chinese one) looks the same.
    const [, batched] = await Promise.all([batching.renderPdf(html), batching.renderPdf(html)]);
    const inBatch = await rasterPage(batched as Buffer, 1, 100);
    expect(sameSize(page, inBatch)).toBe(true);
    expect(differingRatio(page.pixels, inBatch.pixels)).toBeLessThan(0.0005);
  });
});

const sameSize = (a: GrayImage, b: GrayImage) => a.width === b.width && a.height === b.height;
