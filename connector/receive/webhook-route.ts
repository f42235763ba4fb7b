import express, { type Request, type Response, type Router } from 'express';
import { fluentEventSchema } from '../fluent/event-model.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { verifyFluentSignature, type LoadedKey } from './signature.ts';

export interface WebhookRouteOptions {
  keys: readonly LoadedKey[];
  queue: JobQueue;
  maxBytes: number;
  onAccepted?: (info: { eventId: string; duplicate: boolean }) => void;
}

/**
 * POST /fluent/webhook: verify, validate, persist, answer 202 — no document work happens in the
 * request. The order matters: the signature is checked over the raw bytes before anything is parsed,
 * and 202 is sent only after the event is committed to the database, so an accepted event is never lost.
 */
export function createWebhookRouter(options: WebhookRouteOptions): Router {
  const router = express.Router();
  router.post(
    '/fluent/webhook',
    express.raw({ type: () => true, limit: options.maxBytes }),
    async (request: Request, response: Response) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
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
      const result = await options.queue.accept({
        key: `${event.accountId}|${event.id}`,
        event,
        rawBody: raw.toString('utf8'),
        verifiedBy: signature.keyName,
      });
      options.onAccepted?.({ eventId: event.id, duplicate: result.status === 'duplicate' });
      response.status(202).json({ status: result.status, eventId: event.id, jobId: result.jobId });
    },
  );
  return router;
}

export function problem(response: Response, status: number, title: string, detail: string): void {
  response.status(status).type('application/problem+json').send(JSON.stringify({ status, title, detail }));
}
