import type { PdfRenderer } from '../core/ports/pdf-renderer.ts';

export interface BrowserReadiness {
  /** The renderer to hand to the pipeline: the same one, noting each successful render. */
  renderer: PdfRenderer;
  /** True when Chromium renders: a real render succeeded lately, or a tiny probe document prints now. */
  ready(): Promise<boolean>;
}

const PROBE_HTML = '<!doctype html><html><body><p>folio readiness probe</p></body></html>';

/**
 * Readiness of the browser without taxing it. At peak the render slots are all busy, and a probe
 * queued behind them would time out and take a healthy connector out of service; so a real render
 * that succeeded in the last `freshMs` counts, and only an idle connector prints a probe page
 * (launching Chromium if it is not running: "launchable"). Probe results are kept for `probeEveryMs`
 * so frequent readiness checks do not print a page each.
 */
export function createBrowserReadiness(pdf: PdfRenderer, options: { freshMs?: number; probeEveryMs?: number; timeoutMs?: number } = {}): BrowserReadiness {
  const freshMs = options.freshMs ?? 30_000;
  const probeEveryMs = options.probeEveryMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let lastSuccess = 0;
  let lastProbe: { at: number; ok: boolean } | undefined;
  let probing: Promise<boolean> | undefined;

  const renderer: PdfRenderer = {
    async renderPdf(html, renderOptions) {
      const bytes = await pdf.renderPdf(html, renderOptions);
      lastSuccess = Date.now();
      return bytes;
    },
    close: () => pdf.close(),
  };

  async function probe(): Promise<boolean> {
    try {
      const bytes = await pdf.renderPdf(PROBE_HTML, { timeoutMs });
      const ok = bytes.subarray(0, 5).toString('latin1') === '%PDF-';
      if (ok) lastSuccess = Date.now();
      return ok;
    } catch {
      return false;
    }
  }

  return {
    renderer,
    async ready() {
      const now = Date.now();
      if (now - lastSuccess < freshMs) return true;
      if (lastProbe && now - lastProbe.at < probeEveryMs) return lastProbe.ok;
      probing ??= probe().then((ok) => {
        lastProbe = { at: Date.now(), ok };
        probing = undefined;
        return ok;
      });
      return probing;
    },
  };
}
