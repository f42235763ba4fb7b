import { CdpError, type CdpPipe } from './cdp-pipe.ts';

/** What a document may reach while it loads: nothing. Counted for the renderer's figures. */
export interface NetworkCounters {
  /** Requests aborted before they left: every http(s) request a document tried to make. */
  blockedRequests: number;
  /** Responses that reached a page. With everything blocked this stays 0; anything else is a leak. */
  networkResponses: number;
}

export interface PrintOptions {
  format: 'A4' | 'Letter';
  printBackground: boolean;
  /** A CSS `@page { size }` wins over `format`. */
  preferCSSPageSize: boolean;
  /** A structure tree from the HTML's semantics (an accessible PDF). */
  tagged: boolean;
}

/** Paper sizes in inches, as the DevTools protocol takes them. */
const PAPER_INCHES = { A4: { width: 8.27, height: 11.7 }, Letter: { width: 8.5, height: 11 } } as const;

/** Every request is paused before it is sent, and (should one ever get that far) before its response is read. */
const BLOCK_EVERYTHING = [
  { urlPattern: '*', requestStage: 'Request' },
  { urlPattern: '*', requestStage: 'Response' },
];

/**
 * One Chromium tab used only to print: page JavaScript disabled, every network request failed before it
 * is sent. The driver can still evaluate expressions (to wait for fonts, to measure). A crash of the
 * tab or of the browser fails whatever is waiting on it; the page is then closed and never reused.
 */
export class PrintPage {
  private frameId = '';
  private failure: Error | undefined;
  private onLoad: (() => void) | undefined;
  private onFailure: ((error: Error) => void) | undefined;
  private readonly stopListening: () => void;
  private readonly stopWatchingPipe: () => void;

  private constructor(
    private readonly cdp: CdpPipe,
    private readonly targetId: string,
    private readonly sessionId: string,
    private readonly counters: NetworkCounters,
  ) {
    this.stopListening = cdp.listen(sessionId, (method, params) => this.onEvent(method, params));
    this.stopWatchingPipe = cdp.onClose(() => this.fail(new CdpError('Chromium went away')));
  }

  static async open(cdp: CdpPipe, browserContextId: string, counters: NetworkCounters): Promise<PrintPage> {
    const { targetId } = (await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId })) as { targetId: string };
    let page: PrintPage | undefined;
    try {
      const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      page = new PrintPage(cdp, targetId, sessionId, counters);
      await Promise.all([
        page.send('Page.enable'),
        page.send('Inspector.enable'),
        page.send('Emulation.setScriptExecutionDisabled', { value: true }),
        page.send('Fetch.enable', { patterns: BLOCK_EVERYTHING }),
      ]);
      const { frameTree } = (await page.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
      page.frameId = frameTree.frame.id;
      // The tab's own about:blank must have loaded, or its load event could be taken for the first document's.
      await page.untilLoaded();
      return page;
    } catch (error) {
      page?.fail(new CdpError('The page could not be prepared')); // stops its listeners
      await cdp.send('Target.closeTarget', { targetId }).catch(() => undefined);
      throw error;
    }
  }

  get closed(): boolean {
    return this.failure !== undefined;
  }

  /** Replaces the document and waits for its load event (images, fonts and frames settled or blocked). */
  async setContent(html: string): Promise<void> {
    await this.loadAfter(async () => {
      await this.send('Page.setDocumentContent', { frameId: this.frameId, html });
      return false;
    });
  }

  private untilLoaded(): Promise<void> {
    return this.loadAfter(async () => (await this.evaluate<string>('document.readyState')) === 'complete');
  }

  /** Runs `start`, then waits for the next load event unless `start` answered that the document is loaded. */
  private async loadAfter(start: () => Promise<boolean>): Promise<void> {
    // Listening before `start`: Chromium may send the load event before its answer to the command.
    const loaded = new Promise<void>((resolve, reject) => {
      this.onLoad = resolve;
      this.onFailure = reject;
    });
    loaded.catch(() => undefined);
    try {
      if (!(await start())) await loaded;
    } finally {
      this.onLoad = undefined;
      this.onFailure = undefined;
    }
  }

  /** Evaluates an expression in the page (awaiting a promise it answers) and answers its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
      result: { value?: unknown };
      exceptionDetails?: { text?: string; exception?: { description?: string } };
    };
    if (exceptionDetails) throw new CdpError(`Evaluation failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  }

  /** Lays the page out as it will print (print media) in a viewport `width` CSS px wide. */
  async emulatePrint(width: number): Promise<void> {
    await Promise.all([
      this.send('Emulation.setEmulatedMedia', { media: 'print' }),
      this.send('Emulation.setDeviceMetricsOverride', { width, height: 1_000, deviceScaleFactor: 1, mobile: false }),
    ]);
  }

  async pdf(options: PrintOptions): Promise<Buffer> {
    const paper = PAPER_INCHES[options.format];
    const { data } = (await this.send('Page.printToPDF', {
      paperWidth: paper.width,
      paperHeight: paper.height,
      marginTop: 0,
      marginBottom: 0,
      marginLeft: 0,
      marginRight: 0,
      scale: 1,
      landscape: false,
      displayHeaderFooter: false,
      printBackground: options.printBackground,
      preferCSSPageSize: options.preferCSSPageSize,
      generateTaggedPDF: options.tagged,
      // No outline (bookmarks): a batch's would mix every document's.
      generateDocumentOutline: false,
    })) as { data: string };
    return Buffer.from(data, 'base64');
  }

  /** Closes the tab. Whatever was still waiting on it fails. */
  async close(): Promise<void> {
    this.fail(new CdpError('The page was closed'));
    await this.cdp.send('Target.closeTarget', { targetId: this.targetId });
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    if (this.failure) return Promise.reject(this.failure);
    return this.cdp.send(method, params, this.sessionId);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.stopListening();
    this.stopWatchingPipe();
    this.cdp.failSession(this.sessionId, error);
    this.onFailure?.(error);
  }

  private onEvent(method: string, params: Record<string, unknown>): void {
    switch (method) {
      case 'Page.loadEventFired':
        this.onLoad?.();
        break;
      case 'Fetch.requestPaused': {
        const atResponse = params.responseStatusCode !== undefined || params.responseErrorReason !== undefined;
        if (atResponse) this.counters.networkResponses += 1;
        else this.counters.blockedRequests += 1;
        void this.send('Fetch.failRequest', { requestId: params.requestId, errorReason: 'BlockedByClient' }).catch(() => undefined);
        break;
      }
      case 'Inspector.targetCrashed':
        this.fail(new CdpError('The page crashed'));
        break;
      case 'Inspector.detached':
        this.fail(new CdpError(`The page was detached (${String(params.reason)})`));
        break;
    }
  }
}
