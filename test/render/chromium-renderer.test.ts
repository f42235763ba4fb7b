import { describe, expect, it } from 'vitest';
import { createChromiumRenderer, type ChromiumRenderer, type ChromiumRendererOptions } from '../../connector/render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { RenderTimeoutError } from '../../connector/render/render-errors.ts';
import { sampleInvoice } from './fixtures/sample-invoice.ts';
import { ourChromiumBrowserPids } from './helpers/browser-processes.ts';
import { pdfInfo, pdfText } from './helpers/pdf-text.ts';
import { waitFor } from './helpers/wait-for.ts';

const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;

/** An earlier test's browser may still be on its way out after its close(): tests that count browsers wait for it. */
const noBrowserLeft = () => waitFor(() => ourChromiumBrowserPids().length === 0);

/** Each test owns its renderer (and so its browser processes), and always closes it. */
async function withRenderer(options: ChromiumRendererOptions, use: (renderer: ChromiumRenderer) => Promise<void>): Promise<void> {
  await noBrowserLeft();
  const renderer = createChromiumRenderer(options);
  try {
    await use(renderer);
  } finally {
    await renderer.close();
  }
}

describe('createChromiumRenderer (real Chromium)', () => {
  it('blocks every network request: remote assets are aborted and no response ever arrives', async () => {
    await withRenderer({}, async (renderer) => {
      const html = page(`<p>Offline</p>
        <img src="http://example.com/x.png">
        <link rel="stylesheet" href="https://example.com/style.css">
        <iframe src="https://example.com/"></iframe>
        <div style="background-image: url(http://example.com/bg.png)">bg</div>`);
      const text = await pdfText(await renderer.renderPdf(html));
      expect(text).toContain('Offline');
      expect(renderer.stats().blockedRequests).toBeGreaterThanOrEqual(4);
      expect(renderer.stats().networkResponses).toBe(0);
    });
  });

  it('cannot read local files into the PDF', async () => {
    await withRenderer({}, async (renderer) => {
      const html = page(`<p>Local</p><iframe src="file:///etc/passwd"></iframe>
        <object data="file:///etc/passwd" type="text/plain"></object><img src="file:///etc/passwd">`);
      const text = await pdfText(await renderer.renderPdf(html));
      expect(text).toContain('Local');
      expect(text).not.toContain('root:');
      expect(renderer.stats().networkResponses).toBe(0);
    });
  });

  it('runs no page JavaScript', async () => {
    await withRenderer({}, async (renderer) => {
      const html = page(`<p id="target">Original text</p>
        <script>document.getElementById('target').textContent = 'Script ran';</script>
        <img src="data:," onerror="document.body.textContent = 'Handler ran'">`);
      const text = await pdfText(await renderer.renderPdf(html));
      expect(text).toContain('Original text');
      expect(text).not.toMatch(/Script ran|Handler ran/);
    });
  });

  it('keeps concurrent documents apart on the pooled pages', async () => {
    await withRenderer({ concurrency: 2 }, async (renderer) => {
      const markers = Array.from({ length: 6 }, (_, i) => `Document-${i}-marker`);
      const pdfs = await Promise.all(markers.map((marker) => renderer.renderPdf(page(`<h1>${marker}</h1>`))));
      const texts = await Promise.all(pdfs.map((pdf) => pdfText(pdf)));
      texts.forEach((text, i) => {
        expect(text).toContain(markers[i]);
        expect(text.match(/Document-\d-marker/g)).toHaveLength(1);
      });
      expect(renderer.stats()).toMatchObject({ launches: 1, rendered: 6 });
    });
  });

  it('prints Letter when asked and A4 by default', async () => {
    await withRenderer({}, async (renderer) => {
      expect((await pdfInfo(await renderer.renderPdf(page('A4')))).pageSize).toContain('(A4)');
      expect((await pdfInfo(await renderer.renderPdf(page('Letter'), { format: 'Letter' }))).pageSize).toContain('(letter)');
    });
  });

  it('survives a killed browser: the next render relaunches Chromium', async () => {
    await withRenderer({}, async (renderer) => {
      await renderer.renderPdf(page('before'));
      const [browserPid, ...others] = ourChromiumBrowserPids();
      expect(browserPid).toBeDefined();
      expect(others).toEqual([]);
      process.kill(browserPid as number, 'SIGKILL');
      // No waiting for the disconnect: the render either sees it, or fails on the dead browser and retries once.
      expect(await pdfText(await renderer.renderPdf(page('after the crash')))).toContain('after the crash');
      expect(renderer.stats()).toMatchObject({ launches: 2, crashes: 1 });
      expect(ourChromiumBrowserPids()).not.toContain(browserPid);
    });
  });

  it('retries a document whose browser is killed mid-render on a fresh browser', async () => {
    await withRenderer({}, async (renderer) => {
      await renderer.renderPdf(page('warm up'));
      const [browserPid] = ourChromiumBrowserPids();
      // A 1,000-line invoice takes far longer than 100 ms to print, so the kill lands inside the render.
      const { html } = renderDocumentHtml(sampleInvoice({ lineCount: 1_000 }));
      const rendering = renderer.renderPdf(html);
      await new Promise((resolve) => setTimeout(resolve, 100));
      process.kill(browserPid as number, 'SIGKILL');
      expect(await pdfText(await rendering, { layout: false })).toContain('Line item 1000');
      expect(renderer.stats()).toMatchObject({ launches: 2, crashes: 1, rendered: 2 });
    });
  });

  it('rejects a render that overruns its budget with a clear error, then keeps working', async () => {
    await withRenderer({}, async (renderer) => {
      const { html } = renderDocumentHtml(sampleInvoice({ lineCount: 300 }));
      const slow = renderer.renderPdf(html, { timeoutMs: 5 });
      await expect(slow).rejects.toBeInstanceOf(RenderTimeoutError);
      await expect(slow).rejects.toThrow('PDF render timed out after 5 ms; the page was discarded and the renderer stays usable');
      expect(await pdfText(await renderer.renderPdf(page('still alive')))).toContain('still alive');
      expect(renderer.stats()).toMatchObject({ timeouts: 1, launches: 1 });
    });
  });

  it('recycles the browser after the configured number of documents', async () => {
    await withRenderer({ recycleAfterDocuments: 2 }, async (renderer) => {
      await renderer.renderPdf(page('one'));
      const [first] = ourChromiumBrowserPids();
      await renderer.renderPdf(page('two'));
      await renderer.renderPdf(page('three'));
      expect(renderer.stats()).toMatchObject({ launches: 2, rendered: 3, crashes: 0 });
      await waitFor(() => !ourChromiumBrowserPids().includes(first as number));
      expect(ourChromiumBrowserPids()).toHaveLength(1);
    });
  });

  it('replaces a tab once it has printed its share of documents, on the same browser', async () => {
    await withRenderer({ batch: false, concurrency: 1, recyclePageAfterDocuments: 2 }, async (renderer) => {
      for (const n of [1, 2, 3, 4, 5]) expect(await pdfText(await renderer.renderPdf(page(`tab document ${n}`)))).toContain(`tab document ${n}`);
      // Documents 1–2 on the first tab, 3–4 on the second, 5 on the third.
      expect(renderer.stats()).toMatchObject({ launches: 1, rendered: 5, pagesOpened: 3 });
    });
    await withRenderer({ batch: false, concurrency: 1 }, async (renderer) => {
      for (const n of [1, 2, 3]) await renderer.renderPdf(page(`reused ${n}`));
      expect(renderer.stats()).toMatchObject({ rendered: 3, pagesOpened: 1 });
    });
  });

  it('starts lazily and leaves no browser behind after close', async () => {
    await noBrowserLeft();
    const renderer = createChromiumRenderer();
    expect(ourChromiumBrowserPids()).toEqual([]);
    await renderer.renderPdf(page('lazy'));
    expect(ourChromiumBrowserPids()).toHaveLength(1);
    await renderer.close();
    await waitFor(() => ourChromiumBrowserPids().length === 0);
    await expect(renderer.renderPdf(page('closed'))).rejects.toThrow('PDF renderer is closed');
  });
});
