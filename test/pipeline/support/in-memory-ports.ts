import type { AuditEventInput } from '../../../connector/core/ports/audit-sink.ts';
import type { DocumentModel } from '../../../connector/core/document-model.ts';
import type { FluentClient } from '../../../connector/core/ports/fluent-client.ts';
import type { EventApiRequest } from '../../../connector/fluent/event-model.ts';
import type { Job } from '../../../connector/core/ports/job-queue.ts';
import type { DocumentDelivery } from '../../../connector/core/ports/document-delivery.ts';
import type { DocumentRecord, DocumentRecords } from '../../../connector/core/ports/document-records.ts';
import type { HtmlRenderer } from '../../../connector/core/ports/html-renderer.ts';
import type { PipelineDeps } from '../../../connector/core/ports/pipeline-deps.ts';
import { fluentReporter } from '../../../connector/report/fluent-reporter.ts';
import type { PdfRenderer } from '../../../connector/core/ports/pdf-renderer.ts';
import type { DocumentStore, StoredObject } from '../../../connector/core/ports/document-store.ts';
import { fluentEventSchema, type FluentEvent } from '../../../connector/fluent/event-model.ts';

/**
 * Every port of the use case, in memory, with what each was asked kept for the test to read. Fluent
 * answers GraphQL by operation name (`query FolioInvoice(…)` → answers.FolioInvoice).
 */
export function inMemoryPorts(answers: Record<string, unknown>, overrides: Partial<PipelineDeps> & Pick<PipelineDeps, 'resolveSource'>) {
  const posted: EventApiRequest[] = [];
  const fluent: FluentClient = {
    async graphql<T>(query: string) {
      const operation = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '';
      if (!(operation in answers)) throw new Error(`no answer for ${operation}`);
      return answers[operation] as T;
    },
    async postEvent(event) {
      posted.push(event);
      return { id: `fluent-${posted.length}` };
    },
  };

  const rows = new Map<string, DocumentRecord>();
  let allocated = 0;
  const records: DocumentRecords = {
    async find(key) {
      const row = rows.get(key);
      return row && { ...row };
    },
    async assignNumber(key) {
      const row = rows.get(key) ?? { key, number: `N-${++allocated}`, status: 'numbered' as const };
      rows.set(key, row);
      return { ...row };
    },
    async markStored(key, stored, templateVersion) {
      rows.set(key, { ...rows.get(key)!, status: 'stored', stored, sha256: stored.sha256, templateVersion });
    },
    async markReported(key) {
      rows.set(key, { ...rows.get(key)!, status: 'reported' });
    },
    async markFailed(key) {
      rows.set(key, { ...rows.get(key)!, status: 'failed' });
    },
  };

  const rendered: { document: DocumentModel; template: string | undefined }[] = [];
  const html: HtmlRenderer = {
    render(document, options) {
      rendered.push({ document, template: options?.template });
      return { html: `<p>${document.type} ${document.number}</p>`, templateVersion: 'v1' };
    },
  };

  /** Errors the next renders throw, in order (a transient Chromium fault, say). */
  const pdfFailures: Error[] = [];
  const pdf: PdfRenderer = {
    async renderPdf(text) {
      const failure = pdfFailures.shift();
      if (failure) throw failure;
      return Buffer.from(text);
    },
    async close() {},
  };

  const files = new Map<string, Buffer>();
  const store: DocumentStore = {
    async put(key, bytes, options): Promise<StoredObject> {
      files.set(key, bytes);
      return { key, location: { provider: 'local', path: key }, size: bytes.length, sha256: options.metadata?.sha256 ?? '', contentType: options.contentType };
    },
    async open() {
      throw new Error('not used by the use case');
    },
    async ping() {
      return true;
    },
  };

  const audit: AuditEventInput[] = [];
  // The outbox's promise, in memory: one message per stored document, whatever the number of runs.
  const sent = new Map<string, number>();
  const delivery: DocumentDelivery = {
    async deliver({ document }) {
      if (sent.has(document.key)) return { status: 'already-sent', channel: 'email', tried: [] };
      sent.set(document.key, sent.size + 1);
      return { status: 'sent', channel: 'email', tried: [] };
    },
    async close() {},
  };

  const deps: PipelineDeps = {
    fluent,
    records,
    html,
    pdf,
    store,
    links: { linksFor: ({ key }) => ({ viewUrl: `https://folio.test/view/${key}`, downloadUrl: `https://folio.test/download/${key}` }) },
    audit: { record: async (event) => audit.push(event) },
    // The real adapter over the in-memory Fluent: tests read the reports as the events it posted.
    reporter: fluentReporter(fluent),
    delivery,
    defaults: { locale: 'en', timeZone: 'UTC' },
    now: () => new Date('2026-03-01T10:00:00Z'),
    ...overrides,
  };
  return { deps, posted, rows, rendered, pdfFailures, files, audit, sent };
}

export function fluentEvent(fields: Record<string, unknown>): FluentEvent {
  return fluentEventSchema.parse({ id: 'evt-1', name: 'FolioDocumentRequested', accountId: 'NORDWIND', retailerId: '1', ...fields });
}

export function job(event: FluentEvent, attempt = 1, maxAttempts = 3): Job {
  return { id: `job-${event.id}`, key: event.id, event, attempt, maxAttempts };
}

/** A JobLogger that keeps its lines. */
export function memoryLog() {
  const lines: { level: 'info' | 'warn'; message: string; fields: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (fields: Record<string, unknown>, message: string) => lines.push({ level: 'info', message, fields }),
    warn: (fields: Record<string, unknown>, message: string) => lines.push({ level: 'warn', message, fields }),
  };
}
