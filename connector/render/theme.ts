import { z } from 'zod';
import { deepFreeze } from '../core/deep-freeze.ts';
import { CHINESE, JAPANESE } from './cjk-fonts.ts';

/**
 * A retailer's look: colours, logo, font and fixed texts. Every value ends up inside CSS or HTML, so
 * each is validated to a shape that cannot escape its slot, and nothing may point at the network:
 * the logo must be an inline data: URL (the renderer blocks all requests anyway; this fails earlier and louder).
 */
const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour');

// Only raster/vector image types Chromium shows in <img>; base64 keeps the URL free of quotes and spaces.
const imageDataUrl = z
  .string()
  .max(2_000_000)
  .regex(/^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/, 'must be a base64 data:image URL');

// Family names are emitted unquoted into CSS, so only letters, digits, spaces and hyphens pass.
const fontFamilyList = z
  .string()
  .max(200)
  .regex(/^[A-Za-z][A-Za-z0-9 -]*(, *[A-Za-z][A-Za-z0-9 -]*)*$/, 'must be font family names separated by commas');

export const themeSchema = z.object({
  brandName: z.string().min(1).max(200),
  primaryColor: hexColour,
  logoDataUrl: imageDataUrl.optional(),
  fontFamily: fontFamilyList.optional(),
  /** Second brand colour: table rules and headings of secondary sections. */
  accentColor: hexColour.optional(),
  /** The retailer's postal address under the brand name, one line per line break. */
  address: z.string().max(1_000).optional(),
  legalFooter: z.string().max(2_000).optional(),
  terms: z.string().max(10_000).optional(),
  /** Paper for every document of this retailer; otherwise Letter for en-US/en-CA, A4 elsewhere. */
  paper: z.enum(['A4', 'Letter']).optional(),
  /** false: no QR code and short link to the order page on this retailer's documents (FOLIO_PORTAL_ORDER_LINKS). */
  orderLink: z.boolean().optional(),
});
export type Theme = z.infer<typeof themeSchema>;

export const defaultTheme: Theme = deepFreeze({ brandName: 'Folio', primaryColor: '#1f3a5f' });

/**
 * The font stack, tried per character. First the CJK fonts inlined into documents with CJK text
 * (cjk-fonts.ts; Chinese documents prefer the SC glyph shapes): their faces cover CJK characters only,
 * and nothing else on these machines draws CJK, so they come first; reached by fallback from a system
 * font, Chromium printed short CJK runs as .notdef boxes (see cjk-fonts.ts). In documents without CJK
 * text they are not declared and are skipped. Then the brand font, which is the primary font (metrics,
 * Latin text); then Noto (system) for Latin, Greek, Cyrillic, Arabic, Hebrew; DejaVu is always present
 * (and has the digits the Hebrew font lacks).
 */
const systemFonts = 'Noto Sans, Noto Sans Arabic, Noto Sans Hebrew, DejaVu Sans, sans-serif';
const cjkFonts = `${JAPANESE.family}, ${CHINESE.family}`;
const chineseCjkFonts = `${CHINESE.family}, ${JAPANESE.family}`;

export interface CssVariable {
  name: `--${string}`;
  value: string;
}

/**
 * The theme as CSS custom properties, set on the document's wrapper element (not :root, so documents
 * printed together in one batch keep their own brands). Values are already validated above.
 */
export function themeCssVariables(theme: Theme, preferChinese = false): CssVariable[] {
  const cjk = preferChinese ? chineseCjkFonts : cjkFonts;
  const fonts = theme.fontFamily ? `${cjk}, ${theme.fontFamily}, ${systemFonts}` : `${cjk}, ${systemFonts}`;
  return [
    { name: '--brand-primary', value: theme.primaryColor },
    { name: '--brand-accent', value: theme.accentColor ?? theme.primaryColor },
    { name: '--brand-font', value: fonts },
  ];
}
