import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../connector/core/document-model.ts';
import { embeddedFiles, xmpMetadata } from '../../connector/einvoice/pdf-parts.ts';
import { renderEInvoice } from '../../connector/einvoice/render-einvoice.ts';
import { toInvoiceJson } from '../../connector/einvoice/to-invoice-json.ts';
import { composeBatch, documentAnchor, parseBatchable } from '../../connector/render/batch-html.ts';
import { createChromiumRenderer } from '../../connector/render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { translator, languageOf } from '../../connector/render/locales.ts';
import { destinationPages, readBatchPdf } from '../../connector/render/pdf-batch.ts';
import { pageCountsFromStarts, splitPdf } from '../../connector/render/pdf-split.ts';
import { readStructure, StructureSplitError } from '../../connector/render/pdf-structure.ts';
import { sampleInvoice } from './fixtures/sample-invoice.ts';
import { elements, headerScopes, readTaggedPdf, roleCounts, type StructNode, type TaggedPdf } from './helpers/pdf-structure.ts';
import { sample, sampleTheme } from './helpers/samples.ts';

// Tagged PDFs, checked with pdf.js the way a screen reader reads them, through both ways of printing:
// one document per page.pdf call, and batches split back per document.
const alone = createChromiumRenderer({ batch: false });
const batching = createChromiumRenderer({ batch: { windowMs: 50 } });
afterAll(() => Promise.all([alone.close(), batching.close()]));

interface Case {
  name: string;
  doc: DocumentModel;
  locale: string;
  dir: 'ltr' | 'rtl';
}

const cases: Case[] = [
  { name: 'English invoice', doc: sample('invoice'), locale: 'en-GB', dir: 'ltr' },
  // Several pages, right to left: the lines table continues under repeated header rows.
  { name: 'Arabic invoice over several pages', doc: sampleInvoice({ lineCount: 70, buyerName: 'Layla Haddad' }), locale: 'ar', dir: 'rtl' },
  { name: 'Japanese credit note', doc: sample('credit_note'), locale: 'ja', dir: 'ltr' },
];

/** Compares text as shown (Arabic in presentation forms, in visual order) with text as written. */
const letters = (text: string) => [...text.normalize('NFKC').toLowerCase().replace(/\s+/g, '')].sort().join('');

const firstTable = (root: StructNode | undefined, header: string) =>
  elements(root).find((node) => node.role === 'Table' && letters(node.children[0]?.children[0]?.text ?? '') === letters(header));

// The sample theme has a logo (alternate text: the brand name) and terms under a heading of their own.
const theme = sampleTheme();
const htmls = cases.map((entry) => renderDocumentHtml(entry.doc, { locale: entry.locale, theme }).html);
const printed: Record<'alone' | 'batched', TaggedPdf[]> = { alone: [], batched: [] };
const pdfs: Record<'alone' | 'batched', Buffer[]> = { alone: [], batched: [] };

beforeAll(async () => {
  pdfs.alone = await Promise.all(htmls.map((html) => alone.renderPdf(html)));
  const before = batching.stats();
  pdfs.batched = await Promise.all(htmls.map((html) => batching.renderPdf(html)));
  const after = batching.stats();
  // They really were printed together (a wrong page-count estimate reprints, still batched), never one by one.
  expect(after.batches - before.batches).toBeGreaterThanOrEqual(1);
  expect(after.fallbacks - before.fallbacks).toBe(0);
  expect(after.batchedDocuments - before.batchedDocuments + (after.reprinted - before.reprinted)).toBeGreaterThanOrEqual(htmls.length - 1);
  printed.alone = await Promise.all(pdfs.alone.map((pdf) => readTaggedPdf(pdf)));
  printed.batched = await Promise.all(pdfs.batched.map((pdf) => readTaggedPdf(pdf)));
});

