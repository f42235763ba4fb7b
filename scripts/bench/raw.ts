import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../connector/render/browser-session.ts';
import { startRssSampler } from './process-rss.ts';
import { startCpuMeter, summarise, type Measurement } from './stats.ts';

/**
 * The baseline: what plain Playwright does with no Folio in between — one browser, one reused page,
 * setContent + page.pdf per document, one document at a time, on the same HTML Folio gets. `tagged`
 * asks Chromium for a tagged PDF, as Folio does by default.
 */
export async function rawBaseline(
  executablePath: string,
  htmls: readonly string[],
  warmUp: readonly string[],
  { tagged = false }: { tagged?: boolean } = {},
): Promise<Measurement> {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const print = async (html: string) => {
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({ format: 'A4', printBackground: true, tagged });
    };
    for (const html of warmUp) await print(html);
    const sampler = startRssSampler();
    const cpu = startCpuMeter();
    const latencies: number[] = [];
    const started = performance.now();
    for (const html of htmls) {
      const t0 = performance.now();
      await print(html);
      latencies.push(performance.now() - t0);
    }
    return summarise(latencies, performance.now() - started, sampler.stop(), cpu.stop());
  } finally {
    await browser.close();
  }
}
