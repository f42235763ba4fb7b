import { randomUUID } from 'node:crypto';
import type { FolioConfig } from '../../connector/config.ts';
import { createDocumentSources, sourceSettingsFromConfig } from '../../connector/app/document-sources.ts';
import { themedHtmlRenderer } from '../../connector/app/themes-from-config.ts';
import type { FluentClient } from '../../connector/core/ports/fluent-client.ts';
import { ATTRIBUTE, DOCUMENT_REQUESTED_EVENT } from '../../connector/fluent/contract.ts';
import { fluentEventSchema } from '../../connector/fluent/event-model.ts';
import { folioRun } from '../bench/folio.ts';
import { pooled } from './invoices.ts';
import type { InvoiceTiming } from './invoice-progress.ts';

/** Concurrencies the renderer alone is driven at; the best inside the memory budget counts (as in `npm run bench`). */
const CONCURRENCIES = [8, 16] as const;
const MEMORY_BUDGET_MB = 1024;

/**
 * The HTML the connector printed for these invoices: the same fetch, build and template steps, with the
 * number Folio gave each one (read back from the invoice's attributes), on the webhook event
 * core.SendWebhook sent (the invoice's CREATE event, renamed).
 */
export async function htmlOf(fluent: FluentClient, config: FolioConfig, invoices: readonly InvoiceTiming[]): Promise<string[]> {
  const resolve = createDocumentSources(sourceSettingsFromConfig(config));
  const html = themedHtmlRenderer(config.FOLIO_THEMES);
  return pooled(invoices.length, 4, async (i) => {
    const invoice = invoices[i]!;
    const event = fluentEventSchema.parse({
      id: randomUUID(),
      name: DOCUMENT_REQUESTED_EVENT,
      accountId: config.FLUENT_ACCOUNT_ID,
      retailerId: config.FLUENT_RETAILER_ID,
      entityType: 'INVOICE',
      entityId: invoice.id,
      entityRef: invoice.ref,
      rootEntityType: 'BILLING_ACCOUNT',
      rootEntityRef: invoice.billingAccount.ref,
      attributes: {},
    });
    const source = resolve(event);
    if (!source) throw new Error(`Folio makes no document for invoice ${invoice.ref}`);
    const model = source.build(await source.load(fluent, event), { event, locale: config.FOLIO_DEFAULT_LOCALE, timeZone: config.FOLIO_DEFAULT_TIME_ZONE, now: new Date() });
    const number = invoice.attributes?.find((a) => a.name === ATTRIBUTE.documentNumber)?.value;
    return html.render({ ...model, number: typeof number === 'string' ? number : 'INV-000000' }, source.template ? { template: source.template } : {}).html;
  });
}

export interface RendererFigures {
  docs: number;
  docsPerSecond: number;
  concurrency: number;
  documentsPerPrint: number;
  peakRssMB: number;
}

/** Folio's renderer alone (scripts/bench/folio.ts) on `htmls`, warmed on `warmUp`: its best run inside the memory budget (the first run if none is). */
export async function rendererAlone(htmls: readonly string[], warmUp: readonly string[]): Promise<RendererFigures> {
  let best: RendererFigures | undefined;
  for (const concurrency of CONCURRENCIES) {
    const run = await folioRun(htmls, concurrency, warmUp);
    if (run.peakRssMB >= MEMORY_BUDGET_MB && best) continue;
    if (!best || run.docsPerSecond > best.docsPerSecond) best = { docs: run.docs, docsPerSecond: run.docsPerSecond, concurrency, documentsPerPrint: run.documentsPerPrint, peakRssMB: run.peakRssMB };
  }
  return best!;
}