describe.each(['alone', 'batched'] as const)('tagged PDFs printed %s', (path) => {
  describe.each(cases.map((entry, index) => ({ ...entry, index })))('$name', ({ doc, locale, dir, index }) => {
    const t = translator(languageOf(locale));
    const pdf = () => printed[path][index] as TaggedPdf;

    it('declares itself tagged, in the document language, with its title shown as the window title', () => {
      expect(pdf().marked).toBe(true);
      expect(pdf().lang).toBe(locale);
      expect(pdf().title).toBe(`${t(`title.${doc.type}`)} ${doc.number}`);
      expect(pdf().displayDocTitle).toBe(true);
    });

    it('has a structure tree on every page that holds all of its text', () => {
      expect(pdf().pages.length).toBeGreaterThan(0);
      if (locale === 'ar') expect(pdf().pages.length).toBeGreaterThan(1);
      for (const page of pdf().pages) {
        expect(page.root?.children[0]?.role).toBe('Document');
        expect(page.root?.children[0]?.lang).toBe(locale);
        expect(page.untaggedText).toEqual([]);
      }
    });

    it('has the logo as a figure with the brand as its alternate text, then the title as heading 1, then the parties under headings 2', () => {
      const first = elements(pdf().pages[0]?.root);
      const figures = first.filter((node) => node.role === 'Figure');
      expect(figures.map((figure) => figure.alt)).toEqual([theme.brandName]);
      expect(first.indexOf(figures[0] as StructNode)).toBeLessThan(first.findIndex((node) => node.role === 'H1'));
      const headings = first.filter((node) => node.role === 'H1' || node.role === 'H2');
      expect(headings[0]?.role).toBe('H1');
      expect(letters(headings[0]?.text ?? '')).toBe(letters(t(`title.${doc.type}`)));
      expect(headings.slice(1, 3).map((node) => [node.role, letters(node.text)])).toEqual([
        ['H2', letters(t('party.seller'))],
        ['H2', letters(t('party.buyer'))],
      ]);
    });

    it('has the lines table with column header cells (TH, scope Column) that read in the direction of the layout', async () => {
      const labels = ['lines.description', 'lines.quantity', 'lines.unitPrice', 'lines.taxRate', 'lines.netAmount'].map((key) => t(key));
      for (const page of pdf().pages) {
        // The header row repeats on every page the table runs over, tagged each time.
        const table = firstTable(page.root, labels[0] as string);
        expect(table, 'lines table').toBeDefined();
        const header = table?.children[0];
        expect(header?.role).toBe('TR');
        expect(header?.children.map((cell) => cell.role)).toEqual(labels.map(() => 'TH'));
        expect(header?.children.map((cell) => letters(cell.text))).toEqual(labels.map(letters));
        // Tree order is reading order: left to right on the page in English and Japanese, right to left in Arabic.
        const xs = header?.children.map((cell) => cell.x as number) ?? [];
        const sorted = [...xs].sort((a, b) => (dir === 'rtl' ? b - a : a - b));
        expect(xs).toEqual(sorted);
        expect(table?.children.slice(1).some((row) => row.children.every((cell) => cell.role === 'TD'))).toBe(true);
      }
      const scopes = await headerScopes(pdfs[path][index] as Buffer);
      expect(scopes.filter((scope) => scope === 'Column').length).toBeGreaterThanOrEqual(labels.length);
      // The masthead's facts and the totals are row headers.
      expect(scopes).toContain('Row');
    });

    it('has the totals as a table of row headers and amounts, and the addresses as blocks', () => {
      const last = elements(pdf().pages.at(-1)?.root);
      const totals = last.find((node) => node.role === 'Table' && node.children.some((row) => letters(row.children[0]?.text ?? '') === letters(t('totals.net'))));
      expect(totals?.children.every((row) => row.role === 'TR' && row.children.map((cell) => cell.role).join() === 'TH,TD')).toBe(true);
      // Each party is a Div: its heading, then its name and address as a Div of their own.
      const first = elements(pdf().pages[0]?.root);
      const parties = first.filter((node) => node.role === 'Div' && node.children[0]?.role === 'H2');
      expect(parties.map((party) => letters(party.children[0]?.text ?? ''))).toEqual([letters(t('party.seller')), letters(t('party.buyer'))]);
      const buyerAddress = parties[1]?.children[1];
      expect(buyerAddress?.role).toBe('Div');
      expect(buyerAddress?.text).toContain(doc.buyer.name);
      expect(buyerAddress?.text).toContain(doc.buyer.address?.city);
    });
  });

  it('has the same structure as the other way of printing', () => {
    const other = path === 'alone' ? printed.batched : printed.alone;
    printed[path].forEach((pdf, index) => {
      // The batch wraps each document in one more untyped element (its page anchor): compare the rest.
      const typed = (tree: TaggedPdf) => tree.pages.map((page) => Object.entries(roleCounts(page.root)).filter(([role]) => role !== 'NonStruct'));
      expect(typed(pdf)).toEqual(typed(other[index] as TaggedPdf));
    });
  });
});

