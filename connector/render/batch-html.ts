/**
 * Several documents from the shared layout (templates/layouts/base.njk) as one HTML page, so Chromium
 * prints them in one page.pdf call. The layout's contract, which this module relies on:
 * - <head> holds a document-independent part (with the unnamed @page: paper and margins), one
 *   <style data-folio-page> with rules for the named page "folio-doc" (its page counter written
 *   counter(page), its total counter(pages)), and at most one <style data-folio-fonts> of @font-face
 *   rules, one per line;
 * - <html> carries the document's lang (the tagged PDF's language), and <body> holds one
 *   <div class="folio-doc"> that carries the document's lang, dir and theme variables.
 * HTML that does not follow it is not batchable and is printed on its own.
 *
 * In the batch each document gets its own named page "folio-doc-<i>" (a change of named page starts a
 * new sheet), its own page counter incremented in that page's context (so numbering restarts at 1
 * for every document), and its total page count written as a literal: CSS has no per-document
 * counter(pages), so the count is estimated before printing and checked after (batching-renderer.ts).
 */

const DOCUMENT = /^\s*<!doctype html>\s*<html([^>]*)>\s*<head>([\s\S]*?)<\/head>\s*<body>([\s\S]*)<\/body>\s*<\/html>\s*$/i;
const LANG = /\slang="([A-Za-z0-9-]+)"/;
const TITLE = /<title>([\s\S]*?)<\/title>/;
const PAGE_STYLE = /<style data-folio-page>([\s\S]*?)<\/style>/;
const FONT_STYLE = /<style data-folio-fonts>([\s\S]*?)<\/style>/;
const WRAPPER = '<div class="folio-doc"';
const PAGE_RULE = '@page folio-doc {';
const PAPER = /@page\s*\{\s*size:\s*(A4|Letter)\s*;/i;
const MARGINS = /@page\s*\{[^}]*\bmargin:\s*([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm/;
const PAPER_MM = { a4: [210, 297], letter: [215.9, 279.4] } as const;
const PX_PER_MM = 96 / 25.4;

export interface BatchableDocument {
  /** The document-independent part of <head>: documents print together only when this is identical. */
  sharedHead: string;
  pageCss: string;
  fontRules: string[];
  body: string;
  /** From <title>, HTML-escaped as the layout wrote it; used as the split PDF's title. */
  title: string;
  /** From <html lang>: the split PDF's language (the batch page itself has none of its own). */
  lang: string;
  /** Printable area in CSS px, for estimating page counts; undefined when the CSS does not say. */
  contentBox?: { width: number; height: number };
}

const unescapeHtml = (text: string) =>
  text.replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '');

function contentBoxOf(sharedHead: string): BatchableDocument['contentBox'] {
  const paper = PAPER.exec(sharedHead)?.[1]?.toLowerCase() as keyof typeof PAPER_MM | undefined;
  const margins = MARGINS.exec(sharedHead)?.slice(1).map(Number);
  if (!paper || !margins) return undefined;
  const [top = 0, right = 0, bottom = 0, left = 0] = margins;
  const [width, height] = PAPER_MM[paper];
  return { width: (width - left - right) * PX_PER_MM, height: (height - top - bottom) * PX_PER_MM };
}

/** The parts of one rendered document, or undefined when the HTML does not follow the layout's contract. */
export function parseBatchable(html: string): BatchableDocument | undefined {
  const match = DOCUMENT.exec(html);
  if (!match) return undefined;
  const [, htmlAttributes = '', head = '', body = ''] = match;
  const lang = LANG.exec(htmlAttributes)?.[1];
  const page = PAGE_STYLE.exec(head);
  if (!lang || !page || !body.trimStart().startsWith(WRAPPER)) return undefined;
  const pageCss = page[1] ?? '';
  if (pageCss.split(PAGE_RULE).length !== 2) return undefined;
  const fonts = FONT_STYLE.exec(head);
  const title = TITLE.exec(head);
  // Blank lines left where the per-document parts were taken out must not make heads differ.
  const sharedHead = head.replace(PAGE_STYLE, '').replace(FONT_STYLE, '').replace(TITLE, '').replace(/\n\s*\n/g, '\n').trim();
  return {
    sharedHead,
    pageCss,
    fontRules: fonts?.[1]?.split('\n').filter((rule) => rule.startsWith('@font-face')) ?? [],
    body,
    title: unescapeHtml(title?.[1] ?? ''),
    lang,
    contentBox: contentBoxOf(sharedHead),
  };
}

export const documentAnchor = (index: number) => `folio-doc-${index}`;

/** Document i's page rules under its own named page and counter, with its page count as a literal. */
export function documentPageCss(doc: BatchableDocument, index: number, pageCount: number | undefined): string {
  const name = documentAnchor(index);
  return doc.pageCss
    .replace(PAGE_RULE, `@page ${name} {\n  counter-increment: ${name}-page;`)
    .replaceAll('counter(page)', `counter(${name}-page)`)
    .replaceAll('counter(pages)', pageCount === undefined ? '"?"' : `"${pageCount}"`);
}

export function batchPageCss(docs: readonly BatchableDocument[], pageCounts: ReadonlyArray<number | undefined>): string {
  return docs.map((doc, index) => documentPageCss(doc, index, pageCounts[index])).join('\n');
}

/** The id of the <style> holding every document's page rules, rewritten once page counts are known. */
export const PAGE_STYLE_ID = 'folio-batch-pages';

/**
 * One HTML page with every document, each starting on a new sheet. Each wrapper gets an id and a
 * zero-height link to itself: Chromium writes a named destination into the PDF for every linked
 * target, which is how the printed PDF tells on which page each document starts. The empty link
 * draws nothing and adds no annotation.
 */
export function composeBatch(docs: readonly BatchableDocument[], pageCounts: ReadonlyArray<number | undefined>): string {
  const fontRules = [...new Set(docs.flatMap((doc) => doc.fontRules))];
  const placement = docs
    .map((_, index) => `#${documentAnchor(index)} { page: ${documentAnchor(index)}; }`)
    .join('\n');
  const bodies = docs.map((doc, index) => {
    const id = documentAnchor(index);
    const opened = doc.body.replace(WRAPPER, `<div id="${id}" class="folio-doc"`);
    const tagEnd = opened.indexOf('>', opened.indexOf(`id="${id}"`)) + 1;
    return `${opened.slice(0, tagEnd)}<a class="folio-mark" href="#${id}"></a>${opened.slice(tagEnd)}`;
  });
  return [
    '<!doctype html>\n<html>\n<head>',
    docs[0]?.sharedHead ?? '',
    fontRules.length > 0 ? `<style data-folio-fonts>\n${fontRules.join('\n')}\n</style>` : '',
    `<style>\n.folio-mark { display: block; height: 0; overflow: hidden; }\n${placement}\n</style>`,
    `<style id="${PAGE_STYLE_ID}">\n${batchPageCss(docs, pageCounts)}\n</style>`,
    '</head>\n<body>',
    ...bodies,
    '</body>\n</html>\n',
  ].join('\n');
}

/**
 * Page count from a document's laid-out height (print media, viewport as wide as the printable area).
 * A table that spans pages loses some height per page to its repeated heading and to rows moved whole
 * to the next page, so beyond one page the usable height is taken as a little less than the page's.
 */
export function estimatePageCount(heightPx: number, contentHeightPx: number): number {
  if (heightPx <= contentHeightPx) return 1;
  return Math.max(2, Math.ceil(heightPx / (contentHeightPx * 0.95)));
}
