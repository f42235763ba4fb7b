import { afterAll, describe, expect, it } from 'vitest';
import { createChromiumRenderer } from '../../connector/render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { pdfWords } from './helpers/pdf-text.ts';
import { crop, differingRatio, inkRatio, rasterPage } from './helpers/pdf-raster.ts';
import { sample } from './helpers/samples.ts';

const renderer = createChromiumRenderer({ batch: false });
afterAll(() => renderer.close());

/** The same HTML without its inlined fonts: what a machine without them would print (boxes). */
const withoutInlinedFonts = (html: string) => html.replace(/<style data-folio-fonts>[\s\S]*?<\/style>/, '');
/**
 * The region (fractions of the page) of the <h1> title: below the top margin, from the left margin to
 * the end of the word pdftotext finds in it (it may cut CJK words, e.g. 請 | 求書).
 */
async function titleRegion(pdf: Buffer, title: string) {
  const word = (await pdfWords(pdf)).find((candidate) => candidate.page === 1 && candidate.yMin > 50 && title.includes(candidate.text));
  if (!word) throw new Error(`"${title}" not found below the top margin of page 1`);
  return { left: 30 / word.pageWidth, top: (word.yMin - 2) / word.pageHeight, right: (word.xMax + 2) / word.pageWidth, bottom: (word.yMax + 2) / word.pageHeight };
}

describe('right-to-left documents', () => {
  it('mirrors an Arabic invoice: title and seller on the right, customer left of the seller, page counter bottom-left', async () => {
    const words = await pdfWords(await renderer.renderPdf(renderDocumentHtml(sample('invoice'), { locale: 'ar' }).html));
    // -bbox reports right-to-left words in visual order: letters reversed.
    // Below the top margin: the title also names the document in the page header.
    const find = (text: string) => words.find((word) => word.text === [...text].reverse().join('') && word.yMin > 35);
    const title = find('فاتورة');
    const seller = find('البائع');
    const customer = find('العميل');
    const counter = words.find((word) => word.text === [...'صفحة'].reverse().join('') && word.yMin > word.pageHeight * 0.9);
    expect(title && seller && customer && counter).toBeTruthy();
    expect((title?.xMin ?? 0) / (title?.pageWidth ?? 1)).toBeGreaterThan(0.6);
    expect(seller?.xMin ?? 0).toBeGreaterThan(customer?.xMax ?? Infinity);
    expect((counter?.xMax ?? 1) / (counter?.pageWidth ?? 1)).toBeLessThan(0.4);
  });

  it('keeps an English invoice left-to-right: title on the left', async () => {
    const words = await pdfWords(await renderer.renderPdf(renderDocumentHtml(sample('invoice'), { locale: 'en-GB' }).html));
    const title = words.find((word) => word.text === 'Invoice' && word.yMin > 60);
    expect((title?.xMax ?? 1) / (title?.pageWidth ?? 1)).toBeLessThan(0.4);
  });
});

describe('glyphs, proven on pixels (pdftotext returns CJK text even when it printed boxes)', () => {
  it.each([
    ['ja', '請求書'],
    ['zh', '发票'],
  ])('%s: the title has ink, and differs from the same page printed without the inlined fonts', async (locale, title) => {
    const { html } = renderDocumentHtml(sample('invoice'), { locale });
    const pdf = await renderer.renderPdf(html);
    const page = await rasterPage(pdf);
    expect(inkRatio(crop(page, await titleRegion(pdf, title)))).toBeGreaterThan(0.01);
    // Without the fonts Chromium draws .notdef boxes for every CJK character: the page looks different.
    const boxes = await rasterPage(await renderer.renderPdf(withoutInlinedFonts(html)));
    expect(differingRatio(page.pixels, boxes.pixels)).toBeGreaterThan(0.003);
  });

  it('ar: the Arabic title on the right has ink (Noto Sans Arabic from fonts-noto-core)', async () => {
    const image = await rasterPage(await renderer.renderPdf(renderDocumentHtml(sample('invoice'), { locale: 'ar' }).html));
    expect(inkRatio(crop(image, { left: 0.6, top: 0.08, right: 0.95, bottom: 0.2 }))).toBeGreaterThan(0.01);
  });
});
