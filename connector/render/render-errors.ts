import { RetryableError } from '../core/errors.ts';

/** A document took longer than its budget. The page was thrown away; the renderer remains usable. */
export class RenderTimeoutError extends RetryableError {
  constructor(readonly timeoutMs: number) {
    super(`PDF render timed out after ${timeoutMs} ms; the page was discarded and the renderer stays usable`);
  }
}

/** Chromium exited or disconnected while rendering; a new browser is launched for the next attempt. */
export class BrowserGoneError extends RetryableError {}
