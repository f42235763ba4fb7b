import { Router } from 'express';
import { z } from 'zod';
import { staleRequestsSection } from '../admin/stale-requests-section.ts';
import { countReportedFailures } from '../replay/failures.ts';
import { retryFailed, scopedFailures } from './actions.ts';
import { barChart, lineChart } from './charts.ts';
import type { ConsoleContext } from './console-context.ts';
import { healthFigures, WINDOWS, type HealthWindow } from './health.ts';

/** Failures with Retry (moved from /admin), the health charts, and the admin's configuration view. */
export function operationsRoutes({ options, render, refuse, sessionOf, form, sameOrigin, checkCsrf, allow, flashOf, notDone }: ConsoleContext): Router {
  const router = Router();
  // ---- failures (moved from /admin) --------------------------------------------------------
  router.get('/console/failures', async (request, response) => {
    const { operator } = sessionOf(response);
    const failures = await scopedFailures(options, operator);
    // The tile counts Fluent-reported failures; for a scoped operator, those of their retailers.
    const tileCount = operator.retailers.includes('*') ? await countReportedFailures(options.db) : failures.filter((f) => f.reportedToFluent).length;
    const flash = flashOf(request);
    render(response, 'failures.njk', {
      title: 'Failed documents',
      section: 'failures',
      failures,
      tileCount,
      staleSection: operator.retailers.includes('*') ? staleRequestsSection(options.sweepStatus?.()) : '',
      ...(flash && { flash }),
    });
  });

  router.post('/console/failures/retry', sameOrigin, form, checkCsrf, allow('retry'), async (request, response) => {
    const target = z.string().min(1).max(500).safeParse(request.body?.target);
    if (!target.success) return refuse(response, 400, 'Not done', 'Name the failed document to retry.');
    try {
      const result = await retryFailed(options, sessionOf(response).operator, target.data);
      response.redirect(303, `/console/failures?flash=${result.status === 'queued' ? 'retried' : 'already-queued'}`);
    } catch (error) {
      notDone(response, error);
    }
  });

  // ---- health ------------------------------------------------------------------------------
  router.get('/console/health', async (request, response) => {
    const window: HealthWindow = request.query['window'] === '7d' ? '7d' : '24h';
    const figures = await healthFigures(options.db, sessionOf(response).operator, window, options.queueSchema ? { queueSchema: options.queueSchema } : {});
    const from = figures.hours[0]!;
    const to = new Date(figures.hours.at(-1)!.getTime() + 3_600_000);
    const at = (hour: Date) => new Date(hour.getTime() + 1_800_000);
    const total = figures.outcomes.failed + figures.outcomes.reported;
    const percent = (n: number) => (total === 0 ? '0%' : `${((100 * n) / total).toFixed(1)}%`);
    const charts = [
      lineChart('documents-per-hour', 'Documents per hour, by type', figures.documentsByType.map((s) => ({ name: s.type, points: s.points.map((p) => ({ at: at(p.hour), value: p.value })) })), { from, to }),
      barChart('failures-by-reason', 'Failure rate by reason (share of all outcomes)', figures.failuresByReason.map((r) => ({ label: r.reason, value: r.count, text: `${r.count} (${percent(r.count)})` }))),
      lineChart('latency', 'End-to-end latency, webhook to report (ms)', [
        { name: 'p50', points: figures.latency.map((p) => ({ at: at(p.hour), value: p.p50 })) },
        { name: 'p95', points: figures.latency.map((p) => ({ at: at(p.hour), value: p.p95 })) },
      ], { from, to, unit: 'ms' }),
      lineChart('queue-depth', 'Queue depth (jobs waiting, end of each hour)', [{ name: 'waiting', points: figures.queueDepth.map((p) => ({ at: at(p.hour), value: p.value })) }], { from, to }),
    ];
    render(response, 'health.njk', { title: 'Health', section: 'health', window, windows: WINDOWS, figures, charts, failureRate: percent(figures.outcomes.failed) });
  });

  // ---- admin: configuration ---------------------------------------------------------------
  router.get('/console/configuration', allow('configure'), (_request, response) => {
    render(response, 'configuration.njk', { title: 'Configuration', section: 'configuration', settings: options.configuration?.() ?? [] });
  });

  return router;
}
