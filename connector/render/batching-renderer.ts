import { RetryableError } from '../core/errors.ts';
import {
  batchPageCss,
  composeBatch,
  documentAnchor,
  estimatePageCount,
  PAGE_STYLE_ID,
  parseBatchable,
  type BatchableDocument,
} from './batch-html.ts';
import type { PrintPage } from './cdp/print-page.ts';
import { LOAD_FONTS, pdfOptions, type PagePool, type PagePoolStats } from './page-pool.ts';
import { destinationPages, readBatchPdf } from './pdf-batch.ts';
import { pageCountsFromStarts, splitPdf } from './pdf-split.ts';
import { readStructure } from './pdf-structure.ts';
import type { PdfRenderer, RenderOptions } from '../core/ports/pdf-renderer.ts';

/**
 * Most of what a page.pdf call costs is per call, not per page (headless shell: ≈ 45 ms for a one-page
 * invoice alone, ≈ 15 ms each when eight are printed together). This renderer collects documents that
 * arrive within a few milliseconds, prints them in one call, and splits the PDF back into one PDF per
 * document. Callers see the plain PdfRenderer: renderPdf(html) resolves with that document's own PDF.
 *
 * "Page X of Y" must stay per document. Each document numbers its pages with its own CSS counter; its
 * total Y cannot come from CSS, so it is estimated from the laid-out height before printing and checked
 * against the printed PDF (named destinations mark where each document starts). A document whose
 * estimate was wrong is printed again with its now-known page count; a batch that fails in any way
 * falls back to printing its documents one by one. Nothing is ever resolved from an unchecked count.
 */

export interface BatchingOptions {
  /** Most documents in one call. Default 12: beyond that the saving per document flattens out. */
  maxDocuments?: number;
  /**
   * While another batch is printing, how long a document waits for company before it takes a free slot
   * (it goes sooner when the batch is full, when all `callers` are here, or when the print ends). Default
   * 120 ms. With nothing printing, a document never waits. 0: only what is already queued.
   */
  windowMs?: number;
  /** Batches printing at once; match the pool's concurrency. Default 2. */
  slots?: number;
  /**
   * The most documents that can be waiting for this renderer at once (the connector's jobs in flight).
   * Once all of them are printing or waiting, no more company can come: the wait ends there.
   */
  callers?: number;
}

export interface BatchingStats {
  /** page.pdf calls that printed two or more documents. */
  batches: number;
  /** Documents delivered from a batch (after the check). */
  batchedDocuments: number;
  /** Documents printed a second time because their page count estimate was wrong. */
  reprinted: number;
  /** Documents printed alone after their batch failed. */
  fallbacks: number;
}

export interface BatchingRenderer extends PdfRenderer {
  stats(): PagePoolStats & BatchingStats;
}

interface Pending {
  html: string;
  doc: BatchableDocument;
  key: string;
  options: RenderOptions;
  since: number;
  resolve(pdf: Buffer): void;
  reject(error: unknown): void;
}

interface Printed {
  pdf: Buffer;
  /** The page count each document was printed with (its "of Y"). */
  counts: number[];
}

// Resolves once inline fonts are decoded, then reports each document's height in CSS px.
const MEASURE = `Promise.all([...document.fonts].map((face) => face.load())).then(() => document.fonts.ready).then(() =>
  [...document.querySelectorAll('.folio-doc')].map((element) => element.getBoundingClientRect().height))`;

/**
 * A tagged document longer than this (HTML body characters, ≈ 5 pages of invoice lines) is printed alone:
 * its own printing dominates what a shared call saves, and splitting its structure tree out of a batch
 * costs more than that (npm run bench: a 10-page tagged invoice, 240 CPU ms alone, 288–306 ms batched).
 */
const LONG_TAGGED_BODY = 32_000;

/** Pages already switched to print media at a given width, so each batch does not pay for it again. */
const pageWidths = new WeakMap<PrintPage, number>();

async function prepareForMeasuring(page: PrintPage, width: number): Promise<void> {
  if (pageWidths.get(page) === width) return;
  await page.emulatePrint(width);
  pageWidths.set(page, width);
}

/** Puts the batch's page CSS (with each document's "of Y") into its style element. */
function setPageCss(css: string): string {
  return `(() => { const style = document.getElementById(${JSON.stringify(PAGE_STYLE_ID)}); if (style) style.textContent = ${JSON.stringify(css)}; })()`;
}

