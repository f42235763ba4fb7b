import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { destinationPages, pageContent, PdfSplitError, readBatchPdf } from '../../connector/render/pdf-batch.ts';
import { splitPdf } from '../../connector/render/pdf-split.ts';
import { readIndirect, renumbered, readValue, xrefOffsets } from '../../connector/render/pdf-tokens.ts';
import { pdfDate, pdfTextString, PdfWriter } from '../../connector/render/pdf-writer.ts';
import { pdfInfo, pdfText } from './helpers/pdf-text.ts';

/**
 * The byte-level split on a PDF made by hand, with what Chromium's batches do not have but a PDF may: a
 * nested page tree, page attributes inherited from it, a compressed and a plain content stream, and a
 * link from one document to another's page. Chromium's own batches are split in batching.test.ts and
 * tagged-pdf.test.ts.
 */
function handMadeBatch(options: { crossLink?: boolean } = {}): Buffer {
  const w = new PdfWriter();
  const [catalog, root, inner, info, font, dests] = [w.next(), w.next(), w.next(), w.next(), w.next(), w.next()];
  const pages = [w.next(), w.next(), w.next()];
  const contents = pages.map(() => w.next());
  const link = w.next();
  w.set(catalog, `<</Type /Catalog\n/Pages ${root} 0 R\n/Dests ${dests} 0 R>>`);
  // Resources and MediaBox live on the tree, not on the pages (A5 on the inner node, A4 above it).
  w.set(root, `<</Type /Pages\n/Count 3\n/Kids [${pages[0]} 0 R ${inner} 0 R]\n/Resources <</Font <</F1 ${font} 0 R>>>>\n/MediaBox [0 0 595 842]>>`);
  w.set(inner, `<</Type /Pages\n/Parent ${root} 0 R\n/Count 2\n/Kids [${pages[1]} 0 R ${pages[2]} 0 R]\n/MediaBox [0 0 420 595]>>`);
  w.set(info, `<</Creator (Hand)\n/Producer (Folio test)>>`);
  w.set(font, '<</Type /Font\n/Subtype /Type1\n/BaseFont /Helvetica>>');
  w.set(dests, `<</doc-0 [${pages[0]} 0 R /XYZ 0 842 0]\n/doc-1 [${pages[1]} 0 R /XYZ 0 595 0]>>`);
  const texts = ['First document', 'Second document, page one', 'Second document, page two'];
  pages.forEach((page, i) => {
    const parent = i === 0 ? root : inner;
    const annots = i === 0 && options.crossLink ? `\n/Annots [${link} 0 R]` : '';
    w.set(page, `<</Type /Page\n/Parent ${parent} 0 R\n/Contents ${contents[i]} 0 R${annots}>>`);
    const content = `BT /F1 12 Tf 40 100 Td (${texts[i]}) Tj ET`;
    // One stream compressed, the others plain: both are copied as stored.
    const data = i === 1 ? deflateSync(content).toString('latin1') : content;
    w.set(contents[i] as number, `<<${i === 1 ? '/Filter /FlateDecode ' : ''}/Length ${data.length}>>`, data);
  });
  w.set(link, `<</Type /Annot\n/Subtype /Link\n/Rect [0 0 10 10]\n/Dest [${pages[2]} 0 R /Fit]>>`);
  return w.toBuffer('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', { root: catalog, info });
}

describe('PDF writer', () => {
  it('writes objects and a cross-reference table that point at each other, and that pdf-lib reads', async () => {
    const pdf = handMadeBatch();
    const text = pdf.toString('latin1');
    const offsets = xrefOffsets(text);
    expect(offsets.size).toBe(13);
    for (const [num, offset] of offsets) expect(readIndirect(text, offset).num).toBe(num);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(3);
  });

  it('refuses a number set twice, or handed out and never set', () => {
    const w = new PdfWriter();
    const num = w.next();
    w.set(num, '<<>>');
    expect(() => w.set(num, '<<>>')).toThrow(/set twice/);
    w.next();
    expect(() => w.toBuffer('%PDF-1.4\n', { root: 1, info: 1 })).toThrow(/never set/);
  });

  it('writes text strings as UTF-16 with a byte order mark, and dates in UTC', () => {
    expect(pdfTextString('Ré')).toBe('<FEFF005200E9>');
    expect(pdfDate(new Date('2026-12-06T17:05:09.123+01:00'))).toBe('(D:20261206160509Z)');
  });
});

