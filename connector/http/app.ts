import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import { problem } from '../receive/webhook-route.ts';

export interface AppParts {
  webhook: Router;
  documents?: Router;
  /** Request timing and GET /metrics; mounted first so it times every request. */
  observe?: Router;
  /** /admin page and API; absent when no admin token is configured (then /admin is a 404). */
  admin?: Router;
  /** Readiness checks by name; each answers true when its dependency is reachable. */
  readiness: Record<string, () => Promise<boolean>>;
}

/** The connector's HTTP surface. Routers come composed; this file only arranges them. */
export function createApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  if (parts.observe) app.use(parts.observe);
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
  app.use(parts.webhook);
  if (parts.documents) app.use(parts.documents);
  if (parts.admin) app.use(parts.admin);
  app.use((_request, response) => problem(response, 404, 'not found', 'no such endpoint'));
  app.use(errorHandler);
  return app;
}

/** Body-parser errors carry a status (413 too large, 400 bad encoding); anything else is our fault. */
const errorHandler: ErrorRequestHandler = (error: { status?: number; type?: string; message?: string }, _request, response, _next) => {
  if (error.type === 'entity.too.large') return problem(response, 413, 'payload too large', 'the event exceeds the configured size limit');
  if (error.status && error.status >= 400 && error.status < 500) return problem(response, error.status, 'bad request', error.message ?? '');
  // The database may be down: 503 makes Fluent retry the webhook instead of dropping it.
  problem(response, 503, 'temporarily unavailable', 'the event was not accepted; retry later');
};
