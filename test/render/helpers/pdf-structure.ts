import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * What a screen reader gets from a PDF: its structure tree (tags), page by page, with the text of each
 * element, read with pdf.js (the reader Firefox uses) rather than with the library that wrote the tags.
 */

export interface StructNode {
  role: string;
  lang?: string;
  /** Alternate text (/Alt), e.g. an image's. */
  alt?: string;
  /** Text of the marked content under this element, in tree order. */
  text: string;
  children: StructNode[];
  /** Horizontal position (PDF units) of this element's first marked content, when it shows text. */
  x?: number;
}

export interface TaggedPage {
  root: StructNode | undefined;
  /** Marked-content sequences that show text but belong to no element of the tree. */
  untaggedText: string[];
}

export interface TaggedPdf {
  /** The catalog's /Lang. */
  lang: string | undefined;
  /** The document information's /Title. */
  title: string | undefined;
  displayDocTitle: boolean;
  marked: boolean;
  pages: TaggedPage[];
}

interface RawNode {
  role?: string;
  lang?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: RawNode[];
}

interface Content {
  text: string;
  x?: number;
}

/** Text per marked-content id on a page (text inside nested unlabelled sequences counts for the enclosing id). */
async function markedText(page: Awaited<ReturnType<Awaited<ReturnType<typeof getDocument>['promise']>['getPage']>>): Promise<Map<string, Content>> {
  const content = await page.getTextContent({ includeMarkedContent: true });
  const byId = new Map<string, Content>();
  const stack: Array<string | undefined> = [];
  for (const item of content.items as Array<Record<string, unknown>>) {
    if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
      stack.push(typeof item.id === 'string' ? item.id : undefined);
    } else if (item.type === 'endMarkedContent') {
      stack.pop();
    } else if (typeof item.str === 'string') {
      const id = [...stack].reverse().find((entry) => entry !== undefined);
      if (!id) continue;
      const entry = byId.get(id) ?? { text: '' };
      if (entry.x === undefined && item.str.trim() !== '') entry.x = (item.transform as number[])[4];
      entry.text += item.str;
      byId.set(id, entry);
    }
  }
  return byId;
}

function toNode(raw: RawNode, text: Map<string, Content>, used: Set<string>): StructNode {
  const children: StructNode[] = [];
  let own = '';
  let x: number | undefined;
  for (const child of raw.children ?? []) {
    if (child.type === 'content' && child.id) {
      used.add(child.id);
      const content = text.get(child.id);
      own += content?.text ?? '';
      x ??= content?.x;
    } else if (child.role) {
      const node = toNode(child, text, used);
      children.push(node);
      own += node.text;
      x ??= node.x;
    }
  }
  return { role: raw.role ?? '', lang: raw.lang, alt: raw.alt, text: own, children, x };
}

export async function readTaggedPdf(pdf: Uint8Array): Promise<TaggedPdf> {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    const info = (await document.getMetadata()).info as Record<string, unknown>;
    const preferences = (await document.getViewerPreferences()) as Record<string, unknown> | null;
    const markInfo = await document.getMarkInfo();
    const pages: TaggedPage[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const text = await markedText(page);
      const tree = (await page.getStructTree()) as RawNode | null;
      const used = new Set<string>();
      const root = tree ? toNode(tree, text, used) : undefined;
      const untaggedText = [...text.entries()].filter(([id, content]) => !used.has(id) && content.text.trim() !== '').map(([, content]) => content.text);
      pages.push({ root, untaggedText });
    }
    return {
      lang: typeof info.Language === 'string' ? info.Language : undefined,
      title: typeof info.Title === 'string' ? info.Title : undefined,
      displayDocTitle: preferences?.DisplayDocTitle === true,
      marked: markInfo?.Marked === true,
      pages,
    };
  } finally {
    await document.destroy();
  }
}

/** Every element of a tree, depth first (document order). */
export function elements(node: StructNode | undefined): StructNode[] {
  return node ? [node, ...node.children.flatMap(elements)] : [];
}

/** The tree's element counts by role. */
export function roleCounts(node: StructNode | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const element of elements(node)) counts[element.role] = (counts[element.role] ?? 0) + 1;
  return counts;
}

/**
 * The /Scope attribute of every TH element, in tree order, read with pdf-lib (pdf.js does not expose
 * attributes): "Column" for a column's header cell, "Row" for a row's.
 */
export async function headerScopes(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const scopes: string[] = [];
  const visit = (object: PDFObject | undefined, depth: number): void => {
    const node = object instanceof PDFRef ? doc.context.lookup(object) : object;
    if (node instanceof PDFArray) node.asArray().forEach((child) => visit(child, depth));
    if (!(node instanceof PDFDict) || depth > 64) return;
    if (node.get(PDFName.of('S')) === PDFName.of('TH')) {
      const attributes = node.lookup(PDFName.of('A'));
      const owners = attributes instanceof PDFArray ? attributes.asArray().map((entry) => doc.context.lookup(entry)) : [attributes];
      const scope = owners.map((owner) => (owner instanceof PDFDict ? owner.get(PDFName.of('Scope')) : undefined)).find(Boolean);
      scopes.push(scope instanceof PDFName ? scope.decodeText() : '');
    }
    if (node.has(PDFName.of('S')) || node === root) visit(node.get(PDFName.of('K')), depth + 1);
  };
  visit(root, 0);
  return scopes;
}
