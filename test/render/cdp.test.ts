import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CdpError, CdpPipe } from '../../connector/render/cdp/cdp-pipe.ts';
import { ChromiumProcess } from '../../connector/render/cdp/chromium-process.ts';
import { PrintPage } from '../../connector/render/cdp/print-page.ts';
import { CHROMIUM_ARGS } from '../../connector/render/browser-session.ts';
import { createChromiumRenderer } from '../../connector/render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { defaultExecutablePath, LOAD_FONTS } from '../../connector/render/page-pool.ts';
import { RetryableError } from '../../connector/core/errors.ts';
import { sampleInvoice } from './fixtures/sample-invoice.ts';
import { isRunning, ourChromiumRendererPids } from './helpers/browser-processes.ts';
import { pdfText } from './helpers/pdf-text.ts';
import { waitFor } from './helpers/wait-for.ts';

/** A pipe whose browser side the test plays: it reads what was sent and writes raw bytes back. */
function pipePair() {
  const toBrowser = new PassThrough();
  const fromBrowser = new PassThrough();
  const sent: Array<{ id: number; method: string; sessionId?: string }> = [];
  toBrowser.on('data', (chunk: Buffer) => {
    for (const text of chunk.toString('utf8').split('\0').filter(Boolean)) sent.push(JSON.parse(text));
  });
  return { cdp: new CdpPipe(toBrowser, fromBrowser), sent, reply: (bytes: string) => fromBrowser.write(bytes) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('CdpPipe (the DevTools protocol framing)', () => {
  it('ends each command with a NUL, and reads answers and events split across and packed into chunks', async () => {
    const { cdp, sent, reply } = pipePair();
    const events: string[] = [];
    cdp.listen('S1', (method, params) => events.push(`${method}:${JSON.stringify(params)}`));
    const first = cdp.send('Page.enable', {}, 'S1');
    const second = cdp.send('Browser.getVersion');
    await tick();
    expect(sent.map(({ id, method, sessionId }) => [id, method, sessionId])).toEqual([
      [1, 'Page.enable', 'S1'],
      [2, 'Browser.getVersion', undefined],
    ]);
    reply('{"id":2,"result":{"prod');
    reply('uct":"Chrome/1"}}\0{"method":"Page.loadEventFired","params":{"timestamp":1},"sessionId":"S1"}\0{"id":1,');
    reply('"result":{}}\0');
    expect(await second).toEqual({ product: 'Chrome/1' });
    expect(await first).toEqual({});
    expect(events).toEqual(['Page.loadEventFired:{"timestamp":1}']);
  });

  it("rejects an error answer with the command's name and Chromium's message", async () => {
    const { cdp, reply } = pipePair();
    const failing = cdp.send('Page.navigate', { url: 'x' }, 'S1');
    reply('{"id":1,"error":{"code":-32000,"message":"Cannot navigate to invalid URL","data":"x"}}\0');
    await expect(failing).rejects.toThrow('Page.navigate: Cannot navigate to invalid URL (x)');
  });

  it("fails one session's commands without touching another's", async () => {
    const { cdp, reply } = pipePair();
    const crashed = cdp.send('Runtime.evaluate', {}, 'S1');
    const healthy = cdp.send('Runtime.evaluate', {}, 'S2');
    cdp.failSession('S1', new CdpError('The page crashed'));
    await expect(crashed).rejects.toThrow('The page crashed');
    reply('{"id":2,"result":{"result":{"value":3}}}\0');
    expect(await healthy).toEqual({ result: { value: 3 } });
  });

  it('once closed, fails whatever waits and every later command, and tells its listeners once', async () => {
    const { cdp } = pipePair();
    let told = 0;
    cdp.onClose(() => (told += 1));
    const waiting = cdp.send('Page.printToPDF', {}, 'S1');
    cdp.close(new CdpError('Chromium exited (SIGKILL)'));
    cdp.close(new CdpError('again'));
    await expect(waiting).rejects.toThrow('Chromium exited (SIGKILL)');
    await expect(cdp.send('Browser.getVersion')).rejects.toThrow('Chromium exited (SIGKILL)');
    expect(told).toBe(1);
    expect(cdp.closed).toBe(true);
  });
});

describe('Chromium over the DevTools pipe (real Chromium)', () => {
  it('evaluates for the driver while page scripts stay off, and reports a failed expression clearly', async () => {
    const browser = await ChromiumProcess.launch(defaultExecutablePath(), CHROMIUM_ARGS);
    try {
      const { browserContextId } = (await browser.cdp.send('Target.createBrowserContext', { disposeOnDetach: true })) as { browserContextId: string };
      const counters = { blockedRequests: 0, networkResponses: 0 };
      const page = await PrintPage.open(browser.cdp, browserContextId, counters);
      await page.setContent('<p id="p">static</p><script>document.getElementById("p").textContent = "script"</script>');
      expect(await page.evaluate(LOAD_FONTS)).toBe(true);
      expect(await page.evaluate('document.getElementById("p").textContent')).toBe('static');
      await expect(page.evaluate('missing.property')).rejects.toThrow(/Evaluation failed: ReferenceError: missing is not defined/);
      await page.close();
      expect(page.closed).toBe(true);
      await expect(page.evaluate('1')).rejects.toThrow('The page was closed');
    } finally {
      await browser.close();
    }
  });

  it('removes its profile directory when the browser closes', async () => {
    const browser = await ChromiumProcess.launch(defaultExecutablePath(), CHROMIUM_ARGS);
    expect(existsSync(browser.profileDirectory)).toBe(true);
    await browser.close();
    expect(existsSync(browser.profileDirectory)).toBe(false);
    expect(browser.cdp.closed).toBe(true);
  });

  it('names what went wrong when the program is not a browser, or cannot be run at all', async () => {
    await expect(ChromiumProcess.launch('/bin/false', CHROMIUM_ARGS)).rejects.toThrow(/^Chromium exited \(code 1\)/);
    const notExecutable = join(mkdtempSync(join(tmpdir(), 'folio-cdp-test-')), 'chromium');
    writeFileSync(notExecutable, 'not a program', { mode: 0o644 });
    await expect(ChromiumProcess.launch(notExecutable, CHROMIUM_ARGS)).rejects.toThrow(`Chromium could not start: spawn ${notExecutable} EACCES`);
  });

  it('goes away by itself when the process that drives it is killed with -9, and the next launch removes its profile', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./fixtures/launch-chromium-child.ts', import.meta.url).pathname], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        out += text;
        if (out.includes('\n')) resolve(out.trim());
      });
      child.once('exit', () => reject(new Error('the child exited before it launched Chromium')));
    });
    const { pid, profile } = JSON.parse(line) as { pid: number; profile: string };
    expect(isRunning(pid)).toBe(true);
    child.kill('SIGKILL');
    await waitFor(() => !isRunning(pid), 10_000);
    expect(existsSync(profile)).toBe(true); // its owner died before it could remove it
    const next = await ChromiumProcess.launch(defaultExecutablePath(), CHROMIUM_ARGS);
    await next.close();
    expect(existsSync(profile)).toBe(false);
  });

  it('fails a render whose tab crashes with a clear error, and prints the next one on the same browser', async () => {
    const renderer = createChromiumRenderer({ batch: false });
    try {
      await renderer.renderPdf('<p>warm up</p>');
      const { html } = renderDocumentHtml(sampleInvoice({ lineCount: 1_000 }));
      const rendering = renderer.renderPdf(html);
      rendering.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const renderers = ourChromiumRendererPids();
      expect(renderers.length).toBeGreaterThan(0);
      for (const pid of renderers) process.kill(pid, 'SIGKILL');
      await expect(rendering).rejects.toBeInstanceOf(RetryableError);
      await expect(rendering).rejects.toThrow('PDF render failed: The page crashed');
      expect(await pdfText(await renderer.renderPdf('<p>after the tab crashed</p>'))).toContain('after the tab crashed');
      expect(renderer.stats()).toMatchObject({ launches: 1, crashes: 0 });
    } finally {
      await renderer.close();
    }
  });
});
