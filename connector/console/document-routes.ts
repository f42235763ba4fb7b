import { Router, type NextFunction, type Request, type Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { DOCUMENT_TYPES } from '../core/document-model.ts';
import type { ChannelName } from '../core/ports/delivery-channel.ts';
import { EINVOICE_FORMATS, FORMAT_SPECS } from '../einvoice/formats.ts';
import { problem } from '../http/problem.ts';
import { contentDisposition } from '../store/content-disposition.ts';
import { newOccasion, regenerate, resend, retryFailed, revokeLinks } from './actions.ts';
import type { ConsoleContext } from './console-context.ts';
import { csvHeader, csvRows } from './csv.ts';
import { BadCursorError, listDocuments, listFiltersSchema, type ListFilters } from './document-list.ts';
import { documentDetails, einvoiceKey, findDocument, type ConsoleDocument } from './document-view.ts';
import { findOrder } from './order-view.ts';
import type { Permission } from './roles.ts';

/** The PDF the preview frame shows: framed by the console only. */
const PDF_CSP = "default-src 'none'; frame-ancestors 'self'; object-src 'self'; plugin-types application/pdf";
const CHANNELS = ['email', 'sms', 'whatsapp'] as const;
const EXPORT_LIMIT = 10_000;

/** Orders and documents: the list and its CSV export, the order view, the document view and its actions. */
export function documentRoutes({ options, render, refuse, sessionOf, form, sameOrigin, checkCsrf, allow, flashOf, notDone }: ConsoleContext): Router {
  const router = Router();
  const parseFilters = (query: Request['query']) => {
    const raw = Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const parsed = listFiltersSchema.safeParse(raw);
    if (parsed.success) return { filters: parsed.data, problems: [] as string[] };
    return { filters: {} as ListFilters, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  };
  const queryOf = (filters: ListFilters, after?: string) => {
    const entries = Object.entries({ ...filters, after }).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '' && (e[0] !== 'after' || after !== undefined));
    return new URLSearchParams(entries).toString();
  };

  router.get('/console/documents', async (request, response) => {
    const { operator } = sessionOf(response);
    const { filters, problems } = parseFilters(request.query);
    let page;
    try {
      page = await listDocuments(options.db, operator, filters);
    } catch (error) {
      if (!(error instanceof BadCursorError)) throw error;
      response.status(400);
      page = { rows: [] };
      problems.push(error.message);
    }
    if (problems.length) response.status(400);
    render(response, 'documents.njk', {
      title: 'Orders and documents',
      section: 'documents',
      filters,
      problems,
      rows: page.rows,
      next: page.next,
      query: queryOf(filters),
      ...(page.next && { nextQuery: queryOf(filters, page.next) }),
      retailers: operator.retailers.includes('*') ? undefined : operator.retailers,
      types: [...DOCUMENT_TYPES.filter((t) => t !== 'custom')],
      statuses: ['numbered', 'stored', 'reported', 'failed'],
    });
  });

  router.get('/console/documents.csv', async (request, response) => {
    const { operator } = sessionOf(response);
    const { filters, problems } = parseFilters(request.query);
    if (problems.length) return problem(response, 400, 'bad filters', problems.join('; '));
    response.set({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': contentDisposition('attachment', 'folio-documents.csv') });
    response.write(csvHeader());
    // Up to EXPORT_LIMIT rows, a page at a time, the same scoped query as the list.
    let after: string | undefined;
    for (let written = 0; written < EXPORT_LIMIT; ) {
      const page = await listDocuments(options.db, operator, { ...filters, ...(after && { after }) }, 1000);
      response.write(csvRows(page.rows));
      written += page.rows.length;
      if (!page.next) break;
      after = page.next;
    }
    response.end();
  });

  router.get('/console/orders/:tenant/:orderRef', async (request: Request<{ tenant: string; orderRef: string }>, response) => {
    const order = await findOrder(options.db, sessionOf(response).operator, request.params.tenant, request.params.orderRef);
    if (!order) return refuse(response, 404, 'No such order', 'No order with that ref among the retailers you may see.');
    render(response, 'order.njk', { title: `Order ${order.orderRef}`, section: 'documents', order });
  });

  // The document named in the path, if this operator may see it; a 404 page otherwise.
  const withDocument = async (request: Request<{ key: string }>, response: Response, next: NextFunction) => {
    const document = await findDocument(options.db, sessionOf(response).operator, request.params.key);
    if (!document) return refuse(response, 404, 'No such document', 'No document with that key among the retailers you may see.');
    response.locals['document'] = document;
    next();
  };
  const documentOf = (response: Response) => response.locals['document'] as ConsoleDocument;
  const backTo = (response: Response, document: ConsoleDocument, flash: string) =>
    response.redirect(303, `/console/documents/${encodeURIComponent(document.key)}?flash=${encodeURIComponent(flash)}`);

  router.get('/console/documents/:key', withDocument, async (request, response) => {
    const document = documentOf(response);
    const details = await documentDetails(options.db, options.store, document);
    const flash = flashOf(request);
    render(response, 'document.njk', {
      title: `${document.documentType} ${document.number}`,
      section: 'documents',
      details,
      channels: options.resend?.delivery.channels() ?? [],
      occasion: newOccasion(),
      ...(flash && { flash }),
    });
  });

  router.get('/console/documents/:key/pdf', withDocument, async (_request, response) => {
    const document = documentOf(response);
    if (!document.storageKey) return refuse(response, 404, 'No file', 'This document has no stored file.');
    const opened = await options.store.open(document.storageKey);
    response.set({
      'content-security-policy': PDF_CSP,
      'x-frame-options': 'SAMEORIGIN',
      'content-type': 'application/pdf',
      'content-length': String(opened.size),
      'content-disposition': contentDisposition('inline', `${document.number}.pdf`),
    });
    await pipeline(opened.stream, response);
  });

  router.get('/console/documents/:key/files/:format', withDocument, async (request: Request<{ key: string; format: string }>, response) => {
    const document = documentOf(response);
    const format = z.enum(EINVOICE_FORMATS).safeParse(request.params.format);
    if (!format.success || !document.storageKey) return refuse(response, 404, 'No such file', 'No e-invoice file of that format.');
    const key = einvoiceKey(document.storageKey, format.data);
    const opened = await options.store.open(key).catch(() => undefined);
    if (!opened) return refuse(response, 404, 'No such file', 'No e-invoice file of that format.');
    response.set({ 'content-type': FORMAT_SPECS[format.data].contentType, 'content-disposition': contentDisposition('attachment', key.split('/').at(-1)!) });
    await pipeline(opened.stream, response);
  });

  const action = (permission: Permission) => [sameOrigin, form, checkCsrf, allow(permission), withDocument] as const;

  router.post('/console/documents/:key/resend', ...action('resend'), async (request, response) => {
    const channel = z.enum(CHANNELS).safeParse(request.body?.channel);
    const occasion = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/).safeParse(request.body?.occasion);
    if (!channel.success || !occasion.success) return refuse(response, 400, 'Not done', 'Choose a channel (email, sms or whatsapp) on the document page.');
    try {
      const result = await resend(options, sessionOf(response).operator, documentOf(response), channel.data as ChannelName, occasion.data);
      backTo(response, documentOf(response), result.status === 'sent' || result.status === 'already-sent' ? 'resend-sent' : result.status === 'unconfirmed' ? 'resend-unconfirmed' : 'resend-failed');
    } catch (error) {
      notDone(response, error);
    }
  });

  router.post('/console/documents/:key/retry', ...action('retry'), async (_request, response) => {
    try {
      const result = await retryFailed(options, sessionOf(response).operator, documentOf(response).key);
      backTo(response, documentOf(response), result.status === 'queued' ? 'retried' : 'already-queued');
    } catch (error) {
      notDone(response, error);
    }
  });

  router.post('/console/documents/:key/regenerate', ...action('regenerate'), async (_request, response) => {
    try {
      const result = await regenerate(options, sessionOf(response).operator, documentOf(response));
      backTo(response, documentOf(response), result.status === 'queued' ? 'regenerated' : 'already-queued');
    } catch (error) {
      notDone(response, error);
    }
  });

  router.post('/console/documents/:key/revoke', ...action('revoke'), async (request, response) => {
    const reason = z.string().trim().min(1).max(200).safeParse(request.body?.reason);
    if (!reason.success) return refuse(response, 400, 'Not done', 'Give a reason (up to 200 characters) for revoking the links.');
    try {
      await revokeLinks(options, sessionOf(response).operator, documentOf(response), reason.data);
      backTo(response, documentOf(response), 'revoked');
    } catch (error) {
      notDone(response, error);
    }
  });

  return router;
}
