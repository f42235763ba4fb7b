import { createBatchingRenderer, type BatchingOptions, type BatchingRenderer } from './batching-renderer.ts';
import { createPagePool, type PagePoolOptions, type PagePoolStats } from './page-pool.ts';

export { defaultExecutablePath } from './page-pool.ts';

export interface ChromiumRendererOptions extends PagePoolOptions {
  /**
   * Print documents from the shared layout several per page.pdf call (see batching-renderer.ts).
   * Default on; false prints every document alone. Other HTML is always printed alone.
   */
  batch?: false | Omit<BatchingOptions, 'slots'>;
}

export type ChromiumRendererStats = ReturnType<BatchingRenderer['stats']>;

/** Chromium print calls so far (one per batch, one per document printed alone) and the PDFs they delivered. */
export function printTotalsOf(stats: ChromiumRendererStats): { calls: number; documents: number } {
  return { calls: stats.batches + stats.rendered, documents: stats.batchedDocuments + stats.rendered };
}
export type { PagePoolStats };

export type ChromiumRenderer = BatchingRenderer;

/**
 * Folio's PDF renderer: one long-lived Chromium with a pool of reused pages (page-pool.ts), printing
 * documents in batches where it can. Batching is invisible to callers: each renderPdf resolves with
 * its own document's PDF, numbered "Page 1 of N" from its own first page.
 */
export function createChromiumRenderer(options: ChromiumRendererOptions = {}): ChromiumRenderer {
  const pool = createPagePool(options);
  if (options.batch === false) {
    return {
      renderPdf: (html, renderOptions) => pool.renderPdf(html, renderOptions),
      close: () => pool.close(),
      stats: () => ({ ...pool.stats(), batches: 0, batchedDocuments: 0, reprinted: 0, fallbacks: 0 }),
    };
  }
  return createBatchingRenderer(pool, { ...options.batch, slots: options.concurrency ?? 2 });
}
