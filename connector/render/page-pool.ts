import { existsSync } from 'node:fs';
import { PermanentError, RetryableError } from '../core/errors.ts';
import { BrowserSession, type SessionCounters } from './browser-session.ts';
import type { PrintOptions, PrintPage } from './cdp/print-page.ts';
import { BrowserGoneError, RenderTimeoutError } from './render-errors.ts';
import type { PdfRenderer, RenderOptions } from '../core/ports/pdf-renderer.ts';
import { Semaphore } from '../core/semaphore.ts';

export interface PagePoolOptions {
  /** Default: /usr/bin/chromium-headless-shell if installed (≈ 2× cheaper per PDF), else /usr/bin/chromium. */
  executablePath?: string;
  /** Pages rendering at once in the one browser. Default 2: more pages add memory, not throughput. */
  concurrency?: number;
  /** Per-document budget, unless a render asks for its own. Default 30 s. */
  timeoutMs?: number;
  /** Relaunch the browser after this many documents: its memory creeps ≈ 50–90 KB per document. Default 2,000. */
  recycleAfterDocuments?: number;
  /**
   * Replace a page (tab) after it has printed this many documents. A reused tab gets slower: over 3,000
   * batched invoices on one browser, Chromium's CPU per document rose from 10.3–11.2 ms to 13.7–14.6 ms
   * in the last 500, and stayed at 10.6–11.7 with tabs replaced every 120 documents (two interleaved
   * pairs); replacing them every ≈ 25 cost more than it saved. Default 120.
   */
  recyclePageAfterDocuments?: number;
  /**
   * Tagged (accessible) PDFs: a structure tree from the HTML's semantics, /Lang from <html lang>, the
   * <title> shown as the window title. Default true; false only to measure what tagging costs.
   */
  tagged?: boolean;
}

export interface PagePoolStats extends SessionCounters {
  /** Browsers launched so far (first start, relaunch after a crash, recycling). */
  launches: number;
  /** PDFs produced one document per call (batches count in the batching renderer's own figures). */
  rendered: number;
  /** Browsers that exited without being asked to. */
  crashes: number;
  timeouts: number;
}

/** Work done on one pooled page, e.g. several documents printed in one call. */
export type PageJob<T> = (page: PrintPage) => Promise<T>;

export interface PagePool extends PdfRenderer {
  /** Whether this pool prints tagged PDFs; whoever prints on its pages must use the same options. */
  readonly tagged: boolean;
  /**
   * Runs `job` on a pooled page under the same rules as renderPdf: a slot of the concurrency limit, the
   * time budget (the page is discarded on timeout or failure), crash detection and browser recycling.
   * `documents` counts toward recycling. No retry: the caller decides what a failure means.
   */
  runOnPage<T>(job: PageJob<T>, options: { timeoutMs?: number; documents?: number }): Promise<T>;
  stats(): PagePoolStats;
}

export function defaultExecutablePath(): string {
  return existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium';
}

/** Rejects with RenderTimeoutError if `work` is not done in time; `work`'s own late failure is swallowed. */
async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RenderTimeoutError(timeoutMs)), timeoutMs);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Options for every print. A CSS `@page { size }` wins over `format` (preferCSSPageSize), so a layout
 * that asks for Letter gets it with no option passed; `format` is the paper for HTML that says nothing.
 */
export function pdfOptions(format: 'A4' | 'Letter' = 'A4', tagged = true): PrintOptions {
  return { format, printBackground: true, preferCSSPageSize: true, tagged };
}

/**
 * Loads every @font-face the document declares, then waits for layout's own loads. document.fonts.ready
 * alone is not enough: a unicode-range subset needed only by a page margin box (a Japanese "ページ" in
 * the page counter) starts loading when printing begins, and Chromium then leaves every margin box of
 * the print blank (font block period). The layout inlines only the subsets its text needs, so this is cheap.
 */
export const LOAD_FONTS = 'Promise.all([...document.fonts].map((face) => face.load())).then(() => document.fonts.ready).then(() => true)';

async function printPdf(page: PrintPage, html: string, format: 'A4' | 'Letter', tagged: boolean): Promise<Buffer> {
  // No timeout per step: the caller's budget covers the whole render.
  await page.setContent(html);
  // Page scripts are disabled, but the driver can still evaluate: wait for inline @font-face fonts to be
  // decoded, otherwise the PDF may embed the fallback font. With system fonts only this resolves at once.
  await page.evaluate(LOAD_FONTS);
  return page.pdf(pdfOptions(format, tagged));
}

/**
 * A PdfRenderer on one long-lived Chromium with a small pool of reused pages. The browser starts on the
 * first render, is relaunched when it crashes, and is replaced every `recycleAfterDocuments` documents
 * (the old one finishes its in-flight pages first). One document per page.pdf call; the batching
 * renderer (batching-renderer.ts) builds on runOnPage to print several per call.
 */
