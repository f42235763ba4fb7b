import { inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFInvalidObject, PDFName, PDFNumber, PDFRawStream, PDFRef } from 'pdf-lib';
import { readIndirect, readValue, xrefOffsets, type IndirectObject, type PdfValue } from './pdf-tokens.ts';

/**
 * The structure tree (tags) of each document cut out of a tagged batch PDF.
 *
 * Chromium's tagged output has one tree for the whole batch: a Document element whose children are the
 * batch's documents, one element per `.folio-doc` wrapper, in print order. Each wrapper's subtree refers
 * to its pages (/Pg), to marked content on them (MCIDs) and, through the ParentTree, is referred back to by
 * those pages; table cells name their header cells by /ID (IDTree). Each document's PDF gets its wrapper's
 * subtree, those indexes rebuilt for its pages alone, and a Document element with its language.
 *
 * The tree is most of a tagged batch's objects (≈ 170 per one-page invoice against ≈ 20 without tags), and
 * pdf-lib's object model made reading and writing them cost more than printing. So the tree is read here
 * from the PDF's text, taken out of the bytes pdf-lib parses (readStructure), and written back per document
 * as ready-made object text (copyStructure). Chromium's PDFs are uncompressed, with one xref table.
 *
 * Where one document ends and the next begins, Chromium leaves empty marked content of the next document's
 * first elements (a text run with no glyphs) at the end of the previous document's last page. Those items
 * are dropped from both sides, after checking in the content stream that they draw nothing. Anything else
 * that does not split cleanly (visible content of one document on another's page, a tree that is not one
 * element per document, references this code does not follow) throws: the caller then prints the
 * documents one by one, which Chromium tags itself. Tags are never dropped silently.
 */

export class StructureSplitError extends Error {
  override name = 'StructureSplitError';
}

interface Element {
  num: number;
  /** The element's own page (/Pg), for its integer MCIDs. */
  page?: number;
  kids: PdfValue[];
  /** Entries copied as they are (/S, /A, /Lang, /ID, /Alt …), as "/Key value" text. */
  entries: string;
  /** The /ID string as written, for the IDTree. */
  id?: string;
}

/** The batch's structure tree, as read from its text. */
export interface BatchStructure {
  text: string;
  /** The Document element's children: one wrapper per document, in print order. */
  documents: number[];
  elements: Map<number, Element>;
  /** ParentTree: key → element numbers (null where none), per page (an array) or annotation (one). */
  parentTree: Map<number, Array<number | null> | number>;
  /** /RoleMap and /ClassMap of the root, as text. */
  rootEntries: string;
}

export interface StructurePart {
  /** Position of the document among the batch's documents (the Document element's children). */
  index: number;
  /** How many documents the batch printed; the tree must have exactly one element per document. */
  documents: number;
  /** The document's pages in the source and their copies in `out`, in the same order. */
  sourcePages: readonly PDFRef[];
  outPages: readonly PDFRef[];
  /** BCP 47 language of the document (its <html lang>), for the catalog and the Document element. */
  lang: string;
}

const dictOf = (value: PdfValue | undefined) => (value?.kind === 'dict' ? value.entries : undefined);
const refOf = (value: PdfValue | undefined) => (value?.kind === 'ref' ? value.num : undefined);
const nameOf = (value: PdfValue | undefined) => (value?.kind === 'name' ? value.value : undefined);

function holdsReference(value: PdfValue): boolean {
  if (value.kind === 'ref') return true;
  if (value.kind === 'array') return value.items.some(holdsReference);
  if (value.kind === 'dict') return [...value.entries.values()].some(holdsReference);
  return false;
}

/**
 * Reads the structure tree of a tagged PDF from its bytes and returns the bytes without it (its objects
 * blanked out, so every offset stays valid) for pdf-lib to parse the pages. No tree: the bytes as they are.
 */
