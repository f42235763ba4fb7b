import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Flags from STACK-NOTES: headless, no sandbox (containers run as root), and no background network chatter. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The compositor on the renderer's main thread. A print needs no on-screen frames, and handing each one
  // to a compositor thread cost Chromium about a fifth of its CPU per PDF: batched invoices, 8 callers,
  // 41.8 → 33.3 ms per document (issue 15).
  '--disable-threaded-compositing',
];

/** Counters shared by every browser a renderer launches, so they survive relaunches. */
export interface NetworkCounters {
  /** Requests the route aborted: every http(s) request a document tried to make. */
  blockedRequests: number;
  /** Responses that reached a page. With everything blocked this stays 0; anything else is a leak. */
  networkResponses: number;
}

/** How long closing a page may take before the whole browser is considered wedged and killed. */
const PAGE_CLOSE_GRACE_MS = 5_000;

/**
 * One launched browser with one context and a pool of reusable pages. A new context per document costs
 * ≈ 850 ms of CPU (STACK-NOTES); a reused page costs ≈ 60 ms. The context disables page JavaScript and
 * routes every request to abort, so documents can neither run code nor reach the network.
 */
export class BrowserSession {
  /** Documents started on this browser; the renderer retires the browser after a configured number. */
  started = 0;
  inFlight = 0;
  retired = false;
  private closing = false;
  private readonly idle: Page[] = [];

  private constructor(
    private readonly browser: Browser,
    private readonly context: BrowserContext,
  ) {}

  static async launch(executablePath: string, counters: NetworkCounters): Promise<BrowserSession> {
    // A launch normally takes ≈ 250 ms; Playwright's own default would wait three minutes.
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block' });
      context.on('response', () => {
        counters.networkResponses += 1;
      });
      await context.route('**/*', async (route) => {
        counters.blockedRequests += 1;
        await route.abort('blockedbyclient').catch(() => undefined);
      });
      return new BrowserSession(browser, context);
    } catch (error) {
      await browser.close().catch(() => undefined);
      throw error;
    }
  }

  get connected(): boolean {
    return !this.closing && this.browser.isConnected();
  }

  /** Runs `listener` once if the browser goes away by itself (crash, kill), not when we close it. */
  onUnexpectedExit(listener: () => void): void {
    this.browser.on('disconnected', () => {
      if (!this.closing) listener();
    });
  }

  async takePage(): Promise<Page> {
    return this.idle.pop() ?? (await this.context.newPage());
  }

  returnPage(page: Page): void {
    if (this.connected && !page.isClosed()) this.idle.push(page);
  }

  /** Closes a page that may be mid-render. If even that hangs, the browser is wedged: close it too. */
  discardPage(page: Page): void {
    let timer: NodeJS.Timeout | undefined;
    const wedged = new Promise<'wedged'>((resolve) => {
      timer = setTimeout(() => resolve('wedged'), PAGE_CLOSE_GRACE_MS);
    });
    const closed = page.close().then(
      () => 'closed' as const,
      () => 'closed' as const,
    );
    void Promise.race([closed, wedged]).then((outcome) => {
      clearTimeout(timer);
      if (outcome === 'wedged') {
        this.retired = true;
        void this.close();
      }
    });
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.idle.length = 0;
    await this.browser.close().catch(() => undefined);
  }
}