export function createPagePool(options: PagePoolOptions = {}): PagePool {
  const executablePath = options.executablePath ?? defaultExecutablePath();
  const defaultTimeoutMs = options.timeoutMs ?? 30_000;
  const recycleAfter = options.recycleAfterDocuments ?? 2_000;
  const recyclePageAfter = options.recyclePageAfterDocuments ?? 120;
  const tagged = options.tagged ?? true;
  const slots = new Semaphore(options.concurrency ?? 2);
  const counters: PagePoolStats = {
    blockedRequests: 0,
    networkResponses: 0,
    launches: 0,
    rendered: 0,
    crashes: 0,
    timeouts: 0,
    pagesOpened: 0,
  };
  const sessions = new Set<BrowserSession>();
  let current: BrowserSession | undefined;
  let launching: Promise<BrowserSession> | undefined;
  let closed = false;

  async function launch(): Promise<BrowserSession> {
    if (!existsSync(executablePath)) throw new PermanentError(`Chromium not found at ${executablePath}`);
    let session: BrowserSession;
    try {
      session = await BrowserSession.launch(executablePath, counters, recyclePageAfter);
    } catch (error) {
      throw new RetryableError(`Chromium failed to start: ${(error as Error).message}`, { cause: error });
    }
    counters.launches += 1;
    sessions.add(session);
    session.onUnexpectedExit(() => {
      counters.crashes += 1;
      sessions.delete(session);
      if (current === session) current = undefined;
    });
    if (closed) {
      await session.close();
      throw new RetryableError('PDF renderer was closed while Chromium started');
    }
    current = session;
    return session;
  }

  async function activeSession(): Promise<BrowserSession> {
    if (current?.connected) return current;
    current = undefined;
    launching ??= launch().finally(() => {
      launching = undefined;
    });
    return launching;
  }

  function retireIfDue(session: BrowserSession): void {
    if (session.started >= recycleAfter && !session.retired) {
      session.retired = true;
      if (current === session) current = undefined;
    }
    if (session.retired && session.inFlight === 0) {
      sessions.delete(session);
      void session.close();
    }
  }

  async function attempt<T>(job: PageJob<T>, timeoutMs: number, documents = 1): Promise<T> {
    if (closed) throw new RetryableError('PDF renderer is closed');
    const session = await activeSession();
    session.started += documents;
    session.inFlight += 1;
    let page: PrintPage | undefined;
    let finished = false;
    let reusable = false;
    // The budget covers getting a page too: on a wedged browser even newPage() can hang.
    const work = (async () => {
      const taken = await session.takePage();
      if (finished) {
        session.discardPage(taken); // arrived after the timeout: nobody will use it
        throw new RenderTimeoutError(timeoutMs);
      }
      page = taken;
      return job(taken);
    })();
    try {
      const result = await withTimeout(work, timeoutMs);
      reusable = true;
      return result;
    } catch (error) {
      if (error instanceof RenderTimeoutError) {
        counters.timeouts += 1;
        throw error;
      }
      if (!session.connected) throw new BrowserGoneError('Chromium exited during the render', { cause: error });
      throw new RetryableError(`PDF render failed: ${(error as Error).message}`, { cause: error });
    } finally {
      finished = true;
      session.inFlight -= 1;
      // A page that failed or timed out may still be busy or half-loaded: never hand it to the next document.
      // (TS cannot see the closure assign `page`, so it would narrow it to undefined here.)
      const used = page as PrintPage | undefined;
      if (used) {
        if (reusable) session.returnPage(used, documents);
        else session.discardPage(used);
      }
      retireIfDue(session);
    }
  }

  return {
    tagged,

    async renderPdf(html: string, renderOptions: RenderOptions = {}) {
      if (closed) throw new RetryableError('PDF renderer is closed');
      const job: PageJob<Buffer> = (page) => printPdf(page, html, renderOptions.format ?? 'A4', tagged);
      const timeoutMs = renderOptions.timeoutMs ?? defaultTimeoutMs;
      await slots.acquire();
      try {
        let pdf: Buffer;
        try {
          pdf = await attempt(job, timeoutMs);
        } catch (error) {
          // A crash is about the browser, not the document: one fresh browser gets one more try.
          if (!(error instanceof BrowserGoneError) || closed) throw error;
          pdf = await attempt(job, timeoutMs);
        }
        counters.rendered += 1;
        return pdf;
      } finally {
        slots.release();
      }
    },

    async runOnPage(job, { timeoutMs, documents }) {
      if (closed) throw new RetryableError('PDF renderer is closed');
      await slots.acquire();
      try {
        return await attempt(job, timeoutMs ?? defaultTimeoutMs, documents);
      } finally {
        slots.release();
      }
    },

    async close() {
      closed = true;
      const starting = launching?.catch(() => undefined);
      await starting;
      current = undefined;
      await Promise.all([...sessions].map((session) => session.close()));
      sessions.clear();
    },

    stats() {
      return { ...counters };
    },
  };
}
