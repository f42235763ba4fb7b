import type { DocumentSource } from '../core/ports/document-source.ts';
import type { PipelineDeps } from '../core/ports/pipeline-deps.ts';
import { currentJob } from './job-context.ts';
import type { FolioMetrics, PipelineStep } from './metrics.ts';

/**
 * Called around each async step of a job: 'before' it starts and 'during' it (once its work is in
 * flight). Awaited, so a listener can hold a step; the crash tests and the load harness use that to
 * kill a connector at a precise point (mid-render, after store before report).
 */
export type StepListener = (step: PipelineStep, phase: 'before' | 'during', eventId: string) => void | Promise<void>;

export interface StepHooks {
  metrics: FolioMetrics;
  onStep?: StepListener;
}

/**
 * The pipeline's dependencies, each wrapped to time its step: source.load = fetch, source.build =
 * build, records.assignNumber = number, html.render = template, pdf.renderPdf = render, store.put =
 * store, reporter = report, delivery.deliver = deliver. Decorating the ports instead of
 * editing the use case keeps generate-document.ts free of metrics code, and any field added to
 * PipelineDeps later passes through untouched.
 */
export function instrumentPipeline(deps: PipelineDeps, hooks: StepHooks): PipelineDeps {
  const timed = <T>(step: PipelineStep, fn: () => Promise<T>) => timeAsync(hooks, step, fn);
  const sources = new WeakMap<DocumentSource, DocumentSource>();
  const instrumentSource = (source: DocumentSource): DocumentSource => ({
    ...source,
    load: (fluent, event) => timed('fetch', () => source.load(fluent, event)),
    build: (loaded, context) => timeSync(hooks, 'build', () => source.build(loaded, context)),
  });

  return {
    ...deps,
    resolveSource(event) {
      const source = deps.resolveSource(event);
      if (!source) return source;
      let wrapped = sources.get(source);
      if (!wrapped) sources.set(source, (wrapped = instrumentSource(source)));
      return wrapped;
    },
    reporter: {
      generated: (source, document) =>
        timed('report', async () => {
          const posted = await deps.reporter.generated(source, document);
          const job = currentJob();
          if (job) job.generatedType = document.documentType;
          return posted;
        }),
      delivery: (source, document) => timed('report', () => deps.reporter.delivery(source, document)),
      failed: (source, reason, failedOn) =>
        timed('report', async () => {
          const posted = await deps.reporter.failed(source, reason, failedOn);
          const job = currentJob();
          if (job) job.reportedFailure = true;
          return posted;
        }),
    },
    records: { ...bound(deps.records), assignNumber: (key, document) => timed('number', () => deps.records.assignNumber(key, document)) },
    // Options pass through: they carry a custom document's own template.
    html: { render: (document, options) => timeSync(hooks, 'template', () => deps.html.render(document, options)) },
    pdf: { ...bound(deps.pdf), renderPdf: (html, options) => timed('render', () => deps.pdf.renderPdf(html, options)) },
    store: { ...bound(deps.store), put: (key, bytes, options) => timed('store', () => deps.store.put(key, bytes, options)) },
    ...(deps.delivery && {
      delivery: { ...bound(deps.delivery), deliver: (input) => timed('deliver', () => deps.delivery!.deliver(input)) },
    }),
  };
}

/** The object's methods bound to it, so spreading an adapter (a class instance too) keeps them working. */
function bound<T extends object>(target: T): T {
  const out: Record<string, unknown> = {};
  let proto: object | null = target;
  while (proto && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = (target as Record<string, unknown>)[name];
      if (name !== 'constructor' && !(name in out)) out[name] = typeof value === 'function' ? value.bind(target) : value;
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return out as T;
}

async function timeAsync<T>(hooks: StepHooks, step: PipelineStep, fn: () => Promise<T>): Promise<T> {
  const job = currentJob();
  if (hooks.onStep && job) await hooks.onStep(step, 'before', job.eventId);
  const started = process.hrtime.bigint();
  try {
    const work = fn();
    if (hooks.onStep && job) {
      work.catch(() => undefined); // observed below; keeps a failure during the hold from going unhandled
      await hooks.onStep(step, 'during', job.eventId);
    }
    const result = await work;
    observe(hooks, step, started, 'ok');
    return result;
  } catch (error) {
    observe(hooks, step, started, 'error');
    if (job) job.failedStep ??= step;
    throw error;
  }
}

function timeSync<T>(hooks: StepHooks, step: PipelineStep, fn: () => T): T {
  const started = process.hrtime.bigint();
  try {
    const result = fn();
    observe(hooks, step, started, 'ok');
    return result;
  } catch (error) {
    observe(hooks, step, started, 'error');
    const job = currentJob();
    if (job) job.failedStep ??= step;
    throw error;
  }
}

function observe(hooks: StepHooks, step: PipelineStep, started: bigint, outcome: 'ok' | 'error'): void {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  hooks.metrics.stepSeconds.observe({ step, outcome }, seconds);
  currentJob()?.log.debug({ step, outcome, ms: Math.round(seconds * 1000) }, 'step');
}
