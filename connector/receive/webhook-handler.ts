import type { IncomingMessage, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';
import { fluentEventSchema } from '../fluent/event-model.ts';
import { problem } from '../http/problem.ts';
import type { JobQueue } from '../core/ports/job-queue.ts';
import { verifyFluentSignature, type LoadedKey } from './signature.ts';

export interface WebhookHandlerOptions {
  keys: readonly LoadedKey[];
  queue: JobQueue;
  maxBytes: number;
}

export type WebhookHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * POST /fluent/webhook: verify, validate, persist, answer 200 — no document work happens in the
 * request. The order matters: the signature is checked over the raw bytes before anything is parsed,
 * and 200 is sent only after the event is committed to the database, so an accepted event is never lost.
 * 200, not 202: Fluent's webhook-receiver guide asks receivers to answer 200 quickly and do the work
 * asynchronously (https://docs.fluentcommerce.com/essential-knowledge/webhook-receivers; REFERENCE.md
 * §1.3). A duplicate is answered 200 too: it is already stored, and anything else would make Fluent retry.
 *
 * A bare node handler, not an Express route: at a peak this is nearly every request, and Express's
 * per-request objects, promoted into a large old generation, made each young-generation collection
 * pause for 10–15 ms (measured with --trace-gc under `npm run load -- --only d`), the ack tail.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  return async (request, response) => {
    const encoding = request.headers['content-encoding'];
    if (encoding && encoding !== 'identity') {
      request.resume();
      return problem(response, 415, 'unsupported content-encoding', `send the event uncompressed, not as ${encoding}`);
    }
    const body = await readBody(request, options.maxBytes);
    if (!body.ok) return problem(response, body.status, body.title, body.detail);
    const raw = body.bytes;

    const signature = verifyFluentSignature(raw, request.headers, options.keys);
    if (!signature.ok) return problem(response, 401, 'invalid signature', signature.reason);

    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return problem(response, 400, 'malformed event', 'the body is not JSON');
    }
    const parsed = fluentEventSchema.safeParse(json);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ');
      return problem(response, 400, 'malformed event', detail);
    }
    const event = parsed.data;
    let result;
    try {
      result = await options.queue.accept({ key: `${event.accountId}|${event.id}`, event, rawBody: raw.toString('utf8'), verifiedBy: signature.keyName });
    } catch {
      // The database may be down: 503 makes Fluent retry the webhook instead of dropping it.
      return problem(response, 503, 'temporarily unavailable', 'the event was not accepted; retry later');
    }
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ status: result.status, eventId: event.id, jobId: result.jobId }));
  };
}

type Body = { ok: true; bytes: Buffer } | { ok: false; status: number; title: string; detail: string };

/** The exact body bytes, bounded by maxBytes; a declared length that does not match is refused. */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<Body> {
  try {
    return { ok: true, bytes: await getRawBody(request, { length: request.headers['content-length'], limit: maxBytes }) };
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') return { ok: false, status: 413, title: 'payload too large', detail: 'the event exceeds the configured size limit' };
    return { ok: false, status: 400, title: 'bad request', detail: (error as Error).message };
  }
}