export function createBatchingRenderer(pool: PagePool, options: BatchingOptions = {}): BatchingRenderer {
  const maxDocuments = Math.max(2, options.maxDocuments ?? 12);
  const windowMs = options.windowMs ?? 120;
  const slots = options.slots ?? 2;
  const callers = options.callers ?? Number.POSITIVE_INFINITY;
  let free = slots;
  /** Documents in the batches printing now. */
  let printing = 0;
  let immediate: NodeJS.Immediate | undefined;
  const pending: Pending[] = [];
  const counters: BatchingStats = { batches: 0, batchedDocuments: 0, reprinted: 0, fallbacks: 0 };
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  /** Prints documents together; with `known` counts (a reprint) there is nothing to estimate. */
  async function print(members: readonly Pending[], known?: number[]): Promise<Printed> {
    const docs = members.map((member) => member.doc);
    const box = docs[0]?.contentBox;
    const budgets = members.map((member) => member.options.timeoutMs);
    const timeoutMs = budgets.every((budget) => budget !== undefined) ? Math.max(...(budgets as number[])) : undefined;
    counters.batches += 1;
    return pool.runOnPage(
      async (page) => {
        if (!known && box) await prepareForMeasuring(page, Math.round(box.width));
        await page.setContent(composeBatch(docs, known ?? []));
        if (known) {
          await page.evaluate(LOAD_FONTS);
          return { pdf: await page.pdf(pdfOptions(members[0]?.options.format, pool.tagged)), counts: known };
        }
        const heights = await page.evaluate<number[]>(MEASURE);
        const counts = heights.map((height) => (box ? estimatePageCount(height, box.height) : 1));
        await page.evaluate(setPageCss(batchPageCss(docs, counts)));
        return { pdf: await page.pdf(pdfOptions(members[0]?.options.format, pool.tagged)), counts };
      },
      { timeoutMs, documents: members.length },
    );
  }

  /** Splits a printed batch; returns the members whose count was wrong, with their true counts. */
  async function deliver(members: readonly Pending[], printed: Printed): Promise<Array<[Pending, number]>> {
    const batch = readBatchPdf(printed.pdf);
    const structure = readStructure(batch);
    if (pool.tagged && !structure) throw new RetryableError('Tagged batch PDF has no structure tree');
    const starts = destinationPages(batch, members.map((_, index) => documentAnchor(index)));
    const actual = pageCountsFromStarts(starts, batch.pages.length);
    if (!actual) throw new RetryableError('Batch PDF lacks its document markers');
    const right = members.flatMap((member, index) =>
      actual[index] === printed.counts[index] ? [{ member, index, firstPage: starts[index] as number, pageCount: actual[index] as number }] : [],
    );
    const parts = right.map(({ member, index, firstPage, pageCount }) => ({ index, firstPage, pageCount, title: member.doc.title, lang: member.doc.lang }));
    const pdfs = splitPdf(batch, parts, members.length, structure);
    right.forEach(({ member }, index) => member.resolve(pdfs[index] as Buffer));
    counters.batchedDocuments += right.length;
    return members.flatMap((member, index) => (actual[index] === printed.counts[index] ? [] : [[member, actual[index] as number]]));
  }

  function alone(member: Pending): Promise<void> {
    return pool.renderPdf(member.html, member.options).then(member.resolve, member.reject);
  }

  async function run(members: Pending[]): Promise<void> {
    if (members.length === 1) return alone(members[0] as Pending);
    try {
      let wrong = await deliver(members, await print(members));
      if (wrong.length > 0) {
        counters.reprinted += wrong.length;
        // Page counts do not depend on the footer text, so the second print has them right.
        if (wrong.length === 1) return await alone((wrong[0] as [Pending, number])[0]);
        wrong = await deliver(wrong.map(([member]) => member), await print(wrong.map(([member]) => member), wrong.map(([, count]) => count)));
        await Promise.all(wrong.map(([member]) => alone(member)));
      }
    } catch {
      // Whatever went wrong (a crash, a timeout, one bad document), each document gets its own try.
      const unsettled = members.filter((member) => !settled.has(member));
      counters.fallbacks += unsettled.length;
      await Promise.all(unsettled.map((member) => alone(member)));
    }
  }

  const settled = new WeakSet<Pending>();
  function take(key: string): Pending[] {
    const batch: Pending[] = [];
    for (let i = 0; i < pending.length && batch.length < maxDocuments; ) {
      if (pending[i]?.key === key) batch.push(...pending.splice(i, 1));
      else i += 1;
    }
    return batch;
  }

  /**
   * Starts batches while slots are free. With nothing printing, documents only wait for the rest of the
   * current tick (callers that submit together arrive together), so a lone caller pays no window. While
   * a batch is printing, newcomers wait for it to end (then nothing is printing), for company (a full
   * batch, or every caller here), or windowMs at most. A free slot used at once would mostly print one
   * document at a time under load: in a burst through the whole connector (`npm run bench:e2e`, 2 cores,
   * 8 jobs in flight) prints averaged 2.2 documents and Chromium took 44–47 CPU ms per document; waiting,
   * 2.9 and 37–40 ms (with 16 jobs in flight, 5.8 and 31 ms).
   */
  function pump(fromImmediate = false): void {
    clearTimeout(timer);
    timer = undefined;
    while (free > 0 && pending.length > 0) {
      const oldest = pending[0] as Pending;
      const waited = performance.now() - oldest.since;
      const full = pending.filter((item) => item.key === oldest.key).length >= maxDocuments;
      const idle = free === slots;
      const everyoneHere = pending.length + printing >= callers;
      if (!full && !(idle ? fromImmediate : waited >= windowMs || everyoneHere)) {
        if (idle) immediate ??= setImmediate(() => {
          immediate = undefined;
          pump(true);
        });
        else timer = setTimeout(pump, windowMs - waited);
        return;
      }
      const batch = take(oldest.key);
      free -= 1;
      printing += batch.length;
      void run(batch).finally(() => {
        free += 1;
        printing -= batch.length;
        pump();
      });
    }
  }

  return {
    renderPdf(html, renderOptions = {}) {
      if (closed) return Promise.reject(new RetryableError('PDF renderer is closed'));
      const doc = parseBatchable(html);
      if (!doc || (pool.tagged && doc.body.length > LONG_TAGGED_BODY)) return pool.renderPdf(html, renderOptions);
      return new Promise<Buffer>((resolve, reject) => {
        const item: Pending = {
          html,
          doc,
          key: `${renderOptions.format ?? ''}\n${doc.sharedHead}`,
          options: renderOptions,
          since: performance.now(),
          resolve: (pdf) => {
            settled.add(item);
            resolve(pdf);
          },
          reject: (error) => {
            settled.add(item);
            reject(error);
          },
        };
        pending.push(item);
        pump();
      });
    },

    async close() {
      closed = true;
      clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      for (const item of pending.splice(0)) item.reject(new RetryableError('PDF renderer is closed'));
      await pool.close();
    },

    stats() {
      return { ...pool.stats(), ...counters };
    },
  };
}
