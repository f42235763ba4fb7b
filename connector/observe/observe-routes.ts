import { Router } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WEBHOOK_PATH } from '../fluent/contract.ts';
import type { FolioMetrics } from './metrics.ts';

export type RequestTimer = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Times each request once it is answered: the webhook's ack latency gets its own histogram, the
 * figure the backpressure target is about. Called by the HTTP server for every request, before it
 * is routed, so the webhook's bare handler and the Express routes are timed alike.
 */
export function createRequestTimer(metrics: FolioMetrics): RequestTimer {
  return (request, response) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = String(response.statusCode);
      const route = routeGroup(pathOf(request));
      metrics.httpSeconds.observe({ route, method: request.method ?? '', status }, seconds);
      if (route === WEBHOOK_PATH) metrics.webhookAckSeconds.observe({ status }, seconds);
    });
  };
}

/**
 * GET /metrics. Open like /healthz: it holds counts and latencies, no document data or personal data,
 * and Prometheus scrapers rarely carry credentials. Put it behind the network if that is a concern.
 */
export function createMetricsRouter(metrics: FolioMetrics): Router {
  const router = Router();
  router.get('/metrics', async (_request, response) => {
    const text = await metrics.text();
    response.type(metrics.registry.contentType).send(text);
  });
  return router;
}

/** The request's path without its query string. */
export function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** A few fixed labels: raw paths would put document keys into label values (unbounded series). */
function routeGroup(path: string): string {
  if (path === WEBHOOK_PATH || path === '/metrics' || path === '/healthz' || path === '/readyz') return path;
  if (path.startsWith('/documents/')) return '/documents';
  if (path === '/admin' || path.startsWith('/admin/')) return '/admin';
  if (path === '/portal' || path.startsWith('/portal/')) return '/portal';
  return 'other';
}
