import type { Readable, Writable } from 'node:stream';

/** A DevTools protocol error answer, or a command that could not be answered because the browser went. */
export class CdpError extends Error {}

type EventListener = (method: string, params: Record<string, unknown>) => void;

interface Waiting {
  sessionId: string | undefined;
  method: string;
  resolve(result: Record<string, unknown>): void;
  reject(error: Error): void;
}

/**
 * The Chrome DevTools protocol over the pipe Chromium opens with --remote-debugging-pipe: JSON messages,
 * each ended by a NUL byte, commands written to the browser's fd 3 and answers and events read from its
 * fd 4. Page targets are reached through flattened sessions: one pipe, a sessionId on each message.
 */
export class CdpPipe {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private readonly listeners = new Map<string, EventListener>();
  private readonly closeListeners = new Set<() => void>();
  private partial: Buffer[] = [];
  private closedBy: Error | undefined;

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.receive(chunk));
    const closedByBrowser = () => this.close(new CdpError('Chromium closed the DevTools pipe'));
    fromBrowser.on('close', closedByBrowser);
    // A browser that dies resets the pipe; that says no more than the close that follows.
    fromBrowser.on('error', closedByBrowser);
    toBrowser.on('error', closedByBrowser);
  }

  get closed(): boolean {
    return this.closedBy !== undefined;
  }

  /** Sends a command, to the browser or (with sessionId) to one attached target, and answers its result. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.closedBy) return Promise.reject(this.closedBy);
    const id = this.nextId++;
    this.toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    return new Promise((resolve, reject) => this.waiting.set(id, { sessionId, method, resolve, reject }));
  }

  /** One listener per session (the browser's own events have the session ''). Answers an unsubscribe. */
  listen(sessionId: string, listener: EventListener): () => void {
    this.listeners.set(sessionId, listener);
    return () => {
      if (this.listeners.get(sessionId) === listener) this.listeners.delete(sessionId);
    };
  }

  /** Runs `listener` once when the pipe closes (at once if it is closed). Answers an unsubscribe. */
  onClose(listener: () => void): () => void {
    if (this.closedBy) {
      listener();
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Fails every command still waiting on one session (its target crashed or went away). */
  failSession(sessionId: string, error: Error): void {
    for (const [id, entry] of this.waiting) {
      if (entry.sessionId !== sessionId) continue;
      this.waiting.delete(id);
      entry.reject(error);
    }
  }

  /** Fails everything waiting and every later command with `reason`. */
  close(reason: Error = new CdpError('DevTools pipe closed')): void {
    if (this.closedBy) return;
    this.closedBy = reason;
    for (const entry of this.waiting.values()) entry.reject(reason);
    this.waiting.clear();
    this.listeners.clear();
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener();
  }

  private receive(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0, start); end >= 0; end = chunk.indexOf(0, start)) {
      const piece = chunk.subarray(start, end);
      const message = this.partial.length === 0 ? piece : Buffer.concat([...this.partial, piece]);
      this.partial = [];
      start = end + 1;
      this.dispatch(message.toString('utf8'));
    }
    if (start < chunk.length) this.partial.push(chunk.subarray(start));
  }

  private dispatch(text: string): void {
    const message = JSON.parse(text) as {
      id?: number;
      method?: string;
      params?: Record<string, unknown>;
      sessionId?: string;
      result?: Record<string, unknown>;
      error?: { message?: string; data?: string };
    };
    if (message.id !== undefined) {
      const entry = this.waiting.get(message.id);
      if (!entry) return;
      this.waiting.delete(message.id);
      if (message.error) {
        const detail = message.error.data ? ` (${message.error.data})` : '';
        entry.reject(new CdpError(`${entry.method}: ${message.error.message ?? 'failed'}${detail}`));
      } else {
        entry.resolve(message.result ?? {});
      }
      return;
    }
    if (message.method) this.listeners.get(message.sessionId ?? '')?.(message.method, message.params ?? {});
  }
}
