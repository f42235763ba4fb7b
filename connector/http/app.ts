import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import { createServer, type Server } from 'node:http';
import { pathOf, type RequestTimer } from '../observe/observe-routes.ts';
import { WEBHOOK_PATH } from '../fluent/contract.ts';
import type { WebhookHandler } from '../receive/webhook-handler.ts';
import { problem } from './problem.ts';

export interface AppParts {
  /** POST /fluent/webhook, served before Express sees the request (receive/webhook-handler.ts says why). */
  webhook: WebhookHandler;
  documents?: Router;
  /** Times every request (observe/observe-routes.ts). */
  timeRequest?: RequestTimer;
  /** GET /metrics. */
  metrics?: Router;
  /** /admin page and API; absent when no admin token is configured (then /admin is a 404). */
  admin?: Router;
  /** Readiness checks by name; each answers true when its dependency is reachable. */
  readiness: Record<string, () => Promise<boolean>>;
}

/** The connector's HTTP server, not yet listening: webhooks on their own path, everything else through Express. */
export function createHttpServer(parts: AppParts): Server {
  const app = createApp(parts);
  return createServer((request, response) => {
    parts.timeRequest?.(request, response);
    if (request.method === 'POST' && pathOf(request) === WEBHOOK_PATH) void parts.webhook(request, response);
    else app(request, response);
  });
}

/** Every route but the webhook. Routers come composed; this file only arranges them. */
function createApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  if (parts.metrics) app.use(parts.metrics);
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', async (_request, response) => {
    const entries = await Promise.all(
      Object.entries(parts.readiness).map(async ([name, check]) => [name, await check().catch(() => false)] as const),
    );
    const checks = Object.fromEntries(entries);
    const ready = entries.every(([, ok]) => ok);
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  if (parts.documents) app.use(parts.documents);
  if (parts.admin) app.use(parts.admin);
  app.use((_request, response) => problem(response, 404, 'not found', 'no such endpoint'));
  app.use(errorHandler);
  return app;
}

/** Body-parser errors carry a status (400 bad encoding); anything else is our fault. */
const errorHandler: ErrorRequestHandler = (error: { status?: number; type?: string; message?: string }, _request, response, _next) => {
  if (error.type === 'entity.too.large') return problem(response, 413, 'payload too large', 'the request body exceeds the size limit');
  if (error.status && error.status >= 400 && error.status < 500) return problem(response, error.status, 'bad request', error.message ?? '');
  problem(response, 503, 'temporarily unavailable', 'the request could not be served; retry later');
};