describe('PDF object reader', () => {
  it('reads a stream object: its dictionary, and its data by /Length', () => {
    const text = '7 0 obj\n<</Length 5>> stream\nab\ncd\nendstream\nendobj\n';
    const object = readIndirect(text, 0);
    expect(object.stream && text.slice(object.stream.start, object.stream.end)).toBe('ab\ncd');
    expect(object.end).toBe(text.length - 1);
    expect(() => readIndirect('7 0 obj\n<</Length 9 0 R>> stream\nab\nendstream\nendobj', 0)).toThrow(/no direct \/Length/);
    expect(() => readIndirect('7 0 obj\n<</Length 2>> stream\nabcd\nendstream\nendobj', 0)).toThrow(/does not end where its \/Length says/);
  });

  it('renumbers references and keeps everything else as written, strings that look like references included', () => {
    const text = '<</A 1 0 R /B [2 0 R (3 0 R)] /C <</D 1 0 R>>>>';
    expect(renumbered(text, readValue(text, 0), (num) => num * 10)).toBe('<</A 10 0 R /B [20 0 R (3 0 R)] /C <</D 10 0 R>>>>');
  });
});

describe('splitting a batch PDF without a PDF library', () => {
  it('reads the page tree in order, and where each named destination points', () => {
    const batch = readBatchPdf(handMadeBatch());
    expect(batch.pages).toHaveLength(3);
    expect(destinationPages(batch, ['doc-0', 'doc-1', 'nowhere'])).toEqual([0, 1, undefined]);
    expect(pageContent(batch, batch.pages[1] as number)).toContain('(Second document, page one) Tj');
  });

  it('gives each part its pages, what they reach, and the attributes they inherit from the page tree', async () => {
    const batch = readBatchPdf(handMadeBatch());
    const [first, second] = splitPdf(batch, [
      { index: 0, firstPage: 0, pageCount: 1, title: 'Erste Rechnung', lang: 'de' },
      { index: 1, firstPage: 1, pageCount: 2, title: 'Zweite Rechnung', lang: 'de' },
    ]);
    expect((await pdfText(first as Buffer)).trim()).toBe('First document');
    expect(await pdfText(second as Buffer, { layout: false })).toMatch(/Second document, page one\s+\fSecond document, page two/);
    expect((await pdfInfo(first as Buffer)).pageSize).toMatch(/^595 x 842/);
    expect((await pdfInfo(second as Buffer)).pageSize).toMatch(/^420 x 595/);
    const loaded = await PDFDocument.load(second as Buffer, { updateMetadata: false });
    expect(loaded.getPageCount()).toBe(2);
    expect(loaded.getTitle()).toBe('Zweite Rechnung');
    expect(loaded.getCreator()).toBe('Hand');
    // Only what the pages reach: the other document's page and content stay behind.
    expect((second as Buffer).toString('latin1')).not.toContain('First document');
  });

  it('refuses a cut whose page reaches a page of another document (a link across documents)', () => {
    const batch = readBatchPdf(handMadeBatch({ crossLink: true }));
    expect(() => splitPdf(batch, [{ index: 0, firstPage: 0, pageCount: 1, title: 'x', lang: 'en' }])).toThrow(PdfSplitError);
    expect(() => splitPdf(batch, [{ index: 0, firstPage: 2, pageCount: 2, title: 'x', lang: 'en' }])).toThrow(/no pages 3–4/);
  });

  it('refuses what is not a PDF it can read', () => {
    expect(() => readBatchPdf(Buffer.from('<html></html>'))).toThrow(/no %PDF- header/);
  });
});
