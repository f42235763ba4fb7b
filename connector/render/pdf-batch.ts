import { inflateSync } from 'node:zlib';
import { readIndirect, readValue, xrefOffsets, type IndirectObject, type PdfValue } from './pdf-tokens.ts';

/**
 * A batch PDF as Chromium printed it, read from its bytes: its objects (through the one cross-reference
 * table of an uncompressed PDF), its pages in order, and the named destinations that mark where each
 * document starts. pdf-lib's object model made parsing and re-writing a batch cost more than printing it
 * (npm run bench); this reads only what splitting needs, and the split copies objects as text.
 */

export class PdfSplitError extends Error {
  override name = 'PdfSplitError';
}

/** Page attributes a page may inherit from its ancestors in the page tree (ISO 32000-1, 7.7.3.4). */
const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;

export interface BatchPdf {
  /** The PDF as latin1 text: one character per byte, so offsets agree. */
  text: string;
  /** "%PDF-1.x" and the binary comment line, as Chromium wrote them. */
  header: string;
  /** The object `num`, read once. Throws for a number that is not in the cross-reference table. */
  object(num: number): IndirectObject;
  /** A value, looked up through its reference if it is one. */
  resolve(value: PdfValue | undefined): PdfValue | undefined;
  /** The catalog's entries. */
  catalog: Map<string, PdfValue>;
  /** Page object numbers, in page order. */
  pages: number[];
  /** Entries each page inherits from the page tree and does not set itself. */
  inherited: Map<number, Map<string, PdfValue>>;
  /** The document information's /Creator and /Producer as written, e.g. "(Chromium)". */
  creator: string;
  producer: string;
}

export const dictOf = (value: PdfValue | undefined) => (value?.kind === 'dict' ? value.entries : undefined);
export const refOf = (value: PdfValue | undefined) => (value?.kind === 'ref' ? value.num : undefined);
export const nameOf = (value: PdfValue | undefined) => (value?.kind === 'name' ? value.value : undefined);

export function readBatchPdf(pdf: Uint8Array): BatchPdf {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const header = /^%PDF-\d\.\d\r?\n(?:%[^\r\n]*\r?\n)?/.exec(text)?.[0];
  if (!header) throw new PdfSplitError('Not a PDF: no %PDF- header');
  const offsets = xrefOffsets(text);
  const objects = new Map<number, IndirectObject>();
  const object = (num: number): IndirectObject => {
    let found = objects.get(num);
    if (!found) {
      const offset = offsets.get(num);
      if (offset === undefined) throw new PdfSplitError(`The PDF refers to a missing object ${num}`);
      found = readIndirect(text, offset);
      if (found.num !== num) throw new PdfSplitError(`The cross-reference table points object ${num} at object ${found.num}`);
      objects.set(num, found);
    }
    return found;
  };
  const resolve = (value: PdfValue | undefined) => (value?.kind === 'ref' ? object(value.num).value : value);

  const trailer = dictOf(readValue(text, text.lastIndexOf('trailer') + 'trailer'.length));
  const catalog = dictOf(resolve(trailer?.get('Root')));
  if (!catalog) throw new PdfSplitError('The PDF has no catalog');
  const info = dictOf(resolve(trailer?.get('Info')));
  const written = (key: string, fallback: string) => {
    const value = info?.get(key);
    return value?.kind === 'string' || value?.kind === 'hex' ? text.slice(value.start, value.end) : fallback;
  };

  const pages: number[] = [];
  const inherited = new Map<number, Map<string, PdfValue>>();
  const walk = (num: number | undefined, fromAbove: Map<string, PdfValue>, depth: number) => {
    if (num === undefined || depth > 32) throw new PdfSplitError('The page tree is broken');
    const node = dictOf(object(num).value);
    const type = nameOf(node?.get('Type'));
    if (!node || (type !== 'Pages' && type !== 'Page')) throw new PdfSplitError(`Object ${num} in the page tree is not a page`);
    if (type === 'Page') {
      pages.push(num);
      inherited.set(num, new Map([...fromAbove].filter(([key]) => !node.has(key))));
      return;
    }
    const here = new Map(fromAbove);
    for (const key of INHERITABLE) {
      const value = node.get(key);
      if (value) here.set(key, value);
    }
    const kids = resolve(node.get('Kids'));
    if (kids?.kind !== 'array') throw new PdfSplitError(`Page tree node ${num} has no /Kids`);
    for (const kid of kids.items) walk(refOf(kid), here, depth + 1);
  };
  walk(refOf(catalog.get('Pages')), new Map(), 0);

  return { text, header, object, resolve, catalog, pages, inherited, creator: written('Creator', '(Chromium)'), producer: written('Producer', '(Skia/PDF)') };
}

/** 0-based page index where each named destination (the catalog's /Dests) points, or undefined for a name that is missing. */
export function destinationPages(batch: BatchPdf, names: readonly string[]): Array<number | undefined> {
  const dests = dictOf(batch.resolve(batch.catalog.get('Dests')));
  const pageIndex = new Map(batch.pages.map((num, index) => [num, index]));
  return names.map((name) => {
    const target = batch.resolve(dests?.get(name));
    const page = refOf(target?.kind === 'array' ? target.items[0] : undefined);
    return page === undefined ? undefined : pageIndex.get(page);
  });
}

/** The text of a page's content (its streams, decoded and joined). Chromium compresses them with Flate. */
export function pageContent(batch: BatchPdf, page: number): string {
  const contents = dictOf(batch.object(page).value)?.get('Contents');
  const parts = contents?.kind === 'array' ? contents.items : contents ? [contents] : [];
  return parts
    .map((part) => {
      const found = part.kind === 'ref' ? batch.object(part.num) : undefined;
      if (!found?.stream) throw new PdfSplitError(`Page ${page} has content that is not a stream`);
      const data = Buffer.from(batch.text.slice(found.stream.start, found.stream.end), 'latin1');
      const filter = dictOf(found.value)?.get('Filter');
      if (filter === undefined) return data.toString('latin1');
      if (nameOf(filter) !== 'FlateDecode') throw new PdfSplitError(`Page ${page} has a content stream this reader cannot decode`);
      return inflateSync(data).toString('latin1');
    })
    .join('\n');
}
