import { describe, expect, it } from 'vitest';
import { cjkFontFaces, withCjkFonts } from '../../connector/render/cjk-fonts.ts';

const faces = (css: string) => css.match(/@font-face/g)?.length ?? 0;

describe('cjkFontFaces', () => {
  it('adds nothing to a document without CJK characters', () => {
    expect(cjkFontFaces('Erika Mustermann, Köln — محمد — דוד — Ελένη')).toBe('');
  });

  it('inlines only the Noto Sans JP subsets the text needs, regular and bold, as data: URLs', () => {
    const css = cjkFontFaces('山田太郎 様');
    expect(css).toContain('font-family: "Folio Noto Sans JP"');
    expect(css).toMatch(/font-weight: 400;.*src: url\(data:font\/woff2;base64,[A-Za-z0-9+/]+=*\) format\("woff2"\); unicode-range: U\+/);
    expect(css).toContain('font-weight: 700;');
    expect(css).not.toMatch(/url\((?!data:)/);
    // Five characters need a handful of the ~120 subsets, not the whole 1 MB font.
    expect(faces(css)).toBeGreaterThanOrEqual(2);
    expect(faces(css)).toBeLessThanOrEqual(10);
  });

  it('declares each face for CJK characters only, though the numbered subsets also claim ASCII and Latin-1', () => {
    // 年 and 月 sit in subsets whose unicode-range also lists U+20-22, a-z, digits… First in the font
    // stack, such a face would draw the Latin text and become the primary font (line metrics).
    for (const css of [cjkFontFaces('2026年11月23日', true), cjkFontFaces('2026年11月23日 ページ')]) {
      const ranges = [...css.matchAll(/unicode-range: ([^;]+);/g)].flatMap((match) => (match[1] ?? '').split(', '));
      expect(ranges.length).toBeGreaterThan(0);
      for (const range of ranges) {
        const [from = 0, to = from] = range.replace('U+', '').split('-').map((hex) => parseInt(hex, 16));
        expect(from, range).toBeGreaterThanOrEqual(0x2e80);
        expect(to, range).toBeGreaterThanOrEqual(from);
      }
    }
  });
});

describe('withCjkFonts', () => {
  it('puts the fonts at the end of the head and leaves other documents untouched', () => {
    const html = '<html><head><title>x</title></head><body>注文</body></html>';
    expect(withCjkFonts(html)).toMatch(/^<html><head><title>x<\/title><style data-folio-fonts>\n@font-face[^]*<\/style>\n<\/head><body>注文<\/body><\/html>$/);
    const latin = '<html><head></head><body>Order</body></html>';
    expect(withCjkFonts(latin)).toBe(latin);
  });

  it('prefers Noto Sans SC for Chinese documents and falls back to JP only for what SC lacks', () => {
    const chinese = cjkFontFaces('发票 价税合计', true);
    expect(chinese).toContain('font-family: "Folio Noto Sans SC"');
    expect(chinese).not.toContain('font-family: "Folio Noto Sans JP"');
    expect(cjkFontFaces('発票', false)).toContain('font-family: "Folio Noto Sans JP"');
  });

  it('also covers text that only appears CSS-escaped (the page-counter label in a margin box)', () => {
    const html = '<html><head></head><body>Order</body></html>';
    expect(withCjkFonts(html, false, '{page} / {pages} ページ')).toContain('@font-face');
  });
});
