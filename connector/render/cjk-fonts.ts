import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * CJK glyphs for documents on machines without CJK system fonts (a stock Debian one has none, and
 * Chromium then prints empty boxes). Noto Sans JP and Noto Sans SC from @fontsource come split into
 * ~100 woff2 subsets by unicode-range; only the subsets a document's characters need are inlined as
 * data: URLs (the renderer blocks every request, and a file:// font does not load into a setContent
 * page). A document without CJK text gets nothing. Latin, Greek, Cyrillic, Arabic and Hebrew come from
 * the Noto system fonts (fonts-noto-core, installed by scripts/setup-system.sh).
 *
 * These families come FIRST in every font stack (theme.ts), and each face is declared for CJK
 * characters only, so they never draw anything else. Listed after a system font, they were reached
 * through Chromium's per-character fallback from that font, and that fallback misfires: printing a
 * document on its own, the first short CJK run at each font size and weight (a title 发票, a heading
 * 编号, a date) was drawn with the system font's .notdef box while the same characters printed fine
 * further down (Chromium 156; reproduced with one plain @font-face and `font-family: Noto Sans, W`).
 */
const require = createRequire(import.meta.url);

interface CjkFamily {
  family: string;
  package: string;
  file: string;
}
// Private family names: first in the stack, a system font of the same name (Google's "Noto Sans JP"
// installed on some machine) would otherwise draw the Latin text of documents that inline nothing.
export const JAPANESE: CjkFamily = { family: 'Folio Noto Sans JP', package: '@fontsource/noto-sans-jp', file: 'noto-sans-jp' };
/** Simplified Chinese: the JP font lacks many simplified hanzi, and draws shared ones in Japanese style. */
export const CHINESE: CjkFamily = { family: 'Folio Noto Sans SC', package: '@fontsource/noto-sans-sc', file: 'noto-sans-sc' };
export const CJK_FONT_FAMILY = JAPANESE.family;
/** Regular for text, bold for names and headings (otherwise Chromium fakes bold by smearing). */
const WEIGHTS = [400, 700] as const;

/** Ideographs, kana, CJK punctuation and full-width forms: the characters the system fonts lack. */
const CJK_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x2e80, 0x9fff],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xffef],
  [0x20000, 0x3ffff],
];
const CJK_CHARACTER = new RegExp(`[${CJK_RANGES.map(([from, to]) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`).join('')}]`, 'gu');

interface Subset {
  id: string;
  unicodeRange: string;
  ranges: Array<[number, number]>;
}

function parseRanges(unicodeRange: string): Array<[number, number]> {
  return unicodeRange.split(',').map((part) => {
    const [from = '', to] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from, 16), parseInt(to ?? from, 16)];
  });
}

/** The CJK part of a subset's ranges: the numbered subsets also claim ASCII, Latin-1, arrows, box drawing… */
function cjkOnly(ranges: Array<[number, number]>): Array<[number, number]> {
  return ranges.flatMap(([from, to]) =>
    CJK_RANGES.flatMap(([cjkFrom, cjkTo]): Array<[number, number]> =>
      Math.max(from, cjkFrom) <= Math.min(to, cjkTo) ? [[Math.max(from, cjkFrom), Math.min(to, cjkTo)]] : [],
    ),
  );
}

const formatRanges = (ranges: Array<[number, number]>) =>
  ranges.map(([from, to]) => (from === to ? `U+${from.toString(16)}` : `U+${from.toString(16)}-${to.toString(16)}`)).join(', ');

const subsetTables = new Map<CjkFamily, Subset[]>();
function subsetsOf(font: CjkFamily): Subset[] {
  let subsets = subsetTables.get(font);
  if (!subsets) {
    // Numbered subsets ("[12]") hold the CJK glyphs; the named ones (latin, cyrillic …) the system fonts cover.
    // Each face is declared for its CJK characters only: first in the font stack, a face that claimed
    // "a-z" or the space would draw Latin text and become the primary font (line metrics) instead of Noto Sans.
    const table = require(`${font.package}/unicode.json`) as Record<string, string>;
    subsets = Object.entries(table)
      .filter(([key]) => /^\[\d+\]$/.test(key))
      .map(([key, unicodeRange]) => ({ id: key.slice(1, -1), ranges: cjkOnly(parseRanges(unicodeRange)) }))
      .filter((subset) => subset.ranges.length > 0)
      .map((subset) => ({ ...subset, unicodeRange: formatRanges(subset.ranges) }));
    subsetTables.set(font, subsets);
  }
  return subsets;
}

const encoded = new Map<string, string>();
function woff2DataUrl(font: CjkFamily, subsetId: string, weight: number): string {
  const file = `${font.package}/files/${font.file}-${subsetId}-${weight}-normal.woff2`;
  let url = encoded.get(file);
  if (!url) {
    url = `data:font/woff2;base64,${readFileSync(require.resolve(file)).toString('base64')}`;
    encoded.set(file, url);
  }
  return url;
}

// Rules are built once per (family, subset): a busy renderer reuses the same few dozen strings.
const rules = new Map<string, string>();
function faceRules(font: CjkFamily, subset: Subset): string {
  const key = `${font.file}|${subset.id}`;
  let css = rules.get(key);
  if (!css) {
    css = WEIGHTS.map(
      (weight) =>
        `@font-face { font-family: "${font.family}"; font-style: normal; font-weight: ${weight}; ` +
        `src: url(${woff2DataUrl(font, subset.id, weight)}) format("woff2"); unicode-range: ${subset.unicodeRange}; }`,
    ).join('\n');
    rules.set(key, css);
  }
  return css;
}

const covers = (subset: Subset, point: number) => subset.ranges.some(([from, to]) => point >= from && point <= to);

/**
 * @font-face rules for the CJK subsets `text` needs, or '' when it has no CJK characters. Each character
 * comes from the preferred family (SC for Chinese documents, JP otherwise) and from the other one only
 * when the preferred font lacks it, matching the order of the two families in the font stack (theme.ts).
 */
export function cjkFontFaces(text: string, preferChinese = false): string {
  const codePoints = new Set<number>();
  for (const [char] of text.matchAll(CJK_CHARACTER)) codePoints.add(char.codePointAt(0) as number);
  if (codePoints.size === 0) return '';
  const order = preferChinese ? [CHINESE, JAPANESE] : [JAPANESE, CHINESE];
  const needed = new Map<string, string>();
  for (const point of codePoints) {
    for (const font of order) {
      const subset = subsetsOf(font).find((candidate) => covers(candidate, point));
      if (!subset) continue;
      needed.set(`${font.file}|${subset.id}`, faceRules(font, subset));
      break;
    }
  }
  return [...needed.values()].join('\n');
}

/**
 * Adds the CJK fonts an HTML document needs as a <style data-folio-fonts> at the end of its <head>
 * (the batching renderer merges these blocks across documents, so it must find them by that marker).
 */
export function withCjkFonts(html: string, preferChinese = false, cssOnlyText = ''): string {
  // cssOnlyText: text that appears only CSS-escaped (the page-counter label), invisible to the scan.
  const faces = cjkFontFaces(html + cssOnlyText, preferChinese);
  if (!faces) return html;
  // The first </head> is the layout's own: data in the HTML is escaped and cannot contain one.
  const at = html.indexOf('</head>');
  return at < 0 ? html : `${html.slice(0, at)}<style data-folio-fonts>\n${faces}\n</style>\n${html.slice(at)}`;
}
