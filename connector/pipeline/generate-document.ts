import { createHash } from 'node:crypto';
import { DOCUMENT_GENERATED_EVENT, WEBHOOK_ATTRIBUTE } from '../fluent/contract.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import type { DeliveryReport, EInvoiceReport, GeneratedDocument } from '../core/ports/document-reporter.ts';
import { einvoiceKey, type EInvoiceTarget } from '../core/ports/einvoice-issuer.ts';
import type { StoredObject } from '../core/ports/document-store.ts';
import { documentKey, documentKind, entityRefOf, storageKey, tenantOf } from '../core/document-key.ts';
import { NothingToDoError } from '../core/errors.ts';
import { shopperContact } from '../deliver/shopper-contact.ts';
import type { DocumentSource } from '../core/ports/document-source.ts';
import type { PipelineDeps } from '../core/ports/pipeline-deps.ts';
import type { DocumentModel } from '../core/document-model.ts';
import { withNumber } from '../core/checked-model.ts';
import { stepTrail, type StepTrail } from './step-trail.ts';

/**
 * The use case: one Fluent event in, one document out, reported back to Fluent and delivered.
 * fetch → build → number → render → store → report → deliver → report delivery.
 * Every step can run again after a crash or a retry without doing anything twice: the number is tied
 * to the document key, the file to its number, deliveries to the outbox, and reports are idempotent on
 * Fluent's side (attributes are upserted by name).
 */
export async function generateDocument(deps: PipelineDeps, event: FluentEvent): Promise<GeneratedDocument> {
  const steps = stepTrail(deps.audit);
  try {
    return await runPipeline(deps, event, steps);
  } catch (error) {
    // The steps done so far go in the trail before the failure does; the failure is what matters here.
    await steps.flush().catch(() => undefined);
    throw error;
  }
}

async function runPipeline(deps: PipelineDeps, event: FluentEvent, steps: StepTrail): Promise<GeneratedDocument> {
  const now = deps.now ?? (() => new Date());
  const source = deps.resolveSource(event);
  if (!source) throw new NothingToDoError(`Folio makes no document for ${event.entityType} event ${event.name}`);
  const key = documentKey(event, source.name ?? source.type);
  const trail = { entityRef: entityRefOf(event), tenant: tenantOf(event) };
  const locale = stringAttribute(event, WEBHOOK_ATTRIBUTE.locale) ?? deps.defaults.locale;
  const timeZone = stringAttribute(event, WEBHOOK_ATTRIBUTE.timeZone) ?? deps.defaults.timeZone;

  const loaded = await source.load(deps.fluent, event);
  steps.hold({ step: 'fetched', ...trail, details: { eventId: event.id, documentType: source.type } });
  const model = source.build(loaded, { event, locale, timeZone, now: now() });
  // Checked before numbering: a document whose e-invoice breaks the EN 16931 rules takes no number.
  const einvoices = deps.einvoice ? await deps.einvoice.check({ model, data: loaded, event }) : [];

  // What the built document is (an invoice of a debit type is a debit note): its storage path and report.
  const kind = documentKind(model);
  const record = await deps.records.assignNumber(key, model);
  // Already rendered and stored: a replay (e.g. the OMS retry action) reports and delivers that file.
  const { number, stored } =
    record.stored && record.status !== 'failed'
      ? { number: record.number, stored: record.stored }
      : await renderAndStore(deps, steps, event, source, { key, number: record.number }, model, kind, trail, { targets: einvoices, data: loaded });
  const withEInvoices = { kind, einvoices };

  let generated = await report(deps, steps, event, withEInvoices, number, stored, now(), trail);
  await deps.records.markReported(key);
  if (deps.delivery) {
    const result = await deps.delivery.deliver({
      document: {
        key: stored.key, tenant: tenantOf(event), type: event.entityType, number, fileName: generated.fileName, sha256: stored.sha256, entityRef: trail.entityRef, viewUrl: generated.viewUrl, downloadUrl: generated.downloadUrl, mediaUrl: generated.downloadUrl,
        ...orderUrlOf(deps, model),
        ...(einvoices.length > 0 && { attachments: einvoices.filter((t) => t.contentType === 'application/xml').map((t) => ({ key: einvoiceKey(stored.key, t.suffix), fileName: `${number}${t.suffix}`, contentType: t.contentType })) }),
      },
      shopper: shopperContact(model.buyer, loaded),
      locale: model.locale,
      retailer: event.accountId,
      documentType: event.entityType,
    });
    if (result.status !== 'no-channel') {
      const delivery: DeliveryReport = { status: result.status === 'already-sent' ? 'sent' : result.status, ...(result.channel && { channel: result.channel }), at: now().toISOString() };
      generated = await report(deps, steps, event, withEInvoices, number, stored, now(), trail, delivery);
    }
  }
  return generated;
}

