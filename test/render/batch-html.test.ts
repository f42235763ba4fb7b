import { describe, expect, it } from 'vitest';
import { parseBatchable } from '../../connector/render/batch-html.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { sample } from './helpers/samples.ts';

const MM = 96 / 25.4;

describe('the layout’s page rules, as the batching renderer reads them', () => {
  it('gives paper and margins to every page in the unnamed @page, and the printable area from them', () => {
    const a4 = parseBatchable(renderDocumentHtml(sample('invoice'), { locale: 'en-GB' }).html)!;
    expect(a4.sharedHead).toMatch(/@page \{ size: A4; margin: 16mm 14mm 18mm 14mm; \}/);
    expect(a4.contentBox!.width).toBeCloseTo((210 - 28) * MM, 6);
    expect(a4.contentBox!.height).toBeCloseTo((297 - 34) * MM, 6);

    const letter = parseBatchable(renderDocumentHtml(sample('invoice'), { locale: 'en-US' }).html)!;
    expect(letter.contentBox!.width).toBeCloseTo((215.9 - 28) * MM, 6);
  });

  it('lets the named page add margin boxes only: a named page with an area of its own makes Chromium lay the print out twice', () => {
    for (const type of ['invoice', 'credit_note', 'shipment_note', 'custom'] as const) {
      for (const locale of ['en-GB', 'ar', 'ja']) {
        const doc = parseBatchable(renderDocumentHtml(sample(type), { locale }).html)!;
        const ownDeclarations = doc.pageCss.replace(/@[a-z-]+\s*\{[^}]*\}/g, '');
        expect(ownDeclarations, `${type} ${locale}`).toContain('@page folio-doc {');
        expect(ownDeclarations, `${type} ${locale}`).not.toMatch(/\b(margin|size|padding)[a-z-]*\s*:/);
        // The margin boxes are still there: the number on every page, and "Page X of Y".
        expect(doc.pageCss, `${type} ${locale}`).toContain('counter(pages)');
      }
    }
  });

  it('has no printable area to estimate from when the shared head gives no margins', () => {
    const html = renderDocumentHtml(sample('invoice'), { locale: 'en-GB' }).html.replace(' margin: 16mm 14mm 18mm 14mm;', '');
    expect(parseBatchable(html)!.contentBox).toBeUndefined();
  });
});
