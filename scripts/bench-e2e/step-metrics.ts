import { PIPELINE_STEPS, type PipelineStep } from '../../connector/observe/metrics.ts';

/** Seconds spent and calls made per pipeline step, summed over outcomes, as /metrics shows them. */
export type StepTotals = Record<PipelineStep, { seconds: number; calls: number }>;

const SERIES = /^folio_step_duration_seconds_(sum|count)\{([^}]*)\} (\S+)$/gm;

/** Scrapes the connector's folio_step_duration_seconds histogram (fetch, build, number, template, render, store, report, deliver). */
export async function scrapeSteps(connectorUrl: string): Promise<StepTotals> {
  const text = await metricsText(connectorUrl);
  const totals = Object.fromEntries(PIPELINE_STEPS.map((step) => [step, { seconds: 0, calls: 0 }])) as StepTotals;
  for (const [, kind, labels, value] of text.matchAll(SERIES)) {
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
  let total = 0;
  for (const [, value] of (await metricsText(connectorUrl)).matchAll(GENERATED)) total += Number(value);
  return total;
}

/** Chromium print calls and the PDFs they delivered (folio_pdf_print_calls_total, folio_pdf_printed_documents_total). */
export interface PrintTotals {
  calls: number;
  documents: number;
}

export async function scrapePrints(connectorUrl: string): Promise<PrintTotals> {
  const text = await metricsText(connectorUrl);
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { calls: value('folio_pdf_print_calls_total'), documents: value('folio_pdf_printed_documents_total') };
}

/** Documents per print call between two scrapes, summed over processes (0 when nothing was printed). */
export function documentsPerPrint(before: readonly PrintTotals[], after: readonly PrintTotals[]): number {
  const sum = (totals: readonly PrintTotals[], field: keyof PrintTotals) => totals.reduce((total, item) => total + item[field], 0);
  const calls = sum(after, 'calls') - sum(before, 'calls');
  return calls > 0 ? Math.round(((sum(after, 'documents') - sum(before, 'documents')) / calls) * 100) / 100 : 0;
}

async function metricsText(connectorUrl: string): Promise<string> {
  const response = await fetch(`${connectorUrl}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  return response.text();
}