async function renderAndStore(
  deps: PipelineDeps,
  steps: StepTrail,
  event: FluentEvent,
  source: DocumentSource,
  { key, number }: { key: string; number: string },
  model: DocumentModel,
  kind: string,
  trail: { entityRef: string; tenant: string },
  einvoice: { targets: readonly EInvoiceTarget[]; data: unknown },
): Promise<{ number: string; stored: StoredObject }> {
  const numbered = withNumber(model, number);
  const { html, templateVersion } = deps.html.render(numbered, source.template ? { template: source.template } : {});
  const pdf = await deps.pdf.renderPdf(html);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  steps.hold({ step: 'rendered', ...trail, sha256, details: { eventId: event.id, number, templateVersion, bytes: pdf.length } });

  // E-invoices go first: once the PDF is marked stored, a replay relies on them being there too.
  const pdfKey = storageKey(event, kind, number);
  const files = einvoice.targets.length > 0 && deps.einvoice ? await deps.einvoice.issue({ model: numbered, data: einvoice.data, event, number, pdf }, einvoice.targets) : [];
  for (const file of files) {
    await deps.store.put(einvoiceKey(pdfKey, file.suffix), file.bytes, {
      contentType: file.contentType,
      metadata: { sha256: createHash('sha256').update(file.bytes).digest('hex'), number, documentType: kind, format: file.format },
    });
  }
  const stored = await deps.store.put(pdfKey, pdf, {
    contentType: 'application/pdf',
    metadata: { sha256, number, documentType: kind },
  });
  await deps.records.markStored(key, stored, templateVersion);
  await steps.record({ step: 'stored', ...trail, documentKey: stored.key, sha256, details: { eventId: event.id, location: stored.location } });
  return { number, stored };
}

async function report(
  deps: PipelineDeps,
  steps: StepTrail,
  event: FluentEvent,
  { kind: type, einvoices }: { kind: string; einvoices: readonly EInvoiceTarget[] },
  number: string,
  stored: StoredObject,
  at: Date,
  trail: { entityRef: string; tenant: string },
  delivery?: DeliveryReport,
): Promise<GeneratedDocument> {
  const fileName = `${number}.pdf`;
  // Links name the stored file, not the record: opening one needs no database look-up.
  const { viewUrl, downloadUrl } = deps.links.linksFor({ key: stored.key, tenant: tenantOf(event), fileName });
  const generated: GeneratedDocument = {
    documentType: type,
    number,
    fileName,
    viewUrl,
    downloadUrl,
    storage: stored.location,
    sha256: stored.sha256,
    generatedOn: at.toISOString(),
    ...(einvoices.length > 0 && { einvoices: einvoiceReports(deps, event, number, stored, einvoices) }),
    ...(delivery && { delivery }),
  };
  const posted = await (delivery ? deps.reporter.delivery(event, { ...generated, delivery }) : deps.reporter.generated(event, generated));
  await steps.record({
    step: 'reported',
    ...trail,
    documentKey: stored.key,
    sha256: stored.sha256,
    details: { eventId: event.id, fluentEventId: posted.id, event: DOCUMENT_GENERATED_EVENT, ...(delivery && { delivery: delivery.status }) },
  });
  return generated;
}

/** Each stored e-invoice, by format: named, linked and located like the PDF it sits beside. */
function einvoiceReports(deps: PipelineDeps, event: FluentEvent, number: string, stored: StoredObject, targets: readonly EInvoiceTarget[]): Record<string, EInvoiceReport> {
  return Object.fromEntries(
    targets.map((target) => {
      const fileName = `${number}${target.suffix}`;
      const { downloadUrl } = deps.links.linksFor({ key: einvoiceKey(stored.key, target.suffix), tenant: tenantOf(event), fileName });
      return [target.format, { fileName, downloadUrl, path: einvoiceKey(stored.location.path, target.suffix) }];
    }),
  );
}

/** The order page messages link to, when the portal has one for this document. */
function orderUrlOf(deps: PipelineDeps, model: DocumentModel): { orderUrl?: string } {
  const orderUrl = deps.orderPage?.(model);
  return orderUrl ? { orderUrl } : {};
}

function stringAttribute(event: FluentEvent, name: string): string | undefined {
  const value = event.attributes[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
