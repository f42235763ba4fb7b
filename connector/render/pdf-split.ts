import { dictOf, nameOf, PdfSplitError, type BatchPdf } from './pdf-batch.ts';
import { copyStructure, type BatchStructure } from './pdf-structure.ts';
import { renumbered, type PdfValue } from './pdf-tokens.ts';
import { pdfDate, pdfString, pdfTextString, PdfWriter } from './pdf-writer.ts';

/**
 * Cutting a batch PDF into one PDF per document: each part gets its pages and every object they reach
 * (contents, fonts, images, annotations), copied as the batch wrote them with their numbers changed, and
 * with a tagged batch its share of the structure tree (pdf-structure.ts). Nothing is parsed beyond what
 * the pages reach, and streams are copied without being decoded.
 */

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

/** Objects a page's content can reach; reaching one of these means the cut would take another document along. */
const OUT_OF_REACH = new Set(['Page', 'Pages', 'Catalog', 'StructTreeRoot', 'StructElem']);

/**
 * One standalone PDF per part. With the batch's structure tree (a tagged print, read by readStructure),
 * each part takes its own share of it along, or the split throws. `documents` is how many documents the
 * batch printed (parts may be fewer). Throws PdfSplitError (or StructureSplitError) for a cut it cannot
 * make cleanly; the caller then prints the documents one by one.
 */
export function splitPdf(batch: BatchPdf, parts: readonly PdfPart[], documents = parts.length, structure?: BatchStructure): Buffer[] {
  const now = new Date();
  return parts.map((part) => splitPart(batch, part, documents, now, structure));
}

function splitPart(batch: BatchPdf, part: PdfPart, documents: number, now: Date, structure?: BatchStructure): Buffer {
  const sourcePages = batch.pages.slice(part.firstPage, part.firstPage + part.pageCount);
  if (sourcePages.length !== part.pageCount || part.pageCount < 1) throw new PdfSplitError(`The batch has no pages ${part.firstPage + 1}–${part.firstPage + part.pageCount}`);
  const out = new PdfWriter();
  const catalog = out.next();
  const pageTree = out.next();
  const info = out.next();

  // Source object → its copy. Pages come first, so they keep their order in the numbering.
  const copies = new Map<number, number>();
  const queue: number[] = [];
  const copyOf = (num: number) => {
    let copy = copies.get(num);
    if (copy === undefined) {
      copy = out.next();
      copies.set(num, copy);
      queue.push(num);
    }
    return copy;
  };
  const ownPages = new Set(sourcePages);
  sourcePages.forEach(copyOf);

  // Every dictionary is kept as entries (by copy number) until the structure tree has given the pages and
  // annotations their keys into its ParentTree; anything else is written at once.
  const pending = new Map<number, { entries: Map<string, string>; stream?: string }>();
  for (let i = 0; i < queue.length; i += 1) {
    const num = queue[i] as number;
    const found = batch.object(num);
    const entries = dictOf(found.value);
    const type = nameOf(entries?.get('Type'));
    const isOwnPage = ownPages.has(num);
    if (type && OUT_OF_REACH.has(type) && !isOwnPage) throw new PdfSplitError(`A page of document ${part.index + 1} reaches object ${num} (/${type}) outside it`);
    const stream = found.stream && batch.text.slice(found.stream.start, found.stream.end);
    const copy = copies.get(num) as number;
    if (!entries) {
      out.set(copy, renumbered(batch.text, found.value, copyOf), stream);
      continue;
    }
    const written = new Map<string, string>();
    const add = (key: string, value: PdfValue) => written.set(key, renumbered(batch.text, value, copyOf));
    for (const [key, value] of entries) if (!(isOwnPage && key === 'Parent')) add(key, value);
    if (isOwnPage) {
      for (const [key, value] of batch.inherited.get(num) ?? []) add(key, value);
      written.set('Parent', `${pageTree} 0 R`);
    }
    pending.set(copy, { entries: written, ...(stream !== undefined && { stream }) });
  }

  const outPages = sourcePages.map((num) => copies.get(num) as number);
  let catalogEntries = '';
  if (structure) {
    const tags = copyStructure(structure, batch, out, { index: part.index, documents, sourcePages, outPages, copies, lang: part.lang });
    // A page or annotation's key into the new ParentTree; none where the document has no marked content.
    for (const [copy, key] of tags.structParents) {
      const entries = pending.get(copy)?.entries;
      const name = outPages.includes(copy) ? 'StructParents' : 'StructParent';
      if (key === undefined) entries?.delete(name);
      else entries?.set(name, String(key));
    }
    catalogEntries = `\n/StructTreeRoot ${tags.root} 0 R\n/MarkInfo <</Type /MarkInfo\n/Marked true>>\n/Lang ${pdfString(part.lang)}\n/ViewerPreferences <</DisplayDocTitle true>>`;
  } else {
    // Untagged: keys into a ParentTree that is not copied would point nowhere.
    for (const { entries } of pending.values()) {
      entries.delete('StructParents');
      entries.delete('StructParent');
    }
  }

  for (const [copy, { entries, stream }] of pending) {
    out.set(copy, `<<${[...entries].map(([key, value]) => `/${key} ${value}`).join('\n')}>>`, stream);
  }
  out.set(pageTree, `<</Type /Pages\n/Count ${outPages.length}\n/Kids [${outPages.map((num) => `${num} 0 R`).join(' ')}]>>`);
  out.set(catalog, `<</Type /Catalog\n/Pages ${pageTree} 0 R${catalogEntries}>>`);
  // The same metadata Chromium gives a document printed alone, with the document's own title.
  const date = pdfDate(now);
  out.set(info, `<</Title ${pdfTextString(part.title)}\n/Creator ${batch.creator}\n/Producer ${batch.producer}\n/CreationDate ${date}\n/ModDate ${date}>>`);
  return out.toBuffer(batch.header, { root: catalog, info });
}
