import type { DocumentContext } from './context.ts';
import { nodesOf } from '../core/fluent-data/connection.ts';
import { attributeText } from '../core/fluent-data/fluent-types.ts';
import type { InvoiceData } from '../core/fluent-data/document-data.ts';
import { billingBuyer, billingDraftLine, checkAgainstFluentTotals, paymentTotals } from './billing.ts';
import { optionalZonedIso, zonedIso } from './dates.ts';
import { documentHeader } from './document-header.ts';
import type { DocumentModel } from '../core/document-model.ts';
import { finalizeDocument } from './finalize.ts';
import { priceLines } from './lines.ts';
import { currencyCode } from './money.ts';

export interface InvoiceSource extends InvoiceData, DocumentContext {}

/**
 * A Fluent Invoice to the document model. Debit notes are Fluent invoices of a debit type (extra
 * charges, shipping, price corrections), so they are built the same way with another document type.
 */
export function buildInvoice(source: InvoiceSource): DocumentModel {
  return buildInvoiceLike(source, 'invoice');
}

export function buildInvoiceLike(source: InvoiceSource, type: 'invoice' | 'debit_note'): DocumentModel {
  const { invoice } = source;
  const owner = `invoice ${invoice.ref}`;
  const currency = currencyCode(invoice.currency?.alphabeticCode);
  const buyer = billingBuyer(invoice.billingAccount, source.customer, owner);
  // InvoiceItem.amount is "excluding tax" in the SDL, so invoices are tax-exclusive unless configured.
  const mode = source.priceMode ?? 'tax_exclusive';
  const drafts = nodesOf(invoice.items, `${owner} items`).map((item) =>
    billingDraftLine(item, invoice.defaultTaxType, currency, owner),
  );
  const priced = priceLines(drafts, mode);
  checkAgainstFluentTotals(priced, invoice, currency, mode, owner);
  const orderRef = invoice.order?.ref ?? source.order?.ref ?? undefined;
  const accountRef = invoice.billingAccount?.ref;
  return finalizeDocument({
    type,
    ...documentHeader(source, {
      entity: { type: 'INVOICE', ref: invoice.ref, id: invoice.id },
      root: { type: 'BILLING_ACCOUNT', ref: accountRef },
      issueDate: zonedIso(invoice.issueDate, `${owner} issueDate`),
      currency,
      buyer,
      orderRef,
    }),
    supplyDate: optionalZonedIso(attributeText(invoice.attributes, ['supplyDate']), `${owner} supplyDate`),
    dueDate: optionalZonedIso(invoice.dueDate, `${owner} dueDate`),
    references: [
      // The OMS ref, so a support agent can match the document to the invoice in Fluent.
      { label: 'Reference', value: invoice.ref },
      ...(orderRef ? [{ label: 'Order', value: orderRef }] : []),
      ...(accountRef ? [{ label: 'Billing account', value: accountRef }] : []),
    ],
    lines: priced.lines,
    taxSummary: priced.taxSummary,
    totals: { ...priced.totals, ...paymentTotals(priced.totals, invoice, currency, owner) },
    notes: [],
    priceMode: mode,
  });
}
