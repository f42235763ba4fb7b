import { dictOf, nameOf, pageContent, refOf, type BatchPdf } from './pdf-batch.ts';
import type { PdfValue } from './pdf-tokens.ts';
import { pdfString, type PdfWriter } from './pdf-writer.ts';

/**
 * The structure tree (tags) of each document cut out of a tagged batch PDF.
 *
 * Chromium's tagged output has one tree for the whole batch: a Document element whose children are the
 * batch's documents, one element per `.folio-doc` wrapper, in print order. Each wrapper's subtree refers
 * to its pages (/Pg), to marked content on them (MCIDs) and, through the ParentTree, is referred back to by
 * those pages; table cells name their header cells by /ID (IDTree). Each document's PDF gets its wrapper's
 * subtree, those indexes rebuilt for its pages alone, and a Document element with its language.
 *
 * The tree is most of a tagged batch's objects (≈ 170 per one-page invoice against ≈ 20 without tags). It is
 * read once per batch from the PDF's text (readStructure) and written per document as ready-made object
 * text (copyStructure), next to the pages pdf-split.ts copies.
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
  /** The document's page objects in the batch and their copies, in the same order. */
  sourcePages: readonly number[];
  outPages: readonly number[];
  /** Every object copied for the document (batch number → copy), its annotations among them. */
  copies: ReadonlyMap<number, number>;
  /** BCP 47 language of the document (its <html lang>), for the catalog and the Document element. */
  lang: string;
}

export interface CopiedStructure {
  /** The copy's StructTreeRoot. */
  root: number;
  /** Each copied page's /StructParents and annotation's /StructParent key (by copy number); undefined: remove it. */
  structParents: Map<number, number | undefined>;
}

function holdsReference(value: PdfValue): boolean {
  if (value.kind === 'ref') return true;
  if (value.kind === 'array') return value.items.some(holdsReference);
  if (value.kind === 'dict') return [...value.entries.values()].some(holdsReference);
  return false;
}

