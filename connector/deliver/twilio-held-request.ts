import { AsyncLocalStorage } from 'node:async_hooks';
import type { Agent as HttpAgent, IncomingHttpHeaders } from 'node:http';
import http from 'node:http';
import https from 'node:https';

/**
 * An HTTP API's point of no return is the request's last byte: until the provider has the whole body it
 * cannot act on it. A request made inside `holdingLastByte` sends everything but that byte, waits until
 * it has left the process for the kernel (which sends it even after a kill -9), and only then awaits
 * `committing`; once that resolves it writes the last byte in the same turn. Connecting, TLS and the
 * upload all happen before the record, so a death right after the record still delivers the request.
 * If `committing` rejects, the request is cut short and the provider never sees a whole one.
 */
const heldRequests = new AsyncLocalStorage<{ committing: () => Promise<void>; taken: boolean }>();

export function holdingLastByte<T>(committing: () => Promise<void>, call: () => Promise<T>): Promise<T> {
  return heldRequests.run({ committing, taken: false }, call);
}

/** The `committing` of the request being made, if it is made inside `holdingLastByte`; one request each. */
export function takeHeldCommitting(): (() => Promise<void>) | undefined {
  const held = heldRequests.getStore();
  if (!held) return undefined;
  if (held.taken) throw new Error('twilio: a second request inside one point of no return');
  held.taken = true;
  return held.committing;
}

export interface HeldRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer;
  timeoutMs: number;
  agents: { http: HttpAgent; https: HttpAgent };
}

export interface HeldResponse {
  statusCode: number;
  body: string;
  headers: IncomingHttpHeaders;
}

export function sendHoldingLastByte(request: HeldRequest, committing: () => Promise<void>): Promise<HeldResponse> {
  if (request.body.length === 0) throw new Error('twilio: a request without a body has no last byte to hold');
  const secure = request.url.protocol === 'https:';
  const transport = secure ? https : http;
  return new Promise<HeldResponse>((resolve, reject) => {
    const outgoing = transport.request(request.url, {
      method: request.method,
      headers: { ...request.headers, 'Content-Length': String(request.body.length) },
      agent: secure ? request.agents.https : request.agents.http,
    });
    let ended = false;
    let answered = false;
    const timer = setTimeout(() => outgoing.destroy(new Error(`twilio: no answer within ${request.timeoutMs} ms`)), request.timeoutMs);
    const fail = (error: Error) => (clearTimeout(timer), reject(error));
    outgoing.on('error', fail);
    outgoing.on('response', (incoming) => {
      answered = true;
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', fail);
      incoming.on('end', () => {
        clearTimeout(timer);
        // Answered before its last byte (a refusal on the headers): the connection cannot be reused.
        if (!ended) outgoing.destroy();
        resolve({ statusCode: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: incoming.headers });
      });
    });
    outgoing.write(request.body.subarray(0, -1), (error) => {
      // A failed write reaches 'error'; an early answer settles through 'response'.
      if (error || answered || outgoing.destroyed) return;
      committing().then(
        () => {
          if (outgoing.destroyed) return; // timed out while the record was being made: never complete
          ended = true;
          outgoing.end(request.body.subarray(-1));
        },
        (error: unknown) => outgoing.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    });
  });
}
