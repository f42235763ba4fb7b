import { PDFDocument } from 'pdf-lib';
import { createChromiumRenderer, printTotalsOf, type ChromiumRendererOptions } from '../../connector/render/chromium-renderer.ts';
import { startRssSampler } from './process-rss.ts';
import { startCpuMeter, summarise, type Measurement } from './stats.ts';

export interface FolioMeasurement extends Measurement {
  /** Pages of the first PDF produced, to show the documents are what the scenario says. */
  pages: number;
  batches: number;
  /** PDFs per Chromium print call (batches and documents printed alone). */
  documentsPerPrint: number;
  reprinted: number;
  fallbacks: number;
}

/**
 * Folio's renderer under `concurrency` callers, each sending its next document as soon as the last
 * one's PDF is back (how the pipeline's workers drive it). A fresh renderer per run, warmed up first.
 */
export async function folioRun(
  htmls: readonly string[],
  concurrency: number,
  warmUp: readonly string[],
  options: ChromiumRendererOptions = {},
): Promise<FolioMeasurement> {
  const renderer = createChromiumRenderer(options);
  try {
    await Promise.all(warmUp.map((html) => renderer.renderPdf(html)));
    const before = renderer.stats();
    const sampler = startRssSampler();
    const cpu = startCpuMeter();
    const latencies: number[] = [];
    let next = 0;
    let first: Buffer | undefined;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < htmls.length) {
          const html = htmls[next++] as string;
          const t0 = performance.now();
          const pdf = await renderer.renderPdf(html);
          latencies.push(performance.now() - t0);
          first ??= pdf;
        }
      }),
    );
    const measured = summarise(latencies, performance.now() - started, sampler.stop(), cpu.stop());
    const after = renderer.stats();
    const pages = first ? (await PDFDocument.load(first)).getPageCount() : 0;
    const [printedBefore, printedAfter] = [printTotalsOf(before), printTotalsOf(after)];
    const calls = printedAfter.calls - printedBefore.calls;
    const printed = printedAfter.documents - printedBefore.documents;
    return {
      ...measured,
      pages,
      batches: after.batches - before.batches,
      documentsPerPrint: calls > 0 ? Math.round((printed / calls) * 100) / 100 : 0,
      reprinted: after.reprinted - before.reprinted,
      fallbacks: after.fallbacks - before.fallbacks,
    };
  } finally {
    await renderer.close();
  }
}
