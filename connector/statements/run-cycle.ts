import { createHash } from 'node:crypto';
import type { StatementOptions } from '../config/statements.ts';
import type { DocumentModel, Party } from '../core/document-model.ts';
import { PermanentError } from '../core/errors.ts';
import type { AuditSink } from '../core/ports/audit-sink.ts';
import type { DocumentDelivery } from '../core/ports/document-delivery.ts';
import type { DocumentRecords } from '../core/ports/document-records.ts';
import type { DocumentStore, StoredObject } from '../core/ports/document-store.ts';
import { einvoiceKey, type EInvoiceIssuer } from '../core/ports/einvoice-issuer.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import type { HtmlRenderer } from '../core/ports/html-renderer.ts';
import type { LinkIssuer } from '../core/ports/link-issuer.ts';
import type { PdfRenderer } from '../core/ports/pdf-renderer.ts';
import type { Payout } from '../core/statement-model.ts';
import type { Database } from '../db/database.ts';
import type { Seller } from '../sellers/seller.ts';
import { commissionVatStatus } from '../sellers/vat-treatment.ts';
import { cycleOf, lastEndedCycle, type Cycle } from './cycle.ts';
import { fetchSellerActivity } from './fetch-activity.ts';
import { statementCycleEvent } from './cycle-event.ts';
import { statementOf } from './ledger.ts';
import { buildCommissionInvoice, buildSellerStatement, type StatementDocumentsInput } from './statement-documents.ts';
import { adjustmentsOf, closeCycle, countedKeys, findClosedCycle, type ClosedCycle, type StatementDocumentKind } from './statement-store.ts';
import { withNumber } from '../core/checked-model.ts';

/**
 * The cycle run for one seller: read what it sold and refunded (Fluent) and its adjustments, count
 * what the cycle owes it and close the cycle (statement-store.ts), then make its two documents:
 * render, store, e-mail to the seller, audit. Every step can run again: a closed cycle is read back,
 * never recomputed, so a rerun gives the same entries, numbers and PDFs, and stores and sends nothing
 * twice (a stored file is kept; deliveries go through the outbox).
 */
export interface StatementDeps {
  fluent: FluentClient;
  db: Database;
  html: HtmlRenderer;
  pdf: PdfRenderer;
  store: DocumentStore;
  links: LinkIssuer;
  audit: AuditSink;
  records: Pick<DocumentRecords, 'find' | 'markStored'>;
  delivery?: DocumentDelivery | undefined;
  /** E-invoices of the commission invoice where configured (FOLIO_EINVOICE_FORMATS), beside its PDF. */
  einvoice?: EInvoiceIssuer | undefined;
  /** The marketplace operator, supplier of the commission invoices (FOLIO_SELLER). */
  marketplace: Party;
  target: { accountId: string; retailerId: string };
  options: StatementOptions;
}

export const STATEMENT_TEMPLATES: Record<StatementDocumentKind, string> = {
  commission_invoice: 'commission-invoice.njk',
  seller_statement: 'seller-statement.njk',
};

/** The entity type delivery plans and message wording know these documents by. */
export const STATEMENT_DELIVERY_TYPES: Record<StatementDocumentKind, string> = {
  commission_invoice: 'COMMISSION_INVOICE',
  seller_statement: 'SELLER_STATEMENT',
};

export interface SellerCycleResult {
  sellerRef: string;
  cycleId: string;
  /** closed: by this run; already-closed: a rerun (nothing recomputed); preview: --dry-run of an open cycle. */
  outcome: 'closed' | 'already-closed' | 'preview';
  payout: Payout;
  entries: number;
  documents: { kind: StatementDocumentKind; number: string; sha256?: string; delivery?: string }[];
}

/** `last`: the seller's cycle that ended last; otherwise an id in the seller's frequency (2026-11, 2026-W45). */
export function resolveCycle(seller: Seller, cycleId: string, now: Date): Cycle {
  const cycle = cycleId === 'last' ? lastEndedCycle(seller.billingCycle, now) : cycleOf(seller.billingCycle, cycleId);
  if (cycle.end.getTime() > now.getTime()) throw new PermanentError(`cycle ${cycle.id} of ${seller.ref} ends ${cycle.end.toISOString()}: only an ended cycle can be closed`);
  return cycle;
}

