import { createHash } from 'node:crypto';
import { DOCUMENT_GENERATED_EVENT } from '../fluent/contract.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { reportGenerated, type GeneratedDocument } from '../report/fluent-reporter.ts';
import { documentKey, storageKey, tenantOf } from './document-key.ts';
import { NothingToDoError } from './outcome.ts';
import type { PipelineDeps } from './ports.ts';

/**
 * The use case: one Fluent event in, one document out and reported back to Fluent.
 * fetch → build → number → render → store → report. Every step can run again after a crash or a
 * retry without doing anything twice: the number is tied to the document key, the file to its
 * number, and the report is idempotent on Fluent's side (attributes are upserted by name).
 */
export async function generateDocument(deps: PipelineDeps, event: FluentEvent): Promise<GeneratedDocument> {
  const now = deps.now ?? (() => new Date());
  const source = deps.resolveSource(event);
  if (!source) throw new NothingToDoError(`Folio makes no document for ${event.entityType} event ${event.name}`);
  const key = documentKey(event, source.type);
  const existing = await deps.records.find(key);

  if (existing?.stored && existing.sha256 && existing.status !== 'failed') {
    // Already rendered and stored: a replay only reports it again (e.g. the OMS retry action).
    return report(deps, event, key, source.type, existing.number, existing.stored, existing.sha256, now());
  }

  const locale = stringAttribute(event, 'locale') ?? deps.defaults.locale;
  const timeZone = stringAttribute(event, 'timeZone') ?? deps.defaults.timeZone;
  const trail = { entityRef: event.entityRef ?? `id:${event.entityId}`, tenant: tenantOf(event) };
  const loaded = await source.load(deps.fluent, event);
  await deps.audit.record({ step: 'fetched', ...trail, details: { eventId: event.id, documentType: source.type } });

  const model = source.build(loaded, { event, locale, timeZone, now: now() });
  const number = await deps.records.assignNumber(key, model);
  const numbered = { ...model, number };

  const { html, templateVersion } = deps.html.render(numbered);
  const pdf = await deps.pdf.renderPdf(html);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  await deps.audit.record({ step: 'rendered', ...trail, sha256, details: { eventId: event.id, number, templateVersion, bytes: pdf.length } });

  const stored = await deps.store.put(storageKey(event, source.type, number), pdf, {
    contentType: 'application/pdf',
    metadata: { sha256, number, documentType: source.type },
  });
  await deps.records.markStored(key, stored, templateVersion);
  await deps.audit.record({ step: 'stored', ...trail, documentKey: stored.key, sha256, details: { eventId: event.id, location: stored.location } });

  return report(deps, event, key, source.type, number, stored, sha256, now());
}

async function report(
  deps: PipelineDeps,
  event: FluentEvent,
  key: string,
  type: string,
  number: string,
  stored: { key: string; location: GeneratedDocument['storage'] },
  sha256: string,
  at: Date,
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
    sha256,
    generatedOn: at.toISOString(),
  };
  const posted = await reportGenerated(deps.fluent, event, generated);
  await deps.records.markReported(key);
  await deps.audit.record({
    step: 'reported',
    entityRef: event.entityRef ?? `id:${event.entityId}`,
    tenant: tenantOf(event),
    documentKey: stored.key,
    sha256,
    details: { eventId: event.id, fluentEventId: posted.id, event: DOCUMENT_GENERATED_EVENT },
  });
  return generated;
}

function stringAttribute(event: FluentEvent, name: string): string | undefined {
  const value = event.attributes[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
