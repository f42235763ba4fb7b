import { Router, type Request } from 'express';
import type { FolioMetrics } from './metrics.ts';

/**
 * Mounted before every other route: times each request (the webhook's ack latency gets its own
 * histogram, the figure the backpressure target is about) and serves GET /metrics.
 *
 * /metrics is open like /healthz: it holds counts and latencies, no document data or personal data,
 * and Prometheus scrapers rarely carry credentials. Put it behind the network if that is a concern.
 */
export function createObserveRouter(metrics: FolioMetrics): Router {
  const router = Router();
  router.use((request, response, next) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = String(response.statusCode);
      const route = routeGroup(request);
      metrics.httpSeconds.observe({ route, method: request.method, status }, seconds);
      if (route === '/fluent/webhook') metrics.webhookAckSeconds.observe({ status }, seconds);
    });
    next();
  });
  router.get('/metrics', async (_request, response) => {
    const text = await metrics.text();
    response.type(metrics.registry.contentType).send(text);
  });
  return router;
}

/** A few fixed labels: raw paths would put document keys into label values (unbounded series). */
function routeGroup(request: Request): string {
  const path = request.path;
  if (path === '/fluent/webhook' || path === '/metrics' || path === '/healthz' || path === '/readyz') return path;
  if (path.startsWith('/documents/')) return '/documents';
  if (path === '/admin' || path.startsWith('/admin/')) return '/admin';
  return 'other';
}