export async function runSellerCycle(deps: StatementDeps, seller: Seller, cycle: Cycle, options: { dryRun: boolean }): Promise<SellerCycleResult> {
  const { accountId, retailerId } = deps.target;
  const existing = await findClosedCycle(deps.db, accountId, seller.ref, cycle.id);
  if (existing) {
    const documents = options.dryRun ? describe(existing) : await makeDocuments(deps, existing);
    return { sellerRef: seller.ref, cycleId: cycle.id, outcome: 'already-closed', payout: existing.payout, entries: existing.entries.length, documents };
  }
  const window = { from: new Date(cycle.start.getTime() - deps.options.lookbackDays * 86_400_000), to: cycle.end };
  const activities = [...(await fetchSellerActivity(deps.fluent, seller, window, deps.options)), ...(await adjustmentsOf(deps.db, accountId, seller))];
  const { entries, payout } = statementOf(seller, cycle, activities, await countedKeys(deps.db, accountId, seller.ref));
  const country = marketplaceCountry(deps.marketplace);
  const vatStatus = commissionVatStatus(seller, country);
  const input: StatementDocumentsInput = { marketplace: deps.marketplace, origin: deps.target, seller, cycle, entries, payout, vatStatus, standardRateBp: deps.options.vatRateBp };
  const invoice = buildCommissionInvoice(input);
  // An invoice the configured e-invoice formats would refuse stops here, before the cycle takes numbers.
  if (invoice && deps.einvoice) await deps.einvoice.check({ model: invoice, data: undefined, event: statementCycleEvent(deps.target, seller.ref, cycle.id) });
  const withInvoice = invoice !== undefined;
  if (options.dryRun) return { sellerRef: seller.ref, cycleId: cycle.id, outcome: 'preview', payout, entries: entries.length, documents: [] };
  const closed = await closeCycle(deps.db, { accountId, retailerId, seller, cycle, entries, payout, vatStatus, standardRateBp: deps.options.vatRateBp, withInvoice, country });
  await deps.audit.record({
    step: 'cycle-closed',
    entityRef: `${seller.ref}@${cycle.id}`,
    tenant: tenant(deps),
    details: { seller: seller.ref, cycle: cycle.id, entries: closed.entries.length, payoutMinor: closed.payout.payoutMinor, currency: seller.payoutCurrency, statement: closed.statement.number, ...(closed.invoice && { invoice: closed.invoice.number }) },
  });
  return { sellerRef: seller.ref, cycleId: cycle.id, outcome: 'closed', payout: closed.payout, entries: closed.entries.length, documents: await makeDocuments(deps, closed) };
}

function marketplaceCountry(marketplace: Party): string {
  const country = marketplace.address?.country;
  if (!country) throw new PermanentError('the marketplace has no country: commission invoice numbers and VAT are per country (set FOLIO_SELLER.address.country)');
  return country;
}

const tenant = (deps: Pick<StatementDeps, 'target'>) => `${deps.target.accountId}:${deps.target.retailerId}`;

function describe(closed: ClosedCycle): SellerCycleResult['documents'] {
  return [...(closed.invoice ? [{ kind: 'commission_invoice' as const, number: closed.invoice.number }] : []), { kind: 'seller_statement' as const, number: closed.statement.number }];
}

/** The documents of a closed cycle, built from what was closed: the same models (and bytes) every time. */
export function closedCycleDocuments(closed: ClosedCycle, marketplace: Party): { kind: StatementDocumentKind; key: string; model: DocumentModel }[] {
  const input: StatementDocumentsInput = { marketplace, origin: { accountId: closed.accountId, retailerId: closed.retailerId }, seller: closed.seller, cycle: closed.cycle, entries: closed.entries, payout: closed.payout, vatStatus: closed.vatStatus, standardRateBp: closed.standardRateBp };
  const documents: { kind: StatementDocumentKind; key: string; model: DocumentModel }[] = [];
  if (closed.invoice) {
    const invoice = buildCommissionInvoice(input, closed.statement.number);
    if (!invoice) throw new Error(`cycle ${closed.cycle.id} of ${closed.seller.ref} was closed with an invoice that now has no lines`);
    documents.push({ kind: 'commission_invoice', key: closed.invoice.key, model: withNumber(invoice, closed.invoice.number) });
  }
  documents.push({ kind: 'seller_statement', key: closed.statement.key, model: withNumber(buildSellerStatement(input, closed.invoice?.number), closed.statement.number) });
  return documents;
}

async function makeDocuments(deps: StatementDeps, closed: ClosedCycle): Promise<SellerCycleResult['documents']> {
  const results: SellerCycleResult['documents'] = [];
  for (const { kind, key, model } of closedCycleDocuments(closed, deps.marketplace)) {
    const number = model.number!;
    const stored = await renderAndStore(deps, kind, key, model, closed);
    const delivery = await deliver(deps, kind, number, stored, closed);
    results.push({ kind, number, sha256: stored.sha256, ...(delivery && { delivery }) });
  }
  return results;
}