export function readStructure(pdf: Uint8Array): { pages: Uint8Array; structure?: BatchStructure } {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  if (!text.includes('/StructTreeRoot')) return { pages: pdf };
  const offsets = xrefOffsets(text);
  const taken: IndirectObject[] = [];
  const object = (num: number | undefined): IndirectObject => {
    const offset = num === undefined ? undefined : offsets.get(num);
    if (offset === undefined) throw new StructureSplitError(`The structure tree refers to a missing object ${num}`);
    return readIndirect(text, offset);
  };
  const take = (num: number | undefined) => {
    const found = object(num);
    taken.push(found);
    return found;
  };

  const trailer = text.lastIndexOf('trailer');
  const catalog = dictOf(object(refOf(dictOf(readValue(text, trailer + 'trailer'.length))?.get('Root'))).value);
  const root = dictOf(take(refOf(catalog?.get('StructTreeRoot'))).value);
  if (!root) throw new StructureSplitError('The StructTreeRoot is not a dictionary');

  const elements = new Map<number, Element>();
  const readElement = (found: IndirectObject) => {
    const { num } = found;
    const entries = dictOf(found.value);
    if (!entries || nameOf(entries.get('Type')) !== 'StructElem') throw new StructureSplitError(`Object ${num} is not a structure element`);
    const k = entries.get('K');
    const kids = k?.kind === 'array' ? k.items : k ? [k] : [];
    let kept = '';
    for (const [key, value] of entries) {
      if (key === 'Type' || key === 'P' || key === 'Pg' || key === 'K') continue;
      if (holdsReference(value)) throw new StructureSplitError(`Structure element ${num} has a reference in /${key}`);
      kept += `\n/${key} ${text.slice(value.start, value.end)}`;
    }
    const id = entries.get('ID');
    elements.set(num, { num, page: refOf(entries.get('Pg')), kids, entries: kept, id: id ? text.slice(id.start, id.end) : undefined });
    for (const kid of kids) {
      if (kid.kind !== 'ref') continue;
      const target = take(kid.num);
      const type = nameOf(dictOf(target.value)?.get('Type'));
      if (type === 'MCR' || type === 'OBJR') throw new StructureSplitError('Indirect marked-content references are not supported');
      readElement(target);
    }
  };
  const top = root.get('K');
  const documentNum = top?.kind === 'array' && top.items.length === 1 ? refOf(top.items[0]) : refOf(top);
  if (documentNum === undefined) throw new StructureSplitError('The structure tree has no single Document element');
  readElement(take(documentNum));
  const documentElement = elements.get(documentNum) as Element;
  const documents = documentElement.kids.map((kid) => {
    if (kid.kind !== 'ref') throw new StructureSplitError('The Document element holds content of its own');
    return kid.num;
  });

  const parentTree = new Map<number, Array<number | null> | number>();
  const readNumberTree = (num: number | undefined) => {
    const node = dictOf(take(num).value);
    const nums = node?.get('Nums');
    if (nums?.kind === 'array') {
      for (let i = 0; i + 1 < nums.items.length; i += 2) {
        const key = nums.items[i];
        const value = nums.items[i + 1];
        if (key?.kind !== 'number' || value?.kind !== 'ref') throw new StructureSplitError('Unexpected ParentTree entry');
        const target = take(value.num).value;
        parentTree.set(
          key.value,
          target.kind === 'array' ? target.items.map((item) => (item.kind === 'ref' ? item.num : null)) : value.num,
        );
      }
    }
    const kids = node?.get('Kids');
    if (kids?.kind === 'array') for (const kid of kids.items) readNumberTree(refOf(kid));
  };
  readNumberTree(refOf(root.get('ParentTree')));
  const takeNameTree = (num: number | undefined) => {
    if (num === undefined) return;
    const kids = dictOf(take(num).value)?.get('Kids');
    if (kids?.kind === 'array') for (const kid of kids.items) takeNameTree(refOf(kid));
  };
  takeNameTree(refOf(root.get('IDTree')));

  let rootEntries = '';
  for (const key of ['RoleMap', 'ClassMap']) {
    const value = root.get(key);
    if (!value) continue;
    if (holdsReference(value)) throw new StructureSplitError(`The structure tree's /${key} is indirect`);
    rootEntries += `\n/${key} ${text.slice(value.start, value.end)}`;
  }

  const pages = new Uint8Array(pdf);
  for (const { start, end } of taken) pages.fill(0x20, start, end);
  return { pages, structure: { text, documents, elements, parentTree, rootEntries } };
}

const bytes = (text: string) => Buffer.from(text, 'latin1');
const ref = (target: PDFRef) => `${target.objectNumber} ${target.generationNumber} R`;
const pdfString = (text: string) => `(${text.replace(/[\\()]/g, (char) => `\\${char}`)})`;