/** Reads the structure tree of a tagged batch; undefined if it has none. */
export function readStructure(batch: BatchPdf): BatchStructure | undefined {
  const { text } = batch;
  if (!batch.catalog.has('StructTreeRoot')) return undefined;
  const object = (num: number | undefined) => {
    if (num === undefined) throw new StructureSplitError('The structure tree refers to an object by value where a reference is expected');
    return batch.object(num);
  };

  const root = dictOf(object(refOf(batch.catalog.get('StructTreeRoot'))).value);
  if (!root) throw new StructureSplitError('The StructTreeRoot is not a dictionary');

  const elements = new Map<number, Element>();
  const readElement = (found: { num: number; value: PdfValue }) => {
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
      const target = object(kid.num);
      const type = nameOf(dictOf(target.value)?.get('Type'));
      if (type === 'MCR' || type === 'OBJR') throw new StructureSplitError('Indirect marked-content references are not supported');
      readElement(target);
    }
  };
  const top = root.get('K');
  const documentNum = top?.kind === 'array' && top.items.length === 1 ? refOf(top.items[0]) : refOf(top);
  if (documentNum === undefined) throw new StructureSplitError('The structure tree has no single Document element');
  readElement(object(documentNum));
  const documentElement = elements.get(documentNum) as Element;
  const documents = documentElement.kids.map((kid) => {
    if (kid.kind !== 'ref') throw new StructureSplitError('The Document element holds content of its own');
    return kid.num;
  });

  const parentTree = new Map<number, Array<number | null> | number>();
  const readNumberTree = (num: number | undefined) => {
    const node = dictOf(object(num).value);
    const nums = node?.get('Nums');
    if (nums?.kind === 'array') {
      for (let i = 0; i + 1 < nums.items.length; i += 2) {
        const key = nums.items[i];
        const value = nums.items[i + 1];
        if (key?.kind !== 'number' || value?.kind !== 'ref') throw new StructureSplitError('Unexpected ParentTree entry');
        const target = object(value.num).value;
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
    const kids = dictOf(object(num).value)?.get('Kids');
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

  return { text, documents, elements, parentTree, rootEntries };
}

const ref = (num: number) => `${num} 0 R`;


/**
 * Writes part.index's share of the batch's structure tree into `out`, next to the part's pages (already
 * numbered in `part.copies`). Returns the new tree's root and the keys the part's pages and annotations
 * get into its ParentTree.
 */
export function copyStructure(structure: BatchStructure, batch: BatchPdf, out: PdfWriter, part: StructurePart): CopiedStructure {
  const wrapper = structure.documents[part.index];
  if (structure.documents.length !== part.documents || wrapper === undefined) {
    throw new StructureSplitError(`The structure tree has ${structure.documents.length} document elements for ${part.documents} documents`);
  }
  const pages = new Map(part.sourcePages.map((page, i) => [page, part.outPages[i] as number]));
  const copied = new Map<number, number>();
  const ids: Array<[string, number]> = [];
  const text = structure.text;
  const contents = new Map<number, string>();
  const emptyOn = (page: number, mcid: number) => {
    let content = contents.get(page);
    if (content === undefined) contents.set(page, (content = pageContent(batch, page)));
    return drawsNothing(content, mcid);
  };

  /** Marked content of this document on another document's page: it must draw nothing, and is left out. */
  const leaveOut = (page: number | undefined, mcid: number | undefined): string => {
    if (page === undefined || mcid === undefined || !emptyOn(page, mcid)) {
      throw new StructureSplitError('A document has visible content on a page of another document');
    }
    return '';
  };

  const copyKid = (kid: PdfValue, parent: number, elementPage: number | undefined): string => {
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
    const annotation = part.copies.get(refOf(entries?.get('Obj')) ?? -1);
    if (type === 'OBJR' && own && entries?.size === 3 && annotation !== undefined) return `<</Type /OBJR /Pg ${ref(own)} /Obj ${ref(annotation)}>>`;
    throw new StructureSplitError(`Unexpected kid in the structure tree: ${text.slice(kid.start, Math.min(kid.end, kid.start + 80))}`);
  };

  const copyElement = (num: number, parent: number): number => {
    const element = structure.elements.get(num);
    if (!element) throw new StructureSplitError(`Structure element ${num} was not read`);
    const target = out.next();
    copied.set(num, target);
    const kids = element.kids.map((kid) => copyKid(kid, target, element.page)).filter((kid) => kid !== '');
    // An element that starts on the previous document's page keeps only its content on its own pages.
    const own = element.page === undefined ? undefined : pages.get(element.page);
    const firstReference = /\/Pg (\d+ \d+ R)/.exec(kids.join(' '))?.[1];
    const page = own ? ref(own) : firstReference;
    out.set(target, `<</Type /StructElem${element.entries}\n/P ${ref(parent)}${page ? `\n/Pg ${page}` : ''}\n/K [${kids.join(' ')}]>>`);
    if (element.id !== undefined) ids.push([element.id, target]);
    return target;
  };

  const root = out.next();
  const documentElement = out.next();
  const wrapperCopy = copyElement(wrapper, documentElement);
  out.set(documentElement, `<</Type /StructElem\n/S /Document\n/Lang ${pdfString(part.lang)}\n/P ${ref(root)}\n/K [${ref(wrapperCopy)}]>>`);

  // The ParentTree, rebuilt: entry k is page k's marked content (MCID → element), then the annotations'.
  const mapEntry = (num: number | null, page?: number, mcid?: number): string => {
    if (num === null) return 'null';
    const target = copied.get(num);
    if (target) return ref(target);
    // The next document's empty leftovers (see above): no element of this document owns them.
    if (page !== undefined && mcid !== undefined && emptyOn(page, mcid)) return 'null';
    throw new StructureSplitError('A page holds visible content of another document');
  };
  const structParents = new Map<number, number | undefined>();
  const keyOf = (num: number, name: string) => {
    const value = dictOf(batch.object(num).value)?.get(name);
    return value?.kind === 'number' ? value.value : undefined;
  };
  const nums: string[] = [];
  let nextKey = 0;
  part.sourcePages.forEach((sourcePage, i) => {
    const outPage = part.outPages[i] as number;
    const key = keyOf(sourcePage, 'StructParents');
    const entry = key === undefined ? undefined : structure.parentTree.get(key);
    if (!Array.isArray(entry)) {
      structParents.set(outPage, undefined);
      return;
    }
    const array = out.next();
    out.set(array, `[${entry.map((num, mcid) => mapEntry(num, sourcePage, mcid)).join(' ')}]`);
    structParents.set(outPage, nextKey);
    nums.push(`${nextKey} ${ref(array)}`);
    nextKey += 1;
  });
  for (const sourcePage of part.sourcePages) {
    const annots = dictOf(batch.object(sourcePage).value)?.get('Annots');
    for (const annotation of annots?.kind === 'array' ? annots.items : []) {
      const copy = annotation.kind === 'ref' ? part.copies.get(annotation.num) : undefined;
      const key = annotation.kind === 'ref' ? keyOf(annotation.num, 'StructParent') : undefined;
      if (copy === undefined || key === undefined) continue;
      const entry = structure.parentTree.get(key);
      structParents.set(copy, nextKey);
      nums.push(`${nextKey} ${mapEntry(typeof entry === 'number' ? entry : null)}`);
      nextKey += 1;
    }
  }

  // IDs as written, in byte order (a name tree's keys are sorted); Chromium's are plain "(node…)" strings.
  ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const idTree = ids.length > 0 ? `\n/IDTree <</Names [${ids.map(([id, target]) => `${id} ${ref(target)}`).join(' ')}]>>` : '';
  out.set(root, `<</Type /StructTreeRoot\n/K ${ref(documentElement)}\n/ParentTree <</Nums [${nums.join(' ')}]>>\n/ParentTreeNextKey ${nextKey}${idTree}${structure.rootEntries}>>`);
  return { root, structParents };
}

// Operators that show text, paint an image or shading, or paint a path.
const PAINTING = /(?:^|\s)(?:Tj|TJ|'|"|Do|sh|f\*?|F|S|s|B\*?|b\*?)(?=\s|$)/;

/** Whether marked-content sequence `mcid` in a page's `content` shows nothing (no glyphs, images or painted paths). */
function drawsNothing(content: string, mcid: number): boolean {
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