async function renderAndStore(deps: StatementDeps, kind: StatementDocumentKind, key: string, model: DocumentModel, closed: ClosedCycle): Promise<StoredObject> {
  const record = await deps.records.find(key);
  if (record?.stored && record.status !== 'failed') return record.stored;
  const trail = { entityRef: `${closed.seller.ref}@${closed.cycle.id}`, tenant: tenant(deps) };
  const { html, templateVersion } = deps.html.render(model, { template: STATEMENT_TEMPLATES[kind] });
  const pdf = await deps.pdf.renderPdf(html);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  await deps.audit.record({ step: 'rendered', ...trail, sha256, details: { number: model.number, templateVersion, bytes: pdf.length, documentType: kind } });
  const safe = (part: string) => part.replace(/[^A-Za-z0-9._-]/g, '_');
  const pdfKey = `${safe(closed.accountId)}/${safe(closed.retailerId)}/${kind}/${safe(model.number!)}.pdf`;
  // E-invoices first: once the PDF is marked stored, a rerun relies on them being there too.
  if (kind === 'commission_invoice' && deps.einvoice) {
    const event = statementCycleEvent(deps.target, closed.seller.ref, closed.cycle.id);
    const targets = await deps.einvoice.check({ model, data: undefined, event });
    for (const file of targets.length > 0 ? await deps.einvoice.issue({ model, data: undefined, event, number: model.number!, pdf }, targets) : []) {
      await deps.store.put(einvoiceKey(pdfKey, file.suffix), file.bytes, { contentType: file.contentType, metadata: { sha256: createHash('sha256').update(file.bytes).digest('hex'), number: model.number!, documentType: kind, format: file.format } });
    }
  }
  const stored = await deps.store.put(pdfKey, pdf, { contentType: 'application/pdf', metadata: { sha256, number: model.number!, documentType: kind } });
  await deps.records.markStored(key, stored, templateVersion);
  await deps.audit.record({ step: 'stored', ...trail, documentKey: stored.key, sha256, details: { location: stored.location, documentType: kind } });
  return stored;
}

/** E-mails the document to the seller through the delivery outbox (once per channel and recipient). */
async function deliver(deps: StatementDeps, kind: StatementDocumentKind, number: string, stored: StoredObject, closed: ClosedCycle): Promise<string | undefined> {
  if (!deps.delivery || !closed.seller.email) return undefined;
  const fileName = `${number}.pdf`;
  const { viewUrl, downloadUrl } = deps.links.linksFor({ key: stored.key, tenant: tenant(deps), fileName });
  const type = STATEMENT_DELIVERY_TYPES[kind];
  const result = await deps.delivery.deliver({
    document: { key: stored.key, tenant: tenant(deps), type, number, fileName, sha256: stored.sha256, entityRef: `${closed.seller.ref}@${closed.cycle.id}`, viewUrl, downloadUrl, mediaUrl: downloadUrl },
    shopper: { email: closed.seller.email, locale: closed.seller.locale },
    locale: closed.seller.locale,
    retailer: closed.accountId,
    documentType: type,
  });
  return result.status;
}

export interface CycleRunProgress {
  done: number;
  total: number;
  result?: SellerCycleResult;
  skipped?: { sellerRef: string; reason: string };
}

/**
 * The cycle run over sellers: `cycleId` in each seller's frequency, or `last`. A seller whose
 * frequency the id does not fit is skipped with the reason, the others run; one seller's bad data
 * stops only that seller (the error is returned with it).
 */
export async function runStatementCycle(
  deps: StatementDeps,
  sellers: readonly Seller[],
  request: { cycleId: string; sellerRef?: string | undefined; dryRun: boolean; now: Date },
  onProgress: (progress: CycleRunProgress) => void = () => {},
): Promise<{ results: SellerCycleResult[]; skipped: { sellerRef: string; reason: string }[] }> {
  const chosen = request.sellerRef ? sellers.filter((s) => s.ref === request.sellerRef) : [...sellers];
  if (request.sellerRef && chosen.length === 0) throw new PermanentError(`no seller ${request.sellerRef} (known: ${sellers.map((s) => s.ref).join(', ') || 'none'})`);
  const results: SellerCycleResult[] = [];
  const skipped: { sellerRef: string; reason: string }[] = [];
  onProgress({ done: 0, total: chosen.length });
  for (const [index, seller] of chosen.entries()) {
    try {
      const result = await runSellerCycle(deps, seller, resolveCycle(seller, request.cycleId, request.now), { dryRun: request.dryRun });
      results.push(result);
      onProgress({ done: index + 1, total: chosen.length, result });
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      const skip = { sellerRef: seller.ref, reason: error.message };
      skipped.push(skip);
      onProgress({ done: index + 1, total: chosen.length, skipped: skip });
    }
  }
  return { results, skipped };
}

