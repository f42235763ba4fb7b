import type { Queryable } from '../db/database.ts';
import type { Operator } from './roles.ts';
import { tenantCondition, tenantConditionOn, tenantTextCondition } from './scope.ts';

export const WINDOWS = { '24h': { hours: 24, label: 'last 24 hours' }, '7d': { hours: 24 * 7, label: 'last 7 days' } } as const;
export type HealthWindow = keyof typeof WINDOWS;

export interface HourPoint {
  hour: Date;
  value: number;
}

export interface HealthFigures {
  window: HealthWindow;
  hours: Date[];
  /** Documents made per hour, by document type. */
  documentsByType: { type: string; points: HourPoint[] }[];
  /** Failures told to Fluent by reason, against every outcome told in the window. */
  failuresByReason: { reason: string; count: number }[];
  outcomes: { failed: number; reported: number };
  /** Webhook received → document reported to Fluent, per hour: p50 and p95 in ms. */
  latency: { hour: Date; p50: number | null; p95: number | null }[];
  /** Jobs waiting (created, not yet started) at the end of each hour. */
  queueDepth: HourPoint[];
}

/**
 * The health page's figures, from Folio's own tables only: documents (folio_documents), outcomes and
 * latency (the audit trail: `received` → `reported`), queue depth (the job queue's table, through the
 * inbox rows that made each job, which also scope it to the operator's retailers).
 */
export async function healthFigures(db: Queryable, operator: Operator, window: HealthWindow, options: { queueSchema?: string; now?: Date } = {}): Promise<HealthFigures> {
  const hours = WINDOWS[window].hours;
  const end = new Date(Math.ceil((options.now ?? new Date()).getTime() / 3_600_000) * 3_600_000);
  const start = new Date(end.getTime() - hours * 3_600_000);
  const buckets = Array.from({ length: hours }, (_, i) => new Date(start.getTime() + i * 3_600_000));
  const schema = options.queueSchema ?? 'folio_queue';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a schema name: ${schema}`);

  const docParams: unknown[] = [start, end];
  const documents = await db.query<{ hour: Date; type: string; count: number }>(
    `SELECT date_trunc('hour', d.created_at) AS hour, d.document_type AS type, count(*)::int AS count
       FROM folio_documents d
      WHERE d.created_at >= $1 AND d.created_at < $2 AND ${tenantCondition(operator, docParams, 'd.')}
      GROUP BY 1, 2`,
    docParams,
  );

  const outcomeParams: unknown[] = [start, end];
  const outcomes = await db.query<{ step: string; reason: string | null; count: number }>(
    `SELECT a.step, CASE WHEN a.step = 'failed' THEN left(coalesce(a.details->>'reason', 'unknown'), 120) END AS reason, count(*)::int AS count
       FROM folio_audit_events a
      WHERE a.step IN ('failed', 'reported') AND a.at >= $1 AND a.at < $2 AND a.entity_ref IS NOT NULL
        AND NOT (a.details ? 'delivery') AND NOT (a.step = 'failed' AND a.channel IS NOT NULL)
        AND ${tenantTextCondition(operator, outcomeParams, 'a.tenant')}
      GROUP BY 1, 2`,
    outcomeParams,
  );

  const latencyParams: unknown[] = [start, end];
  const latency = await db.query<{ hour: Date; p50: number | null; p95: number | null }>(
    `SELECT date_trunc('hour', rep.at) AS hour,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM rep.at - rec.at) * 1000) AS p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM rep.at - rec.at) * 1000) AS p95
       FROM folio_audit_events rep
       JOIN LATERAL (
         SELECT r.at FROM folio_audit_events r
          WHERE r.step = 'received' AND r.entity_ref = rep.entity_ref AND r.tenant = rep.tenant
            AND r.details->>'eventId' = rep.details->>'eventId'
          ORDER BY r.id LIMIT 1) rec ON true
      WHERE rep.step = 'reported' AND NOT (rep.details ? 'delivery') AND rep.at >= $1 AND rep.at < $2
        AND ${tenantTextCondition(operator, latencyParams, 'rep.tenant')}
      GROUP BY 1`,
    latencyParams,
  );

  const queueParams: unknown[] = [start, end];
  const depth = await db.query<{ hour: Date; waiting: number }>(
    `WITH jobs AS (
       SELECT j.created_on, j.started_on FROM ${schema}.job j
         JOIN folio_inbox i ON i.job_id = j.id::text
        WHERE j.created_on < $2 AND (j.started_on IS NULL OR j.started_on >= $1)
          AND ${tenantConditionOn(operator, queueParams, "i.event->>'accountId'", "i.event->>'retailerId'")}
     )
     SELECT b.hour, (SELECT count(*)::int FROM jobs WHERE created_on <= b.hour + interval '1 hour' AND (started_on IS NULL OR started_on > b.hour + interval '1 hour')) AS waiting
       FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') AS b(hour)`,
    queueParams,
  );

  const key = (d: Date | string) => new Date(d).getTime();
  const types = [...new Set(documents.rows.map((r) => r.type))].sort();
  const perHour = new Map(documents.rows.map((r) => [`${key(r.hour)}|${r.type}`, r.count]));
  const latencyByHour = new Map(latency.rows.map((r) => [key(r.hour), r]));
  const depthByHour = new Map(depth.rows.map((r) => [key(r.hour), r.waiting]));
  const count = (step: string) => outcomes.rows.filter((r) => r.step === step).reduce((sum, r) => sum + r.count, 0);
  return {
    window,
    hours: buckets,
    documentsByType: types.map((type) => ({ type, points: buckets.map((hour) => ({ hour, value: perHour.get(`${hour.getTime()}|${type}`) ?? 0 })) })),
    failuresByReason: outcomes.rows.filter((r) => r.step === 'failed').map((r) => ({ reason: r.reason ?? 'unknown', count: r.count })).sort((a, b) => b.count - a.count),
    outcomes: { failed: count('failed'), reported: count('reported') },
    latency: buckets.map((hour) => {
      const row = latencyByHour.get(hour.getTime());
      return { hour, p50: row?.p50 == null ? null : Number(row.p50), p95: row?.p95 == null ? null : Number(row.p95) };
    }),
    queueDepth: buckets.map((hour) => ({ hour, value: depthByHour.get(hour.getTime()) ?? 0 })),
  };
}
