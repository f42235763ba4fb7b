import { afterAll, describe, expect, it } from 'vitest';
import { createChromiumRenderer, type ChromiumRenderer } from '../../connector/render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { sampleInvoice } from './fixtures/sample-invoice.ts';
import { pdfInfo } from './helpers/pdf-text.ts';

/**
 * When a batch is printing and a slot is free, a newcomer waits for company rather than printing alone
 * at once (batching-renderer.ts). The wait is long here (a minute), so a test that finishes shows the
 * other ways the wait ends: every caller has arrived, or the print in progress ended.
 */
const invoice = (buyerName: string, lineCount = 3) => renderDocumentHtml(sampleInvoice({ lineCount, buyerName }), { locale: 'en-GB' }).html;
/** Lines of the first document: several pages, so its print outlasts the others' (still batchable: < 32,000 body characters). */
const LONG_LINES = 70;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const renderers: ChromiumRenderer[] = [];
afterAll(() => Promise.all(renderers.map((renderer) => renderer.close())));

/** A warmed renderer: the browser's start does not count in what follows. */
async function renderer(batch: { windowMs: number; callers?: number }): Promise<ChromiumRenderer> {
  const created = createChromiumRenderer({ concurrency: 2, batch });
  renderers.push(created);
  await created.renderPdf(invoice('Warm-up'));
  return created;
}

/** Documents submitted one after another while the first (a longer one) is printing. */
async function whilePrinting(target: ChromiumRenderer, gapMs: number) {
  const before = target.stats();
  const finished: string[] = [];
  const submit = (name: string, html: string) => target.renderPdf(html).then((pdf) => (finished.push(name), pdf));
  const [long, secondHtml, thirdHtml] = [invoice('Long Buyer', LONG_LINES), invoice('Second Buyer'), invoice('Third Buyer')];
  const first = submit('first', long);
  // Long enough for the renderer to have started the first on its own.
  await sleep(5);
  const second = submit('second', secondHtml);
  await sleep(gapMs);
  const third = submit('third', thirdHtml);
  // A batch starts synchronously: this says whether the third's arrival started one, and whether the first was still printing.
  const onThirdArrival = { batchStarted: target.stats().batches > before.batches, firstDone: finished.includes('first') };
  const pdfs = await Promise.all([first, second, third]);
  const after = target.stats();
  return {
    pdfs,
    finished,
    onThirdArrival,
    printedAlone: after.rendered - before.rendered,
    batches: after.batches - before.batches,
    batchedDocuments: after.batchedDocuments - before.batchedDocuments,
  };
}

describe('batching renderer: waiting for company while a batch prints', () => {
  it('ends the wait once every caller is here, and prints the newcomers together', async () => {
    const run = await whilePrinting(await renderer({ windowMs: 60_000, callers: 3 }), 15);
    // The first printed alone at once; the second waited for the third, and the third's arrival started
    // their shared print while the long first one was still printing.
    expect(run.printedAlone).toBe(1);
    expect(run.batches).toBe(1);
    expect(run.batchedDocuments).toBe(2);
    expect(run.onThirdArrival).toEqual({ batchStarted: true, firstDone: false });
    for (const pdf of run.pdfs) expect((await pdfInfo(pdf)).pages).toBeGreaterThanOrEqual(1);
  });

  it('ends the wait when the print in progress ends: no free slot is spent on one document', async () => {
    // No caller count: only the end of the first print lets the two waiting documents go, together.
    const run = await whilePrinting(await renderer({ windowMs: 60_000 }), 15);
    expect(run.onThirdArrival).toEqual({ batchStarted: false, firstDone: false });
    expect(run.finished[0]).toBe('first');
    expect(run.printedAlone).toBe(1);
    expect(run.batches).toBe(1);
    expect(run.batchedDocuments).toBe(2);
  });

  it('with no wait (windowMs 0), a free slot prints a newcomer alone at once', async () => {
    const run = await whilePrinting(await renderer({ windowMs: 0 }), 15);
    expect(run.printedAlone).toBe(3);
    expect(run.batches).toBe(0);
  });
});
