import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { copyStructure, type BatchStructure } from './pdf-structure.ts';

/**
 * Reading a batch PDF back: where each document starts (from the named destinations Chromium wrote
 * for the batch's anchors) and cutting it into one PDF per document.
 */

/** 0-based page index where each named destination points, or undefined for a name that is missing. */
export function destinationPages(pdf: PDFDocument, names: readonly string[]): Array<number | undefined> {
  const dests = pdf.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const pageIndex = new Map<string, number>(pdf.getPages().map((page, index) => [page.ref.toString(), index]));
  return names.map((name) => {
    const target = dests?.lookupMaybe(PDFName.of(name), PDFArray)?.get(0);
    return target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
  });
}

/**
 * Page counts per document from their start pages, or undefined if the starts are missing or out of
 * order (then the batch cannot be trusted and its documents are printed one by one).
 */
export function pageCountsFromStarts(starts: ReadonlyArray<number | undefined>, totalPages: number): number[] | undefined {
  if (starts[0] !== 0) return undefined;
  const counts: number[] = [];
  for (let i = 0; i < starts.length; i += 1) {
    const start = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1] : totalPages;
    if (start === undefined || end === undefined || end <= start) return undefined;
    counts.push(end - start);
  }
  return counts;
}

export interface PdfPart {
  /** The document's position in the batch (its element among the structure tree's documents). */
  index: number;
  firstPage: number;
  pageCount: number;
  title: string;
  /** The document's language (<html lang>); a tagged part's catalog and structure tree carry it. */
  lang: string;
}

/**
 * One standalone PDF per part: its pages and the resources they use (fonts, images), nothing else. With
 * the batch's structure tree (a tagged print, read by readStructure), each part takes its own share of it
 * along (pdf-structure.ts), or the split throws. `documents` is how many documents the batch printed
 * (parts may be fewer).
 */
export async function splitPdf(
  source: PDFDocument,
  parts: readonly PdfPart[],
  documents = parts.length,
  structure?: BatchStructure,
): Promise<Buffer[]> {
  const creator = source.getCreator() ?? 'Chromium';
  const producer = source.getProducer() ?? 'Skia/PDF';
  return Promise.all(
    parts.map(async (part) => {
      const out = await PDFDocument.create({ updateMetadata: false });
      const indices = Array.from({ length: part.pageCount }, (_, k) => part.firstPage + k);
      const pages = await out.copyPages(source, indices);
      for (const page of pages) out.addPage(page);
      if (structure) {
        copyStructure(structure, source, out, {
          index: part.index,
          documents,
          sourcePages: indices.map((i) => source.getPage(i).ref),
          outPages: pages.map((page) => page.ref),
          lang: part.lang,
        });
      }
      // The same metadata Chromium gives a document printed alone.
      out.setTitle(part.title);
      out.setCreator(creator);
      out.setProducer(producer);
      const now = new Date();
      out.setCreationDate(now);
      out.setModificationDate(now);
      // A document's own objects in one go: the default yields (≥ 1 ms) every 50 of a tagged PDF's hundreds.
      return Buffer.from(await out.save({ useObjectStreams: false, objectsPerTick: 2_000 }));
    }),
  );
}
