import { afterAll, describe, expect, it } from 'vitest';
import { createChromiumRenderer } from '../../connector/render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { LANGUAGES, translator, type Language } from '../../connector/render/locales.ts';
import { DOCUMENT_TYPES, sample, sampleTheme } from './helpers/samples.ts';
import { pdfFontTable, pdfInfo, pdfText } from './helpers/pdf-text.ts';

// One renderer for all 88 documents: they print in batches, as in production.
const renderer = createChromiumRenderer();
afterAll(() => renderer.close());

/** The font that must carry each script's glyphs (system Noto for Arabic/Hebrew, inlined Noto for CJK). */
const SCRIPT_FONT: Partial<Record<Language, RegExp>> = {
  ar: /^NotoSansArabic/,
  he: /^NotoSansHebrew/,
  ja: /^NotoSansJP/,
  zh: /^NotoSansSC/,
};
// Bidi controls and whitespace out, lower case: what is left is the letters in reading order.
const squeeze = (text: string) => text.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, '').toLowerCase();

describe('every document type in every language (real Chromium, pdffonts, pdftotext)', () => {
  it.each(DOCUMENT_TYPES)('%s prints in all 11 languages with embedded fonts for every script', async (type) => {
    const theme = sampleTheme();
    const rendered = LANGUAGES.map((language) => renderDocumentHtml(sample(type), { locale: language, theme }).html);
    const pdfs = await Promise.all(rendered.map((html) => renderer.renderPdf(html)));
    for (const [index, language] of LANGUAGES.entries()) {
      const pdf = pdfs[index] as Buffer;
      const fonts = await pdfFontTable(pdf);
      // Every font is embedded: nothing is left to the reader's machine to substitute.
      expect(fonts.length, language).toBeGreaterThan(0);
      expect(fonts.filter((font) => !font.embedded), language).toEqual([]);
      const scriptFont = SCRIPT_FONT[language];
      if (scriptFont) expect(fonts.some((font) => scriptFont.test(font.name)), `${language}: ${fonts.map((f) => f.name)}`).toBe(true);
      // Words come back in the right script (glyphs themselves are proven by rasterising, glyphs.test.ts).
      const text = squeeze(await pdfText(pdf, { layout: false }));
      const t = translator(language);
      const rtl = language === 'ar' || language === 'he';
      // Right-to-left labels come back from pdftotext in visual order and with ligatures (لإ) as
      // presentation forms, so they are proven by fonts and pixels (rtl-and-glyphs.test.ts) instead.
      if (!rtl) expect(text, language).toContain(squeeze(t('meta.issueDate')));
      else expect(text, language).toContain('hd-000123');
      // Every document restarts its own numbering, batched or not.
      if (!rtl) expect(text, language).toMatch(new RegExp(squeeze(t('page.counter')).replace('{page}', '1').replace('{pages}', '\\d+').replace(/[/]/g, '\\/')));
      expect((await pdfInfo(pdf)).pageSize).toContain('(A4)');
    }
    expect(renderer.stats().networkResponses).toBe(0);
  });

  it('prints en-US on Letter with no option passed: the layout asks for it in CSS', async () => {
    const pdf = await renderer.renderPdf(renderDocumentHtml(sample('invoice'), { locale: 'en-US' }).html);
    expect((await pdfInfo(pdf)).pageSize).toContain('(letter)');
  });
});
