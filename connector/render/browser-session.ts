import { ChromiumProcess } from './cdp/chromium-process.ts';
import { PrintPage, type NetworkCounters } from './cdp/print-page.ts';

/** What a session counts into the pool's figures. */
export interface SessionCounters extends NetworkCounters {
  /** Tabs opened so far: one per page slot per browser, and one for each tab replaced or discarded. */
  pagesOpened: number;
}

/**
 * Flags from STACK-NOTES: headless, no sandbox (containers run as root), no background network chatter,
 * and nothing that slows a tab nobody looks at. Playwright's launcher passed the same ones.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-field-trial-config',
  '--disable-extensions',
  '--disable-breakpad',
  '--disable-dev-shm-usage',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-hang-monitor',
  '--disable-ipc-flooding-protection',
  '--force-color-profile=srgb',
  '--hide-scrollbars',
  '--mute-audio',
  '--password-store=basic',
  '--no-startup-window',
  // The compositor on the renderer's main thread. A print needs no on-screen frames, and handing each one
  // to a compositor thread cost Chromium about a fifth of its CPU per PDF: batched invoices, 8 callers,
  // 41.8 → 33.3 ms per document (issue 15).
  '--disable-threaded-compositing',
];

/** How long closing a page may take before the whole browser is considered wedged and killed. */
const PAGE_CLOSE_GRACE_MS = 5_000;

/**
 * One launched browser with one context and a pool of reusable pages. A new context per document costs
 * ≈ 850 ms of CPU (STACK-NOTES); a reused page costs ≈ 60 ms. Each page has JavaScript disabled and
 * fails every request, so documents can neither run code nor reach the network.
 *
 * The browser is driven over the DevTools protocol directly (cdp/), not through Playwright: Playwright's
 * client–server layers cost the connector 3.7–4.0 CPU ms per printed invoice against 1.3–1.5 this way,
 * and Chromium printed 71–75 documents per second against 103–112 (2 pages, 200 invoices, 3 rounds).
 */
export class BrowserSession {
  /** Documents started on this browser; the renderer retires the browser after a configured number. */
  started = 0;
  inFlight = 0;
  retired = false;
  private closing = false;
  private readonly idle: PrintPage[] = [];
  /** Documents each open page has printed, to replace it after `recyclePageAfter`. */
  private readonly printed = new WeakMap<PrintPage, number>();

  private constructor(
    private readonly browser: ChromiumProcess,
    private readonly contextId: string,
    private readonly counters: SessionCounters,
    private readonly recyclePageAfter: number,
  ) {}

  static async launch(executablePath: string, counters: SessionCounters, recyclePageAfter: number): Promise<BrowserSession> {
    const browser = await ChromiumProcess.launch(executablePath, CHROMIUM_ARGS);
    try {
      // A context of its own, like a fresh incognito profile: nothing persists between browsers.
      const { browserContextId } = (await browser.cdp.send('Target.createBrowserContext', { disposeOnDetach: true })) as {
        browserContextId: string;
      };
      return new BrowserSession(browser, browserContextId, counters, recyclePageAfter);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  get connected(): boolean {
    return !this.closing && !this.browser.cdp.closed;
  }

  /** Runs `listener` once if the browser goes away by itself (crash, kill), not when we close it. */
  onUnexpectedExit(listener: () => void): void {
    this.browser.cdp.onClose(() => {
      if (!this.closing) listener();
    });
  }

  async takePage(): Promise<PrintPage> {
    const reused = this.idle.pop();
    if (reused) return reused;
    const page = await PrintPage.open(this.browser.cdp, this.contextId, this.counters);
    this.counters.pagesOpened += 1;
    return page;
  }

  /** Pools a page that printed `documents` successfully, or replaces it once it has printed its share. */
  returnPage(page: PrintPage, documents: number): void {
    const printed = (this.printed.get(page) ?? 0) + documents;
    if (printed >= this.recyclePageAfter) {
      this.discardPage(page);
      return;
    }
    this.printed.set(page, printed);
    if (this.connected && !page.closed) this.idle.push(page);
  }

  /** Closes a page that may be mid-render. If even that hangs, the browser is wedged: close it too. */
  discardPage(page: PrintPage): void {
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
    await this.browser.close();
  }
}
