import { PIPELINE_STEPS, type PipelineStep } from '../../connector/observe/metrics.ts';

/** Seconds spent and calls made per pipeline step, summed over outcomes, as /metrics shows them. */
export type StepTotals = Record<PipelineStep, { seconds: number; calls: number }>;

const SERIES = /^folio_step_duration_seconds_(sum|count)\{([^}]*)\} (\S+)$/gm;

/** Scrapes the connector's folio_step_duration_seconds histogram (fetch, build, number, template, render, store, report, deliver). */
export async function scrapeSteps(connectorUrl: string): Promise<StepTotals> {
  const response = await fetch(`${connectorUrl}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  const totals = Object.fromEntries(PIPELINE_STEPS.map((step) => [step, { seconds: 0, calls: 0 }])) as StepTotals;
  for (const [, kind, labels, value] of (await response.text()).matchAll(SERIES)) {
    const step = /step="([^"]+)"/.exec(labels!)?.[1] as PipelineStep | undefined;
    if (!step || !(step in totals)) continue;
    if (kind === 'sum') totals[step].seconds += Number(value);
    else totals[step].calls += Number(value);
  }
  return totals;
}

/**
 * Wall-clock milliseconds per document in each step between two scrapes (time in the step, waits
 * included, not CPU), and calls per document where a step runs more or less than once.
 */
export function stepsPerDocument(before: StepTotals, after: StepTotals, documents: number): Record<PipelineStep, { ms: number; calls: number }> {
  const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
  return Object.fromEntries(
    PIPELINE_STEPS.map((step) => {
      const seconds = after[step].seconds - before[step].seconds;
      const calls = after[step].calls - before[step].calls;
      return [step, { ms: documents > 0 ? round((seconds * 1000) / documents, 2) : 0, calls: documents > 0 ? round(calls / documents, 2) : 0 }];
    }),
  ) as Record<PipelineStep, { ms: number; calls: number }>;
}

const GENERATED = /^folio_documents_generated_total(?:\{[^}]*\})? (\S+)$/gm;

/** Documents the connector generated so far (folio_documents_generated_total, summed over its labels). */
export async function scrapeGenerated(connectorUrl: string): Promise<number> {
  const response = await fetch(`${connectorUrl}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  let total = 0;
  for (const [, value] of (await response.text()).matchAll(GENERATED)) total += Number(value);
  return total;
}