describe('tagged PDFs after other tools', () => {
  it('stay tagged as Factur-X: PDF/A-3 with factur-x.xml, the same structure tree, the document language', async () => {
    const model = cases[0]?.doc as DocumentModel;
    const invoice = toInvoiceJson({ model, number: model.number as string, terms: { seller: {}, buyer: {} }, format: 'factur-x' });
    const facturX = await renderEInvoice(invoice, 'factur-x', { pdf: pdfs.batched[0], lang: 'en' });
    expect((await embeddedFiles(facturX)).has('factur-x.xml')).toBe(true);
    expect(await xmpMetadata(facturX)).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    const pdf = await readTaggedPdf(facturX);
    expect(pdf.marked).toBe(true);
    expect(pdf.lang).toBe('en-GB');
    expect(pdf.pages.map((page) => roleCounts(page.root))).toEqual(printed.batched[0]?.pages.map((page) => roleCounts(page.root)));
    expect(pdf.pages.every((page) => page.untaggedText.length === 0)).toBe(true);
  });

  it('keep their tags, language and title through a pdf-lib load and save (as the Factur-X conversion does)', async () => {
    const resaved = Buffer.from(await (await PDFDocument.load(pdfs.batched[1] as Buffer, { updateMetadata: false })).save());
    const pdf = await readTaggedPdf(resaved);
    expect(pdf.lang).toBe('ar');
    expect(pdf.title).toBe(printed.batched[1]?.title);
    expect(pdf.pages.map((page) => roleCounts(page.root))).toEqual(printed.batched[1]?.pages.map((page) => roleCounts(page.root)));
  });
});

describe('splitting a tagged batch', () => {
  it('refuses a cut that would put one document’s visible content into another’s PDF, or tags that do not match the batch', async () => {
    const docs = htmls.map((html) => parseBatchable(html)!);
    // The English and the Japanese document, one page each, printed by hand so the cut can be made wrong on purpose.
    const html = composeBatch([docs[0]!, docs[2]!], [1, 1]);
    const renderer = createChromiumRenderer({ batch: false });
    try {
      const batch = readBatchPdf(await renderer.renderPdf(html));
      const structure = readStructure(batch);
      expect(structure?.documents).toHaveLength(2);
      const starts = destinationPages(batch, [documentAnchor(0), documentAnchor(1)]);
      expect(pageCountsFromStarts(starts, batch.pages.length)).toEqual([1, 1]);
      const part = (index: number, firstPage: number) => ({ index, firstPage, pageCount: 1, title: 'x', lang: 'en' });
      // The right cut works; the first document's tags on the second document's page do not.
      const [first] = splitPdf(batch, [part(0, 0), part(1, 1)], 2, structure);
      expect((await readTaggedPdf(first as Buffer)).pages[0]?.untaggedText).toEqual([]);
      expect(() => splitPdf(batch, [part(0, 1)], 2, structure)).toThrow(StructureSplitError);
      expect(() => splitPdf(batch, [part(0, 0)], 3, structure)).toThrow(/2 document elements for 3 documents/);
    } finally {
      await renderer.close();
    }
  });

  it('prints a long tagged document alone (its split would cost more than the shared call saves), tagged', async () => {
    const before = batching.stats();
    const long = renderDocumentHtml(sampleInvoice({ lineCount: 150, buyerName: 'Long Buyer' }), { locale: 'en-GB' }).html;
    const short = (name: string) => renderDocumentHtml(sampleInvoice({ lineCount: 3, buyerName: name }), { locale: 'en-GB' }).html;
    const [longPdf] = await Promise.all([batching.renderPdf(long), batching.renderPdf(short('Short One')), batching.renderPdf(short('Short Two'))]);
    const after = batching.stats();
    // The two short ones share a call; the long one has its own.
    expect(after.rendered - before.rendered).toBe(1);
    expect(after.batchedDocuments - before.batchedDocuments).toBe(2);
    const read = await readTaggedPdf(longPdf as Buffer);
    expect(read.pages.length).toBeGreaterThan(4);
    expect(read.pages.every((page) => page.root?.children[0]?.role === 'Document' && page.untaggedText.length === 0)).toBe(true);
  });

  it('prints untagged PDFs when asked (the benchmark’s comparison), and splits them as before', async () => {
    const untagged = createChromiumRenderer({ tagged: false, batch: { windowMs: 50 } });
    try {
      const pdfsUntagged = await Promise.all(htmls.map((html) => untagged.renderPdf(html)));
      expect(untagged.stats().batchedDocuments).toBeGreaterThanOrEqual(1);
      for (const pdf of pdfsUntagged) {
        const read = await readTaggedPdf(pdf);
        expect(read.marked).toBe(false);
        expect(read.pages.every((page) => page.root === undefined)).toBe(true);
      }
    } finally {
      await untagged.close();
    }
  });
});