/** Writes part.index's share of the batch's structure tree into `out`, whose pages are already copied from `source`. */
export function copyStructure(structure: BatchStructure, source: PDFDocument, out: PDFDocument, part: StructurePart): void {
  const wrapper = structure.documents[part.index];
  if (structure.documents.length !== part.documents || wrapper === undefined) {
    throw new StructureSplitError(`The structure tree has ${structure.documents.length} document elements for ${part.documents} documents`);
  }
  const context = out.context;
  const pages = new Map(part.sourcePages.map((page, i) => [page.objectNumber, part.outPages[i] as PDFRef]));
  const annotations = annotationPairs(source, out, part);
  const copied = new Map<number, PDFRef>();
  const ids: Array<[string, PDFRef]> = [];
  const text = structure.text;

  /** Marked content of this document on another document's page: it must draw nothing, and is left out. */
  const leaveOut = (page: number | undefined, mcid: number | undefined): string => {
    if (page === undefined || mcid === undefined || !drawsNothing(source, PDFRef.of(page), mcid)) {
      throw new StructureSplitError('A document has visible content on a page of another document');
    }
    return '';
  };

  const copyKid = (kid: PdfValue, parent: PDFRef, elementPage: number | undefined): string => {
    if (kid.kind === 'number') return elementPage !== undefined && pages.has(elementPage) ? String(kid.value) : leaveOut(elementPage, kid.value);
    if (kid.kind === 'ref') return ref(copyElement(kid.num, parent));
    const entries = dictOf(kid);
    const type = nameOf(entries?.get('Type'));
    const page = refOf(entries?.get('Pg')) ?? elementPage;
    const own = page === undefined ? undefined : pages.get(page);
    if (type === 'MCR' && entries?.size === 3 && entries.get('MCID')?.kind === 'number') {
      const mcid = (entries.get('MCID') as { value: number }).value;
      return own ? `<</Type /MCR /Pg ${ref(own)} /MCID ${mcid}>>` : leaveOut(page, mcid);
    }
    if (type === 'OBJR' && own && entries?.size === 3) {
      const annotation = annotations.get(refOf(entries.get('Obj')) ?? -1);
      if (annotation) return `<</Type /OBJR /Pg ${ref(own)} /Obj ${ref(annotation)}>>`;
    }
    throw new StructureSplitError(`Unexpected kid in the structure tree: ${text.slice(kid.start, Math.min(kid.end, kid.start + 80))}`);
  };

  const copyElement = (num: number, parent: PDFRef): PDFRef => {
    const element = structure.elements.get(num);
    if (!element) throw new StructureSplitError(`Structure element ${num} was not read`);
    const target = context.nextRef();
    copied.set(num, target);
    const kids = element.kids.map((kid) => copyKid(kid, target, element.page)).filter((kid) => kid !== '');
    // An element that starts on the previous document's page keeps only its content on its own pages.
    const own = element.page === undefined ? undefined : pages.get(element.page);
    const firstReference = /\/Pg (\d+ \d+ R)/.exec(kids.join(' '))?.[1];
    const page = own ? ref(own) : firstReference;
    context.assign(
      target,
      PDFInvalidObject.of(
        bytes(`<</Type /StructElem${element.entries}\n/P ${ref(parent)}${page ? `\n/Pg ${page}` : ''}\n/K [${kids.join(' ')}]>>`),
      ),
    );
    if (element.id !== undefined) ids.push([element.id, target]);
    return target;
  };

  const rootRef = context.nextRef();
  const documentRef = context.nextRef();
  const wrapperCopy = copyElement(wrapper, documentRef);
  context.assign(
    documentRef,
    PDFInvalidObject.of(bytes(`<</Type /StructElem\n/S /Document\n/Lang ${pdfString(part.lang)}\n/P ${ref(rootRef)}\n/K [${ref(wrapperCopy)}]>>`)),
  );

  // The ParentTree, rebuilt: entry k is page k's marked content (MCID → element), then the annotations'.
  const mapEntry = (num: number | null, page?: PDFRef, mcid?: number): string => {
    if (num === null) return 'null';
    const target = copied.get(num);
    if (target) return ref(target);
    // The next document's empty leftovers (see above): no element of this document owns them.
    if (page && mcid !== undefined && drawsNothing(source, page, mcid)) return 'null';
    throw new StructureSplitError('A page holds visible content of another document');
  };
  const nums: string[] = [];
  let nextKey = 0;
  part.sourcePages.forEach((sourcePage, i) => {
    const outPage = context.lookup(part.outPages[i] as PDFRef, PDFDict);
    const key = source.context.lookup(sourcePage, PDFDict).lookupMaybe(PDFName.of('StructParents'), PDFNumber);
    const entry = key ? structure.parentTree.get(key.asNumber()) : undefined;
    if (!key || !Array.isArray(entry)) {
      outPage.delete(PDFName.of('StructParents'));
      return;
    }
    const array = context.nextRef();
    context.assign(array, PDFInvalidObject.of(bytes(`[${entry.map((num, mcid) => mapEntry(num, sourcePage, mcid)).join(' ')}]`)));
    outPage.set(PDFName.of('StructParents'), PDFNumber.of(nextKey));
    nums.push(`${nextKey} ${ref(array)}`);
    nextKey += 1;
  });
  for (const outAnnotation of annotations.values()) {
    const annotation = context.lookup(outAnnotation, PDFDict);
    const key = annotation.lookupMaybe(PDFName.of('StructParent'), PDFNumber);
    if (!key) continue;
    const entry = structure.parentTree.get(key.asNumber());
    annotation.set(PDFName.of('StructParent'), PDFNumber.of(nextKey));
    nums.push(`${nextKey} ${mapEntry(typeof entry === 'number' ? entry : null)}`);
    nextKey += 1;
  }

  // IDs as written, in byte order (a name tree's keys are sorted); Chromium's are plain "(node…)" strings.
  ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const idTree = ids.length > 0 ? `\n/IDTree <</Names [${ids.map(([id, target]) => `${id} ${ref(target)}`).join(' ')}]>>` : '';
  context.assign(
    rootRef,
    PDFInvalidObject.of(
      bytes(`<</Type /StructTreeRoot\n/K ${ref(documentRef)}\n/ParentTree <</Nums [${nums.join(' ')}]>>\n/ParentTreeNextKey ${nextKey}${idTree}${structure.rootEntries}>>`),
    ),
  );
  markTagged(out, rootRef, part.lang);
}

