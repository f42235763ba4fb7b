import { afterAll, describe, expect, it } from 'vitest';
import { createChromiumRenderer } from '../../connector/render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { sampleInvoice } from './fixtures/sample-invoice.ts';
import { pdfPages } from './helpers/pdf-text.ts';

const renderer = createChromiumRenderer();
afterAll(() => renderer.close());
const squeeze = (text: string) => text.replace(/[ \u00a0]+/g, ' ');

describe('a 300-line invoice (multi-page rules)', () => {
  it('repeats the heading, never splits a row, never orphans the totals, numbers "Page X of Y"', async () => {
    const pdf = await renderer.renderPdf(renderDocumentHtml(sampleInvoice({ lineCount: 300 }), { locale: 'en-GB' }).html);
    const pages = (await pdfPages(pdf)).map(squeeze);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const heading = /Description Quantity Unit price VAT rate Net amount/;
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      if (/Line item \d+/.test(page)) expect(page).toMatch(heading);
    });
    // A row never splits: each line's description and its SKU (the row's second line) share a page.
    for (let n = 1; n <= 300; n += 1) {
      const where = pages.findIndex((page) => new RegExp(`Line item ${n}\\b`).test(page));
      expect(where, `line ${n}`).toBeGreaterThanOrEqual(0);
      expect(pages[where], `line ${n}`).toContain(`SKU-${String(n).padStart(4, '0')}`);
    }
    // The totals are never alone: their page carries the repeated heading (and lines, when they fit).
    const totalsPage = pages.find((page) => page.includes('Total net')) ?? '';
    expect(totalsPage).toMatch(heading);
    expect(totalsPage.indexOf('Total net')).toBeGreaterThan(totalsPage.search(heading));
  });
});
