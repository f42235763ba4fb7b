import { describe, expect, it } from 'vitest';
import { themeCssVariables, themeSchema } from '../../connector/render/theme.ts';

const PIXEL_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const base = { brandName: 'Maison Folio', primaryColor: '#1f3a5f' };

describe('themeSchema', () => {
  it('accepts a brand with an inline logo, font list and texts', () => {
    const theme = { ...base, logoDataUrl: PIXEL_PNG, fontFamily: 'Noto Serif, DejaVu Serif', legalFooter: 'RCS Paris 123', terms: 'Net 30' };
    expect(themeSchema.parse(theme)).toEqual(theme);
  });

  it.each([
    ['http://example.com/x.png'],
    ['https://cdn.example.com/logo.png'],
    ['//example.com/logo.png'],
    ['javascript:alert(1)'],
    ['data:text/html;base64,PHNjcmlwdD4='],
    ['data:image/png;base64,AAAA" onerror="alert(1)'],
  ])('rejects the logo %s: only inline data:image URLs', (logoDataUrl) => {
    expect(themeSchema.safeParse({ ...base, logoDataUrl }).success).toBe(false);
  });

  it.each([['red'], ['#fff'], ['#12345g'], ['#123456; background:url(http://x)']])('rejects the colour %s', (primaryColor) => {
    expect(themeSchema.safeParse({ ...base, primaryColor }).success).toBe(false);
  });

  it.each([['Arial; } body { display:none'], ['"Quoted"'], ['url(http://x)']])('rejects the font list %s', (fontFamily) => {
    expect(themeSchema.safeParse({ ...base, fontFamily }).success).toBe(false);
  });
});

describe('themeCssVariables', () => {
  it('exposes the colour and puts the brand font before the system fallbacks, after the inlined CJK fonts', () => {
    // The CJK families are declared for CJK characters only (cjk-fonts.ts), so the brand font still draws
    // everything else and is the primary font; reached by fallback instead, short CJK runs printed as boxes.
    expect(themeCssVariables({ ...base, fontFamily: 'Noto Serif' })).toEqual([
      { name: '--brand-primary', value: '#1f3a5f' },
      { name: '--brand-accent', value: '#1f3a5f' },
      {
        name: '--brand-font',
        value: 'Folio Noto Sans JP, Folio Noto Sans SC, Noto Serif, Noto Sans, Noto Sans Arabic, Noto Sans Hebrew, DejaVu Sans, sans-serif',
      },
    ]);
  });

  it('uses the accent colour when given and puts Chinese glyph shapes first for Chinese documents', () => {
    const variables = themeCssVariables({ ...base, accentColor: '#b08d57' }, true);
    expect(variables).toContainEqual({ name: '--brand-accent', value: '#b08d57' });
    expect(variables.find((v) => v.name === '--brand-font')?.value).toMatch(/^Folio Noto Sans SC, Folio Noto Sans JP, Noto Sans,/);
  });
});