/** What a tagged PDF declares in its catalog: the tree, that it is marked, its language, and to show its title. */
function markTagged(out: PDFDocument, structTreeRoot: PDFRef, lang: string): void {
  out.catalog.set(PDFName.of('StructTreeRoot'), structTreeRoot);
  out.catalog.set(PDFName.of('MarkInfo'), out.context.obj({ Type: 'MarkInfo', Marked: true }));
  out.setLanguage(lang);
  out.catalog.getOrCreateViewerPreferences().setDisplayDocTitle(true);
}

/** Source annotation object number → its copy, matched by position on each copied page. */
function annotationPairs(source: PDFDocument, out: PDFDocument, part: StructurePart): Map<number, PDFRef> {
  const pairs = new Map<number, PDFRef>();
  part.sourcePages.forEach((sourcePage, i) => {
    const from = source.context.lookup(sourcePage, PDFDict).lookupMaybe(PDFName.of('Annots'), PDFArray);
    const to = out.context.lookup(part.outPages[i] as PDFRef, PDFDict).lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let k = 0; from && to && k < from.size(); k += 1) {
      const [a, b] = [from.get(k), to.get(k)];
      if (a instanceof PDFRef && b instanceof PDFRef) pairs.set(a.objectNumber, b);
    }
  });
  return pairs;
}

/** Decoded content streams per page, shared by the parts of one batch. */
const contents = new WeakMap<PDFDocument, Map<PDFRef, string>>();

function pageContent(pdf: PDFDocument, page: PDFRef): string {
  let cache = contents.get(pdf);
  if (!cache) contents.set(pdf, (cache = new Map()));
  let text = cache.get(page);
  if (text === undefined) {
    const stream = pdf.context.lookup(page, PDFDict).lookup(PDFName.of('Contents'));
    const parts = stream instanceof PDFArray ? stream.asArray().map((part) => pdf.context.lookup(part)) : [stream];
    text = parts.map((part) => (part instanceof PDFRawStream ? decodeContent(part) : '')).join('\n');
    cache.set(page, text);
  }
  return text;
}

/** A content stream's text: Chromium's are Flate-compressed, which zlib inflates far faster than pdf-lib. */
function decodeContent(stream: PDFRawStream): string {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const bytes = filter === PDFName.of('FlateDecode') ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

// Operators that show text, paint an image or shading, or paint a path.
const PAINTING = /(?:^|\s)(?:Tj|TJ|'|"|Do|sh|f\*?|F|S|s|B\*?|b\*?)(?=\s|$)/;

/** Whether marked-content sequence `mcid` on `page` shows nothing (no glyphs, images or painted paths). */
function drawsNothing(pdf: PDFDocument, page: PDFRef, mcid: number): boolean {
  const content = pageContent(pdf, page);
  const start = new RegExp(`/MCID\\s+${mcid}\\s*>>\\s*BDC`).exec(content);
  if (!start) return false;
  const markers = /(?:^|\s)(BDC|BMC|EMC)(?=\s|$)/g;
  markers.lastIndex = start.index + start[0].length;
  let depth = 1;
  let end = -1;
  for (let marker = markers.exec(content); marker; marker = markers.exec(content)) {
    depth += marker[1] === 'EMC' ? -1 : 1;
    if (depth === 0) {
      end = marker.index;
      break;
    }
  }
  if (end < 0) return false;
  // Strings and dictionaries (ActualText spans) may hold anything: only operators count.
  const operators = content
    .slice(start.index + start[0].length, end)
    .replace(/\((?:\\.|[^\\)])*\)/g, ' ')
    .replace(/<<[\s\S]*?>>/g, ' ')
    .replace(/<[0-9A-Fa-f\s]*>/g, ' ');
  return !PAINTING.test(operators);
}
