/**
 * Folio's Prometheus metrics, on prom-client (the de facto Node client: maintained, typed, and it
 * gets the text exposition format, histogram buckets and process metrics right, which a hand-rolled
 * formatter would have to re-learn). Each connector has its own Registry rather than the global one,
 * so two connectors in one process (tests, the load harness) never share or clash on series.
 *
 * Two kinds of figures:
 * - events counted in this process as they happen (step latencies, failures, webhook acks);
 * - state read from the database on each scrape (jobs by state, queue depth, documents by type and
 *   status, the failure count the Fluent tile shows), so every process of a scaled-out connector
 *   reports the same shared truth and a restart loses nothing.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Pipeline steps that get a latency histogram (see instrument-pipeline.ts). */
export const PIPELINE_STEPS = ['fetch', 'build', 'number', 'template', 'render', 'store', 'report', 'deliver'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

/** Why a job did not complete: retried later, failed at once (bad data), or failed after the last retry. */
export type FailureClass = 'retryable' | 'permanent' | 'exhausted';

/** What the scrape reads from the database; every field is optional so a partial outage still scrapes. */
export interface StateSnapshot {
  jobs?: Record<string, number>;
  documents?: { type: string; status: string; count: number }[];
  failedDocuments?: number;
}

/** What the PDF renderer has printed so far in this process (its stats, read on each scrape). */
export interface PrintTotals {
  /** Chromium print calls: one per batch, one per document printed alone. */
  calls: number;
  /** PDFs those calls delivered. */
  documents: number;
}

export interface FolioMetrics {
  registry: Registry;
  stepSeconds: Histogram<'step' | 'outcome'>;
  jobSeconds: Histogram<'outcome'>;
  failures: Counter<'class' | 'step'>;
  generated: Counter<'type'>;
  webhookAckSeconds: Histogram<'status'>;
  httpSeconds: Histogram<'route' | 'method' | 'status'>;
  /** Entities the last reconciliation sweep of this process found DOCUMENT_REQUESTED past the grace. */
  staleRequests: Gauge;
  /** Requests the sweep committed itself, by entity type. */
  sweepRequested: Counter<'entity_type'>;
  /** Shopper portal traffic: sign-in links asked for, sign-ins, views, downloads, resends and refusals (by reason). */
  portal: Counter<'event' | 'outcome'>;
  /** The Prometheus text exposition of everything above. */
  text(): Promise<string>;
}

/** Step and job latencies: tens of milliseconds (queries) to tens of seconds (a slow render). */
const STEP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Webhook acks: the target is p99 < 25 ms, so the buckets are fine-grained below 100 ms. */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export function createMetrics(readState: () => Promise<StateSnapshot>, printTotals?: () => PrintTotals): FolioMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'folio_' });

  // One database read per scrape, shared by the gauges below (prom-client collects them in parallel).
  let pending: Promise<StateSnapshot> | undefined;
  const snapshot = () =>
    (pending ??= readState()
      .catch((): StateSnapshot => ({}))
      .finally(() => setTimeout(() => (pending = undefined), 0)));

  new Gauge({
    name: 'folio_jobs',
    help: 'Document jobs by queue state (shared database: the same in every process)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const { jobs } = await snapshot();
      if (!jobs) return;
      for (const [state, count] of Object.entries(jobs)) this.set({ state }, count);
    },
  });
  new Gauge({
    name: 'folio_queue_depth',
    help: 'Jobs waiting to run (queued or waiting for a retry)',
    registers: [registry],
    async collect() {
      const { jobs } = await snapshot();
      if (jobs) this.set(jobs.queued ?? 0);
    },
  });
  new Gauge({
    name: 'folio_documents',
    help: 'Documents by type and status (folio_documents)',
    labelNames: ['type', 'status'],
    registers: [registry],
    async collect() {
      const { documents } = await snapshot();
      if (!documents) return;
      this.reset();
      for (const row of documents) this.set({ type: row.type, status: row.status }, row.count);
    },
  });
  new Gauge({
    name: 'folio_documents_failed',
    help: 'Documents whose last outcome reported to Fluent is a failure: the DOCUMENT_FAILED tile',
    registers: [registry],
    async collect() {
      const { failedDocuments } = await snapshot();
      if (failedDocuments !== undefined) this.set(failedDocuments);
    },
  });

  // Documents per print call is what batching saves: Chromium's cost per call, not per page, dominates.
  if (printTotals) {
    const printed = (name: string, help: string, read: (totals: PrintTotals) => number) =>
      new Counter({
        name,
        help,
        registers: [registry],
        collect() {
          this.reset();
          this.inc(read(printTotals()));
        },
      });
    printed('folio_pdf_print_calls_total', 'Chromium print calls made by this process: one per batch, one per document printed alone', (totals) => totals.calls);
    printed('folio_pdf_printed_documents_total', 'PDFs those print calls delivered (documents per call = this ÷ folio_pdf_print_calls_total)', (totals) => totals.documents);
  }

  return {
    registry,
    stepSeconds: new Histogram({
      name: 'folio_step_duration_seconds',
      help: 'Pipeline step latency, by step and outcome (ok or error)',
      labelNames: ['step', 'outcome'],
      buckets: STEP_BUCKETS,
      registers: [registry],
    }),
    jobSeconds: new Histogram({
      name: 'folio_job_duration_seconds',
      help: 'Whole job latency, by outcome (completed, failed, retry, ignored)',
      labelNames: ['outcome'],
      buckets: STEP_BUCKETS,
      registers: [registry],
    }),
    failures: new Counter({
      name: 'folio_job_failures_total',
      help: 'Jobs that did not complete, by class (retryable, permanent, exhausted) and the step that failed',
      labelNames: ['class', 'step'],
      registers: [registry],
    }),
    generated: new Counter({
      name: 'folio_documents_generated_total',
      help: 'Documents generated and reported to Fluent by this process, by document type',
      labelNames: ['type'],
      registers: [registry],
    }),
    webhookAckSeconds: new Histogram({
      name: 'folio_webhook_ack_seconds',
      help: 'Time from a webhook request arriving to its answer being sent, by HTTP status',
      labelNames: ['status'],
      buckets: ACK_BUCKETS,
      registers: [registry],
    }),
    httpSeconds: new Histogram({
      name: 'folio_http_request_duration_seconds',
      help: 'HTTP request latency by route group, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: ACK_BUCKETS,
      registers: [registry],
    }),
    staleRequests: new Gauge({
      name: 'folio_stale_requests',
      help: 'Entities Fluent shows DOCUMENT_REQUESTED for longer than FOLIO_SWEEP_GRACE_MS, as the last sweep found them',
      registers: [registry],
    }),
    sweepRequested: new Counter({
      name: 'folio_sweep_requested_total',
      help: 'Documents the reconciliation sweep requested itself (their webhook never reached Folio), by entity type',
      labelNames: ['entity_type'],
      registers: [registry],
    }),
    portal: new Counter({
      name: 'folio_portal_events_total',
      help: 'Shopper portal events: link_requested, sign_in, view, download, resend, refused; outcome ok or the reason',
      labelNames: ['event', 'outcome'],
      registers: [registry],
    }),
    text: () => registry.metrics(),
  };
}
