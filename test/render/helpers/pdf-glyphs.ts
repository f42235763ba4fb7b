import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';

export interface GlyphCount {
  /** BaseFont without the subset prefix, e.g. "NotoSans-Regular". */
  font: string;
  page: number;
  glyphs: number;
  /** Glyph id 0, the font's .notdef: what a reader sees as an empty box ("tofu"). */
  notdef: number;
}

const streamText = (stream: PDFObject | undefined) =>
  stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') : '';

/**
 * Glyphs drawn per font and page, read from the content streams (and the form XObjects they paint).
 * Chromium embeds fonts as Type0/Identity-H, so every shown string is a run of 2-byte glyph ids and a
 * .notdef box is glyph 0. pdftotext cannot tell: it reads the ActualText Chromium writes for the box.
 */
export async function pdfGlyphCounts(pdf: Buffer): Promise<GlyphCount[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const { context } = doc;
  const lookup = (object: PDFObject | undefined) => (object instanceof PDFRef ? context.lookup(object) : object);
  const counts = new Map<string, GlyphCount>();

  function paint(content: string, resources: PDFDict | undefined, page: number, seen: Set<PDFObject>): void {
    const fonts = lookup(resources?.get(PDFName.of('Font'))) as PDFDict | undefined;
    const xobjects = lookup(resources?.get(PDFName.of('XObject'))) as PDFDict | undefined;
    let twoByte = false;
    let fontName = '';
    // Tokens: font selections, hex strings, TJ arrays' hex strings, XObject paints.
    for (const match of content.matchAll(/\/([^\s/<>[\]()]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>|\/([^\s/<>[\]()]+)\s+Do/g)) {
      if (match[1] !== undefined) {
        const font = lookup(fonts?.get(PDFName.of(match[1]))) as PDFDict | undefined;
        twoByte = lookup(font?.get(PDFName.of('Subtype')))?.toString() === '/Type0';
        fontName = (lookup(font?.get(PDFName.of('BaseFont')))?.toString() ?? '?').replace(/^\/([A-Z]{6}\+)?/, '');
      } else if (match[2] !== undefined) {
        if (!twoByte) continue;
        const ids = match[2].replace(/\s+/g, '').match(/.{4}/g) ?? [];
        const key = `${page}|${fontName}`;
        const count = counts.get(key) ?? { font: fontName, page, glyphs: 0, notdef: 0 };
        count.glyphs += ids.length;
        count.notdef += ids.filter((id) => id === '0000').length;
        counts.set(key, count);
      } else if (match[3] !== undefined) {
        const form = lookup(xobjects?.get(PDFName.of(match[3])));
        if (!(form instanceof PDFRawStream) || seen.has(form)) continue;
        if (lookup(form.dict.get(PDFName.of('Subtype')))?.toString() !== '/Form') continue;
        seen.add(form);
        const own = lookup(form.dict.get(PDFName.of('Resources'))) as PDFDict | undefined;
        paint(streamText(form), own ?? resources, page, seen);
      }
    }
  }

  doc.getPages().forEach((page, index) => {
    const contents = lookup(page.node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray().map(lookup) : [contents];
    const text = streams.map(streamText).join('\n');
    paint(text, page.node.Resources(), index + 1, new Set());
  });
  return [...counts.values()];
}

/** The fonts and pages where .notdef boxes were drawn; empty when every glyph is a real one. */
export async function pdfNotdefGlyphs(pdf: Buffer): Promise<GlyphCount[]> {
  return (await pdfGlyphCounts(pdf)).filter((count) => count.notdef > 0);
}
